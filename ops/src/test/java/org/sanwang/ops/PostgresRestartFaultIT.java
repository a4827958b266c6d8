package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted under load, the hub (one node) left running: while the database is away
 * {@code /health/ready} says not ready and writes are refused with 503 problem+json (never a 2xx
 * that is then lost); once it is back, the same hub process takes writes again, and every post and
 * press that got its 2xx is there exactly once (writers retry a refused write with the same
 * clientMsgId or seq, so nothing is done twice either).
 */
class PostgresRestartFaultIT {
  static final List<String> GROUPS = ClusterNodes.Load.groups(4);
  /** Three posting, two pressing. */
  static final int WRITERS = 5;

  @Test
  void writesDuringAPostgresRestartAreRefusedWith503AndEveryAcknowledgedOneIsKeptOnce() throws Exception {
    Path log = Path.of("target", "postgres-restart-fault-hub.log").toAbsolutePath();
    try (var pg = LocalPostgres.start()) {
      var db = pg.createDatabase();
      try (var hub = new HubProcess(HubFixture.processEnv(db, HubFixture.tempDir()), log).heap("384m").start()) {
        var admin = new HubClient(hub.port());
        String token = admin.login("admin", HubFixture.ADMIN_PASSWORD);
        var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(ClusterNodes.organisation()));
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        long pid = hub.pid();

        var load = new ClusterNodes.Load(() -> List.of(hub.port()), token, GROUPS, ClusterNodes.devices().subList(0, 2), WRITERS - 2,
            Duration.ofMillis(50), Duration.ofSeconds(90)).start();
        try {
          await().atMost(Duration.ofSeconds(30)).until(() -> load.postsAcknowledged() >= 60 && load.presses.size() >= 10);

          long down = System.nanoTime();
          pg.stopServer("fast");
          int failuresBefore = load.failures.size();
          // Not ready, and writes refused, while the database is away.
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            var ready = new HubClient(hub.port()).get("/health/ready");
            return ready.status() == 503 && ready.contentType().startsWith("application/problem+json");
          });
          // Twice per writer: the first refusals come at once (broken connections), the next once a new
          // connection or the request timeout gives up.
          await().atMost(Duration.ofSeconds(60)).until(() -> load.failures.size() >= failuresBefore + 2 * WRITERS);
          int acknowledgedWhileDown = load.postsAcknowledged();
          System.out.printf("[pg-restart] PostgreSQL down; not ready after %.1f s; %d writes refused so far%n",
              (System.nanoTime() - down) / 1e9, load.failures.size());

          pg.startServer();
          long up = System.nanoTime();
          System.out.printf("[pg-restart] PostgreSQL was down %.1f s%n", (up - down) / 1e9);
          await("/health/ready answers 200 again once PostgreSQL is back").atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
              .until(() -> new HubClient(hub.port()).get("/health/ready").status() == 200);
          await("posts acknowledged again").atMost(Duration.ofSeconds(60))
              .until(() -> load.postsAcknowledged() >= acknowledgedWhileDown + 60);
          System.out.printf("[pg-restart] ready again %.1f s after PostgreSQL started%n", (System.nanoTime() - up) / 1e9);
        } finally {
          load.stop();
        }

        assertThat(hub.isAlive()).isTrue();
        assertThat(hub.pid()).as("the same hub process throughout").isEqualTo(pid);
        assertThat(load.gaveUp).as("writes never acknowledged within 90 s of retries").isEmpty();
        assertThat(load.failures).as("refusals while PostgreSQL was away").isNotEmpty();
        assertThat(load.failures).as("every refusal is a 503 problem+json:" + ClusterNodes.Load.describe(load.failures))
            .allMatch(ClusterNodes.Load.Failure::problem503);

        assertEveryAcknowledgedPostIsThereOnce(admin, load);
        assertEveryAcknowledgedPressCountedOnce(admin, load);

        // And new writes after it all, on the same hub process.
        var after = admin.post("/api/v1/groups/" + GROUPS.get(0) + "/messages", Map.of("text", "after", "clientMsgId", "after"));
        assertThat(after.status()).as(after.raw()).isEqualTo(201);
        System.out.printf("[pg-restart] %d posts and %d presses acknowledged, %d refusals (all 503 problem+json), "
            + "%d retries%n", load.posts.size(), load.presses.size(), load.failures.size(), load.retriedWrites.get());
      }
    }
  }

  static void assertEveryAcknowledgedPostIsThereOnce(HubClient admin, ClusterNodes.Load load) {
    var problems = new ArrayList<String>();
    var byGroup = load.posts.stream().collect(Collectors.groupingBy(ClusterNodes.Load.Post::group));
    for (String group : GROUPS) {
      var stored = readAll(admin, group);
      var texts = new HashSet<String>();
      for (int i = 0; i < stored.size(); i++) {
        var m = stored.get(i);
        if (m.get("offset").asLong() != i + 1) problems.add(group + ": offset " + m.get("offset") + " at position " + (i + 1));
        if (!texts.add(m.get("text").asText())) problems.add(group + ": '" + m.get("text").asText() + "' stored twice");
      }
      var acknowledged = byGroup.getOrDefault(group, List.of());
      for (var p : acknowledged) {
        var m = p.offset() <= stored.size() ? stored.get((int) p.offset() - 1) : null;
        if (m == null || !m.get("id").asText().equals(p.id()) || !m.get("text").asText().equals(p.text()))
          problems.add(group + ": acknowledged " + p + " is not there (found " + m + ")");
      }
      // Every writer finished the post it was on, so the history holds exactly the acknowledged posts.
      if (stored.size() != acknowledged.size())
        problems.add(group + ": " + stored.size() + " messages stored, " + acknowledged.size() + " acknowledged");
    }
    assertThat(problems).as("posts lost or stored twice").isEmpty();
  }

  static void assertEveryAcknowledgedPressCountedOnce(HubClient admin, ClusterNodes.Load load) {
    var pressesByAlert = new HashMap<String, Integer>();
    load.presses.forEach(p -> pressesByAlert.merge(p.alertId(), 1, Integer::sum));
    for (var e : pressesByAlert.entrySet()) {
      var alert = admin.get("/api/v1/alerts/" + e.getKey());
      assertThat(alert.status()).as(alert.raw()).isEqualTo(200);
      assertThat(alert.body().get("pressCount").asInt()).as("presses of alert %s: each acknowledged, counted once", e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  static List<JsonNode> readAll(HubClient client, String group) {
    var all = new ArrayList<JsonNode>();
    long after = 0;
    while (true) {
      var page = client.get("/api/v1/groups/" + group + "/messages?limit=500&after=" + after).body();
      page.get("messages").forEach(all::add);
      if (page.get("messages").isEmpty()) return all;
      after = page.get("next").asLong();
    }
  }
}
