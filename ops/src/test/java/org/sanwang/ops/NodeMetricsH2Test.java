package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One hub node on H2, a group post and a press, then {@code GET /metrics} as Prometheus scrapes it:
 * shards and entities per type, cluster members, journal write latency per journal, the alert's
 * time to notify, and the networks' outbox depth.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeMetricsH2Test {
  static final String B07 = "130803001001-B07";

  private HubNode node;
  private HubClient admin;
  private HubClient wang;

  @BeforeAll
  void start() throws Exception {
    node = HubNode.start(HubNode.load(HubFixture.embedded(HubFixture.tempDir())));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
    wang = new HubClient(node.httpPort());
    wang.login("wangfang", OrgDocuments.PASSWORD);
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  String scrape() {
    var r = new HubClient(node.httpPort()).get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    return r.raw();
  }

  /** The value of the one sample {@code name{labels}} (labels as written, in order), if scraped. */
  static Optional<Double> sample(String metrics, String name, String labels) {
    String braces = labels.isEmpty() ? "(\\{\\})?" : "\\{" + Pattern.quote(labels) + ",?\\}";
    var m = Pattern.compile("(?m)^" + Pattern.quote(name) + braces + " (\\S+)$").matcher(metrics);
    return m.find() ? Optional.of(Double.parseDouble(m.group(m.groupCount()))) : Optional.empty();
  }

  @Test
  void aPostAndAPressShowOnMetrics() {
    var posted = wang.post("/api/v1/groups/" + B07 + "/messages", Map.of("text", "今晚停水", "clientMsgId", "m-1"));
    assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
    var pressed = new HubClient(node.httpPort()).device(CallFlowH2Test.DEVICE, CallFlowH2Test.SECRET, "call", "{\"seq\":1}");
    assertThat(pressed.status()).as(pressed.raw()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      var metrics = scrape();
      assertThat(sample(metrics, "sanwang_shards", "type=\"Group\"")).hasValueSatisfying(v -> assertThat(v).isGreaterThan(0));
      assertThat(sample(metrics, "sanwang_entities", "type=\"Group\"")).hasValueSatisfying(v -> assertThat(v).isGreaterThan(0));
      assertThat(sample(metrics, "sanwang_entities", "type=\"Alert\"")).hasValueSatisfying(v -> assertThat(v).isGreaterThan(0));
      assertThat(sample(metrics, "sanwang_shards", "type=\"Wish\"")).as("a type with nothing running yet").isPresent();
      assertThat(sample(metrics, "sanwang_cluster_members", "status=\"up\"")).contains(1.0);
      assertThat(sample(metrics, "sanwang_cluster_members", "status=\"unreachable\"")).contains(0.0);
      assertThat(sample(metrics, "sanwang_journal_write_seconds_count", "journal=\"default\""))
          .hasValueSatisfying(v -> assertThat(v).isGreaterThan(0));
      assertThat(sample(metrics, "sanwang_journal_write_seconds_count", "journal=\"urgent\""))
          .hasValueSatisfying(v -> assertThat(v).isGreaterThan(0));
      assertThat(metrics).contains("sanwang_journal_write_seconds_bucket{journal=\"urgent\",le=");
      assertThat(sample(metrics, "sanwang_alert_time_to_notify_seconds_count", ""))
          .hasValueSatisfying(v -> assertThat(v).isGreaterThan(0));
      assertThat(sample(metrics, "sanwang_network_outbox_depth", "network=\"party\"")).contains(0.0);
      assertThat(sample(metrics, "sanwang_network_outbox_depth", "network=\"community\"")).contains(0.0);
    });
  }
}
