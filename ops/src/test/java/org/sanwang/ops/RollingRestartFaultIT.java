package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart of a three-node cluster under steady load: posters (group posts with clientMsgId)
 * and pressers (device presses with seq) send to any live node and, on a failure or timeout, try the
 * same write again on the next live node, as real clients behind a load balancer do. Each node in turn
 * is stopped gracefully (SIGTERM: it leaves the cluster and hands its shards over), waited for, started
 * again and waited for. Afterwards every acknowledged post is in its group's history exactly once and
 * nothing else is, every acknowledged press is counted once in its alert, no alert notified anyone
 * twice in one step, and every refusal was a 503 problem+json or a refused connection, overcome by retries.
 */
class RollingRestartFaultIT {
  @Test
  void aRollingRestartUnderLoadLosesNothingAcknowledgedAndDoesNothingTwice() throws Exception {
    try (var cluster = new ClusterNodes(HubFixture.freshPostgresDatabase(), 3, "rolling-restart-fault", Map.of(), true)
        .startAll()) {
      var admin = new HubClient(cluster.port(0));
      String token = admin.login("admin", HubFixture.ADMIN_PASSWORD);
      var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(ClusterNodes.organisation()));
      assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
      var policy = Map.of("steps", List.of(
              Map.of("after", "PT0S", "notify", List.of("building_head")),
              Map.of("after", "PT20S", "notify", List.of("community_duty"))),
          "repeatEvery", "PT60S", "arriveWithin", "PT15M");
      assertThat(admin.put("/api/v1/communities/130803001001/escalation-policy", policy).status()).isEqualTo(200);

      var load = new ClusterNodes.Load(cluster::livePorts, token, PostgresRestartFaultIT.GROUPS, ClusterNodes.devices().subList(0, 2),
          2, Duration.ofMillis(100), Duration.ofSeconds(60)).start();
      long started = System.nanoTime();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> load.postsAcknowledged() >= 20);
        for (int i = 0; i < cluster.size(); i++) {
          long t = System.nanoTime();
          assertThat(cluster.stop(i, Duration.ofSeconds(60))).as("node %d left by itself after SIGTERM", i + 1).isTrue();
          long stopped = System.nanoTime();
          cluster.restart(i);
          System.out.printf("[rolling-restart] node %d: stopped in %.1f s, back and joined in %.1f s; %d posts, %d presses "
                  + "acknowledged so far, %d refusals%n", i + 1, (stopped - t) / 1e9, (System.nanoTime() - stopped) / 1e9,
              load.posts.size(), load.presses.size(), load.failures.size());
        }
        int after = load.postsAcknowledged();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.postsAcknowledged() >= after + 20);
      } finally {
        load.stop();
      }
      System.out.printf("[rolling-restart] %.1f s under load: %d posts and %d presses acknowledged, %d refusals, %d retries%n",
          (System.nanoTime() - started) / 1e9, load.posts.size(), load.presses.size(), load.failures.size(),
          load.retriedWrites.get());

      System.out.printf("[rolling-restart] refusals by status (0: no answer): %s%n", load.failures.stream().collect(
          java.util.stream.Collectors.groupingBy(ClusterNodes.Load.Failure::status, java.util.stream.Collectors.counting())));
      assertThat(load.gaveUp).as("writes never acknowledged within 60 s of retries").isEmpty();
      assertThat(load.failures).as("refusals are 503 problem+json or refused connections:" + ClusterNodes.Load.describe(load.failures))
          .allMatch(f -> f.problem503() || f.status() == 0);
      PostgresRestartFaultIT.assertEveryAcknowledgedPostIsThereOnce(admin, load);
      PostgresRestartFaultIT.assertEveryAcknowledgedPressCountedOnce(admin, load);
      for (String alertId : load.presses.stream().map(ClusterNodes.Load.Press::alertId).distinct().toList())
        assertNoOneNotifiedTwiceInAStep(admin, alertId);
    }
  }

  static void assertNoOneNotifiedTwiceInAStep(HubClient admin, String alertId) {
    var alert = admin.get("/api/v1/alerts/" + alertId);
    assertThat(alert.status()).as(alert.raw()).isEqualTo(200);
    var steps = new HashSet<String>();
    var notified = new HashSet<String>();
    var twice = new ArrayList<String>();
    for (var e : alert.body().get("timeline")) {
      switch (e.get("type").asText()) {
        case "step" -> {
          if (!steps.add(e.get("text").asText())) twice.add("step " + e);
          notified.clear();
        }
        case "notified" -> {
          if (!notified.add(e.path("to").asText() + "|" + e.path("channel").asText() + "|" + e.path("text").asText()))
            twice.add("notification " + e);
        }
        default -> { }
      }
    }
    assertThat(twice).as("steps and notifications of %s made twice", alertId).isEmpty();
    assertThat(steps).as("steps of %s", alertId).isNotEmpty();
  }
}
