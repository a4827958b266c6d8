package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanwang.ops.netsim.NetSim;

/**
 * The network edge under {@code kill -9} of the hub on PostgreSQL, against ops/netsim as the
 * community network: a pull feed killed mid-way resumes at its stored cursor (every event stored
 * once, no page fetched again but the one in flight), and callbacks queued while the endpoint was
 * down survive the kill and drain in order, each delivered once, when it comes back.
 */
class NetworkEdgeSurvivesKillPostgresIT {
  static final List<String> BUILDINGS = List.of("130803001001-B07", "130803001001-B08", "130803001001-B09");
  private final String secret = NetworkConnectorContract.secret();
  private NetSim netsim;

  @BeforeEach
  void startNetsim() throws Exception {
    netsim = NetSim.start(new NetSim.Options(URI.create("http://127.0.0.1:1"), 0, Map.of("community", secret, "party", secret,
        "governance", secret), Optional.empty(), 0, List.of(), 0, List.of(), 1, 1, 0, List.of("130803001001"), false), line -> { });
  }

  @AfterEach
  void stopNetsim() {
    if (netsim != null) netsim.close();
  }

  Map<String, String> env(HubFixture.Db db, Path dir) {
    var env = new HashMap<>(HubFixture.processEnv(db, dir));
    env.put("SANWANG_NETWORK_SECRET_COMMUNITY", secret);
    env.put("SANWANG_NETWORK_FEED_COMMUNITY", netsim.feedUrl("community"));
    env.put("SANWANG_NETWORK_CALLBACK_COMMUNITY", netsim.callbackUrl("community"));
    env.put("SANWANG_NETWORK_POLL_EVERY", "PT0.2S");
    return env;
  }

  static long stored(HubClient admin) {
    var s = admin.get("/api/v1/networks/community").body();
    return s.get("pending").asLong() + s.get("applied").asLong() + s.at("/quarantine/size").asLong();
  }

  @Test
  void aFeedKilledMidWayResumesAtItsCursorNeitherSkippingNorRepeating() throws Exception {
    int total = 3000;
    for (int i = 0; i < total; i++)
      netsim.append("community", ((com.fasterxml.jackson.databind.node.ObjectNode) netsim.sampleEvent("community").deepCopy())
          .put("id", "feed-" + i).put("subject", BUILDINGS.get(i % BUILDINGS.size())));
    var db = HubFixture.freshPostgresDatabase();
    Path dir = HubFixture.tempDir();
    Path log = Path.of("target", "network-feed-kill-hub.log").toAbsolutePath();

    try (var hub = new HubProcess(env(db, dir), log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
      // Killed as soon as a page is stored, while the next is on its way.
      await().atMost(Duration.ofSeconds(60)).until(() -> netsim.feedRequests().stream().anyMatch(r -> r.cursor() != null));
      hub.kill();
    }
    int fetchedBefore = fetched();

    try (var hub = new HubProcess(env(db, dir), log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      await().atMost(Duration.ofSeconds(90)).until(() -> stored(admin) == total);
      var status = admin.get("/api/v1/networks/community").body();
      assertThat(status.at("/feed/cursor").asText()).isEqualTo(Integer.toString(total));
      assertThat(status.at("/counts/lastHour/duplicates").asLong() + status.at("/counts/lastHour/accepted").asLong())
          .as("after the restart only what was not stored, and at most the page in flight again")
          .isLessThanOrEqualTo(total - (fetchedBefore - 500L) + 500L);
    }
    assertThat(fetched()).as("events fetched in all, with at most one page fetched twice").isLessThanOrEqualTo(total + 500);
  }

  private int fetched() {
    return netsim.feedRequests().stream().filter(r -> r.status() == 200).mapToInt(NetSim.FeedRequest::events).sum();
  }

  @Test
  void callbacksQueuedWhileTheEndpointIsDownSurviveAKillAndDrainInOrder() throws Exception {
    netsim.failNext("community", 503, 1000, Duration.ofSeconds(1));
    var db = HubFixture.freshPostgresDatabase();
    Path dir = HubFixture.tempDir();
    Path log = Path.of("target", "network-outbox-kill-hub.log").toAbsolutePath();
    var alerts = new ArrayList<String>();

    try (var hub = new HubProcess(env(db, dir), log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
      for (int i = 0; i < 3; i++) {
        var press = admin.device("dev-0001", "device-secret-0001-abcdef", "call", "{\"seq\":" + (i + 1) + "}");
        assertThat(press.status()).as(press.raw()).isEqualTo(202);
        String id = press.body().get("alertId").asText();
        assertThat(admin.post("/api/v1/alerts/" + id + "/resolve", Map.of("note", "已处理")).status()).isEqualTo(200);
        alerts.add("alert-closed-" + id);
      }
      await().atMost(Duration.ofSeconds(30)).until(() ->
          admin.get("/api/v1/networks/community/outbox?state=pending").body().get("items").size() == 3
              && netsim.attempts().stream().anyMatch(c -> !c.delivered()));
      hub.kill();
    }
    netsim.recover("community");

    try (var hub = new HubProcess(env(db, dir), log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      await().atMost(Duration.ofSeconds(60)).until(() ->
          netsim.received().stream().filter(NetSim.Callback::delivered).count() >= 3);
      var delivered = netsim.received().stream().filter(NetSim.Callback::delivered).map(NetSim.Callback::webhookId).toList();
      assertThat(delivered).isEqualTo(alerts);
      assertThat(admin.get("/api/v1/networks/community").body().at("/outbox/endpoint/state").asText()).isEqualTo("ok");
    }
  }
}
