package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanwang.ops.bench.SseCrowd;

/**
 * More live streams than Pekko HTTP's default connection limit (1,024) on one node: every client is
 * answered and gets the message posted to its group, through one shared subscription per group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyStreamsH2Test {
  static final int CLIENTS = 1_100;
  static final List<String> GROUPS = List.of("130803001001", "130803001001-B07", "130803001001-B08", "130803001001-B09",
      "130803001001-B10", "130803001001-B11", "130803001001-B12", "130803001001-B13");

  private HubNode node;
  private HubClient admin;
  private String token;

  @BeforeAll
  void start() throws Exception {
    Path dir = HubFixture.tempDir();
    node = HubNode.start(HubNode.load(HubFixture.embedded(dir)));
    admin = new HubClient(node.httpPort());
    token = admin.login("admin", HubFixture.ADMIN_PASSWORD);
    var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan()));
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  @Test
  void moreThan1024StreamClientsAreAnsweredAndEachGetsItsGroupsMessage() throws Exception {
    try (var crowd = new SseCrowd("127.0.0.1", node.httpPort())) {
      for (int i = 0; i < CLIENTS; i++) crowd.open("/api/v1/groups/" + GROUPS.get(i % GROUPS.size()) + "/stream", token);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(crowd.ok()).isEqualTo(CLIENTS));
      await().untilAsserted(() -> assertThat(metric("sanwang_stream_clients{kind=\"group\"}")).isEqualTo(CLIENTS));
      assertThat(metric("sanwang_stream_subscriptions")).as("one per group, not one per client").isLessThanOrEqualTo(GROUPS.size() + 4);

      for (var g : GROUPS)
        assertThat(admin.post("/api/v1/groups/" + g + "/messages", Map.of("text", "通知：今晚停水", "clientMsgId", "many-" + g))
            .status()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(crowd.clients()).allSatisfy(c -> assertThat(c.frames()).isEqualTo(1)));
      assertThat(crowd.closedCount()).isZero();
    }
    // A closed client is noticed at the latest when the next heartbeat (every 15 s) cannot be written.
    await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
      assertThat(metric("sanwang_stream_clients{kind=\"group\"}")).isZero();
      assertThat(metric("sanwang_stream_subscriptions")).isLessThanOrEqualTo(2);
    });
  }

  private double metric(String series) {
    var text = admin.get("/metrics").raw();
    return text.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst().orElse(Double.NaN);
  }
}
