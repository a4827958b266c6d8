package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two networks' callback endpoint (a real local HTTP server) answers 503 for a long stretch while the
 * hub (one node, PostgreSQL) makes changes they must hear of: governance cases accepted and resolved,
 * alerts closed (community). Their outboxes grow to every change; once the endpoint answers 204 again
 * they drain, each callback delivered exactly once and, per subject, in the order the changes were made.
 * Retry backoffs are shortened by system properties (200 ms doubling to 1 s; the 503s carry
 * {@code Retry-After: 1}).
 */
class CallbackOutageFaultIT {
  static final int CASES = 4;
  static final int ALERTS_PER_DEVICE = 2;

  /** The endpoint: 503 with Retry-After while failing, else 204; records every request. */
  static final class Endpoint implements AutoCloseable {
    record Call(String network, String webhookId, String subject, String type, int answered) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile boolean failing = true;
    private final HttpServer server;

    Endpoint() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/callbacks", exchange -> {
        var body = HubClient.JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        int status = failing ? 503 : 204;
        String network = exchange.getRequestURI().getPath().substring("/callbacks/".length());
        calls.add(new Call(network, exchange.getRequestHeaders().getFirst("webhook-id"), body.path("subject").asText(),
            body.path("type").asText(), status));
        if (status == 503) exchange.getResponseHeaders().add("Retry-After", "1");
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
    }

