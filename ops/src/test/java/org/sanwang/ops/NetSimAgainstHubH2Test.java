package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanwang.ops.netsim.NetSim;

/**
 * ops/netsim and the hub meet over real HTTP as the demo has them: netsim's signed pushes are taken
 * (its unmapped ids wait in quarantine), the hub polls netsim's feed, and netsim verifies the hub's
 * callbacks, including one refused for a while (503, Retry-After) and then taken.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetSimAgainstHubH2Test {
  private final String secret = NetworkConnectorContract.secret();
  private NetSim netsim;
  private HubNode node;
  private HubClient admin;

  @BeforeAll
  void start() throws Exception {
    netsim = NetSim.start(new NetSim.Options(URI.create("http://127.0.0.1:1"), 0, Map.of("party", secret, "governance", secret,
        "community", secret), Optional.empty(), 0, List.of(), 0, List.of(), 7, 10, 0, List.of("130803001001"), false), line -> { });
    var settings = HubFixture.embedded(HubFixture.tempDir());
    for (String n : List.of("party", "governance", "community")) settings.put("sanwang.network-secrets." + n, secret);
    settings.put("sanwang.networks.feed.community", netsim.feedUrl("community"));
    settings.put("sanwang.networks.callback.community", netsim.callbackUrl("community"));
    settings.put("sanwang.networks.poll-every", "PT0.2S");
    settings.put("sanwang.networks.callback-backoff-min", "100ms");
    node = HubNode.start(HubNode.load(settings));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
    netsim.close();
    // The same simulator, now pointed at the hub it started before.
    netsim = NetSim.start(new NetSim.Options(URI.create("http://127.0.0.1:" + node.httpPort()), portOf(settings), Map.of("party",
        secret, "governance", secret, "community", secret), Optional.empty(), 0, List.of(), 0, List.of(), 7, 10, 0,
        List.of("130803001001"), false), line -> { });
  }

  private static int portOf(Map<String, Object> settings) {
    return URI.create(settings.get("sanwang.networks.feed.community").toString()).getPort();
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
    if (netsim != null) netsim.close();
  }

  @Test
  void netsimsSignedPushesAreTakenAndItsUnmappedIdsWaitInQuarantine() {
    var notice = (ObjectNode) netsim.sampleEvent("party").deepCopy();
    notice.put("type", "party.notice").put("subject", "130803001001-B07");
    var unmapped = (ObjectNode) notice.deepCopy();
    unmapped.put("id", notice.get("id").asText() + "-unmapped").put("subject", "NB-0999");

    var one = netsim.push("party", notice);
    var batch = netsim.pushBatch("party", List.of(notice, unmapped));

    assertThat(one.status()).isEqualTo(202);
    assertThat(batch.status()).isEqualTo(202);
    assertThat(batch.body()).contains("\"duplicates\":1").contains("\"quarantined\":1");
    assertThat(admin.get("/api/v1/networks/party/quarantine").body().get("items").findValuesAsText("subject")).contains("NB-0999");
  }

  @Test
  void theHubTakesNetsimsFeedPageByPage() {
    var ids = new ArrayList<String>();
    for (int i = 0; i < 30; i++) {
      var e = (ObjectNode) netsim.sampleEvent("community").deepCopy();
      e.put("type", "community.notice").put("subject", "130803001001-B08");
      e.set("data", HubClient.JSON.valueToTree(Map.of("title", "feed-" + i, "body", "停水通知")));
      netsim.append("community", e);
      ids.add(e.get("id").asText());
    }

    await().atMost(Duration.ofSeconds(30)).until(() ->
        admin.get("/api/v1/groups/130803001001-B08/messages?after=0&limit=100").raw().contains("feed-29"));
    assertThat(netsim.feedRequests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(admin.get("/api/v1/networks/community").body().at("/feed/state").asText()).isEqualTo("ok");
  }

  @Test
  void netsimVerifiesTheHubsCallbackAfterRefusingItForAWhile() {
    netsim.failNext("community", 503, 2, Duration.ofSeconds(1));
    var press = admin.device("dev-0002", "device-secret-0002-abcdef", "call", "{}");
    String alertId = press.body().get("alertId").asText();
    assertThat(admin.post("/api/v1/alerts/" + alertId + "/cancel", Map.of("note", "误按")).status()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> netsim.received().stream()
        .anyMatch(c -> c.webhookId().equals("alert-closed-" + alertId)));
    var got = netsim.received().stream().filter(c -> c.webhookId().equals("alert-closed-" + alertId)).findFirst().orElseThrow();
    assertThat(got.type()).isEqualTo("community.alert.closed");
    assertThat(got.data().get("state").asText()).isEqualTo("cancelled");
    assertThat(netsim.attempts().stream().filter(c -> ("alert-closed-" + alertId).equals(c.webhookId())).count()).isEqualTo(3);
  }
}
