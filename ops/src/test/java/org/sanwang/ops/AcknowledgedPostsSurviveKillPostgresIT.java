package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost: writers post into several groups as fast as they can, the hub is
 * killed with SIGKILL mid-load, and after a restart every post that got a 201 is there at its
 * offset with its id, and every group's offsets run 1..n without a gap.
 */
class AcknowledgedPostsSurviveKillPostgresIT {
  record Ack(String group, long offset, String id, String text) {}

  static final List<String> GROUPS = List.of("130803001001-B07", "130803001001-B08", "130803001001-B09",
      "130803001001-B10", "130803001001-B11", "130803001001-B12", "130803001001-B13");

  @Test
  void everyAcknowledgedPostSurvivesKillMinusNine() throws Exception {
    var db = HubFixture.freshPostgresDatabase();
    Path dir = HubFixture.tempDir();
    var env = HubFixture.processEnv(db, dir);
    Path log = Path.of("target", "kill-test-hub.log").toAbsolutePath();
    var acks = new ConcurrentLinkedQueue<Ack>();
    try (var hub = new HubProcess(env, log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);

      var stop = new AtomicBoolean();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      for (int w = 0; w < 8; w++) {
        int writer = w;
        writers.submit(() -> {
          for (int i = 0; !stop.get() && i < 100_000; i++) {
            String group = GROUPS.get((writer + i) % GROUPS.size());
            String text = "w" + writer + "-" + i;
            try {
              var r = admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", text, "clientMsgId", text));
              if (r.status() == 201) acks.add(new Ack(group, r.body().get("offset").asLong(), r.body().get("id").asText(), text));
            } catch (RuntimeException e) {
              return; // the hub is gone
            }
          }
        });
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= 400);
      hub.kill();
      stop.set(true);
      writers.shutdown();
      assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    try (var hub = new HubProcess(env, log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      for (String group : GROUPS) {
        var stored = readAll(admin, group);
        for (int i = 0; i < stored.size(); i++)
          assertThat(stored.get(i).get("offset").asLong()).as("offsets of %s run without a gap", group).isEqualTo(i + 1);
        var byOffset = new java.util.HashMap<Long, JsonNode>();
        stored.forEach(m -> byOffset.put(m.get("offset").asLong(), m));
        acks.stream().filter(a -> a.group().equals(group)).forEach(a -> {
          var m = byOffset.get(a.offset());
          assertThat(m).as("acknowledged %s", a).isNotNull();
          assertThat(m.get("id").asText()).isEqualTo(a.id());
          assertThat(m.get("text").asText()).isEqualTo(a.text());
        });
      }
      var after = admin.post("/api/v1/groups/" + GROUPS.get(0) + "/messages", Map.of("text", "after restart"));
      assertThat(after.body().get("offset").asLong()).isEqualTo(readAll(admin, GROUPS.get(0)).size());
    }
    assertThat(acks).hasSizeGreaterThanOrEqualTo(400);
  }

  private static List<JsonNode> readAll(HubClient client, String group) {
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