    String url(String network) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks/" + network;
    }

    List<Call> delivered(String network) {
      return calls.stream().filter(c -> c.network().equals(network) && c.answered() == 204).toList();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void callbacksQueuedThroughALongOutageDrainInOrderPerSubjectEachOnce() throws Exception {
    String governanceSecret = NetworkConnectorContract.secret();
    Path log = Path.of("target", "callback-outage-fault-hub.log").toAbsolutePath();
    try (var endpoint = new Endpoint()) {
      var env = new HashMap<>(HubFixture.processEnv(HubFixture.freshPostgresDatabase(), HubFixture.tempDir()));
      env.put("SANWANG_NETWORK_CALLBACK_COMMUNITY", endpoint.url("community"));
      env.put("SANWANG_NETWORK_CALLBACK_GOVERNANCE", endpoint.url("governance"));
      env.put("SANWANG_NETWORK_SECRET_GOVERNANCE", governanceSecret);
      try (var hub = new HubProcess(env, log).heap("384m")
          .jvmOptions("-Dsanwang.networks.callback-backoff-min=200ms", "-Dsanwang.networks.callback-backoff-max=1s").start()) {
        var admin = new HubClient(hub.port());
        admin.login("admin", HubFixture.ADMIN_PASSWORD);
        var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(ClusterNodes.organisation()));
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        long started = System.nanoTime();

        // Changes the governance network hears of: cases it reported, accepted then resolved in the hub.
        var governance = new NetworkSender(new HubClient(hub.port()), "governance", governanceSecret);
        var buildings = AcknowledgedWritesSurviveKillContract.GROUPS;
        var caseIds = new ArrayList<String>();
        for (int i = 0; i < CASES; i++) {
          String id = "AJ-outage-" + i + "-" + NetworkConnectorContract.marker();
          caseIds.add(id);
          var answer = governance.send(NetworkSender.event("urn:governance:test", id, "governance.case.reported",
              buildings.get(i % 2), Map.of("caseId", id, "category", "environment", "description", "楼道堆放杂物 " + i)));
          assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        }
        for (String id : caseIds) {
          await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/cases/" + id).status() == 200);
          assertThat(admin.post("/api/v1/cases/" + id + "/accept", Map.of("note", "受理")).status()).isEqualTo(200);
          assertThat(admin.post("/api/v1/cases/" + id + "/resolve", Map.of("note", "已处理")).status()).isEqualTo(200);
        }
        // Changes the community network hears of: alerts closed, two after another for each device.
        int alerts = 0;
        for (int round = 0; round < ALERTS_PER_DEVICE; round++) {
          for (var device : ClusterNodes.devices()) {
            var press = admin.device(device.id(), device.secret(), "call", "{\"seq\":" + (round + 1) + "}");
            assertThat(press.status()).as(press.raw()).isEqualTo(202);
            var resolved = admin.post("/api/v1/alerts/" + press.body().get("alertId").asText() + "/resolve", Map.of("note", "ok"));
            assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
            alerts++;
          }
        }

        // The outboxes grow to every change while the endpoint keeps failing.
        int expectedCommunity = alerts;
        int expectedGovernance = 2 * CASES;
        await().atMost(Duration.ofSeconds(60)).until(() ->
            pending(admin, "community").size() == expectedCommunity && pending(admin, "governance").size() == expectedGovernance);
        // A long stretch of refusals: every subject's head of line refused several times.
        await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.calls.stream().filter(c -> c.answered() == 503)
            .collect(Collectors.groupingBy(Endpoint.Call::subject, Collectors.counting())).values().stream()
            .filter(n -> n >= 4).count() >= 4);
        var duringOutage = Map.of("community", status(admin, "community").at("/outbox/endpoint"),
            "governance", status(admin, "governance").at("/outbox/endpoint"));
        var queuedCommunity = inQueueOrder(pending(admin, "community"));
        var queuedGovernance = inQueueOrder(pending(admin, "governance"));
        assertThat(queuedGovernance.stream().map(i -> i.get("type").asText()).distinct())
            .containsExactlyInAnyOrder("governance.case.accepted", "governance.case.resolved");
        long refused = endpoint.calls.stream().filter(c -> c.answered() == 503).count();
        System.out.printf("[callback-outage] %d + %d callbacks queued, %d attempts refused over %.1f s%n",
            queuedCommunity.size(), queuedGovernance.size(), refused, (System.nanoTime() - started) / 1e9);

        endpoint.failing = false;
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.delivered("community").size() >= expectedCommunity
            && endpoint.delivered("governance").size() >= expectedGovernance
            && pending(admin, "community").isEmpty() && pending(admin, "governance").isEmpty());
        System.out.printf("[callback-outage] drained %.1f s after the endpoint came back%n", (System.nanoTime() - back) / 1e9);

        assertDrainedInOrderEachOnce(endpoint, "community", queuedCommunity);
        assertDrainedInOrderEachOnce(endpoint, "governance", queuedGovernance);
        // Checked last, so that the drain is checked whatever the status showed.
        for (String network : List.of("community", "governance"))
          assertThat(duringOutage.get(network).get("state").asText())
              .as("%s endpoint state while every attempt got 503: %s", network, duringOutage.get(network)).isEqualTo("failing");
        for (String network : List.of("community", "governance"))
          await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
              assertThat(status(admin, network).at("/outbox/endpoint/state").asText()).isEqualTo("ok"));
      }
    }
  }

  /** Delivered (2xx) exactly the queued items, each once, and per subject in the order they were queued. */
  static void assertDrainedInOrderEachOnce(Endpoint endpoint, String network, List<JsonNode> queued) {
    var delivered = endpoint.delivered(network);
    assertThat(delivered.stream().map(Endpoint.Call::webhookId).toList()).as("%s: each callback delivered once", network)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(queued.stream().map(i -> i.get("id").asText()).toList());
    Map<String, List<String>> expected = new LinkedHashMap<>();
    queued.forEach(i -> expected.computeIfAbsent(i.get("subject").asText(), s -> new ArrayList<>()).add(i.get("id").asText()));
    Map<String, List<String>> actual = new LinkedHashMap<>();
    delivered.forEach(c -> actual.computeIfAbsent(c.subject(), s -> new ArrayList<>()).add(c.webhookId()));
    assertThat(actual).as("%s: per subject, in the order queued", network).isEqualTo(expected);
    assertThat(expected.values().stream().anyMatch(ids -> ids.size() > 1)).as("some subject had several callbacks").isTrue();
  }

  static JsonNode status(HubClient admin, String network) {
    return admin.get("/api/v1/networks/" + network).body();
  }

  static List<JsonNode> pending(HubClient admin, String network) {
    var items = new ArrayList<JsonNode>();
    admin.get("/api/v1/networks/" + network + "/outbox?state=pending&limit=500").body().get("items").forEach(items::add);
    return items;
  }

  /** The outbox lists newest first: oldest first is the order the changes were queued. */
  static List<JsonNode> inQueueOrder(List<JsonNode> newestFirst) {
    var items = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(items);
    return items;
  }
}
