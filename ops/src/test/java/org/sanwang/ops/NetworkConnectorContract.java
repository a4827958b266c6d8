package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.OutboundEvent;
import org.sanwang.connectors.core.WebhookSigning;

/**
 * What every network's connector promises (CONTRACT "The three networks"), run against a real hub
 * on H2 over HTTP with a real local callback endpoint: signatures (and rotation), dedup, a bad batch
 * kept whole out, quarantine with reasons, mapping then replay, order per subject, and the outbox's
 * retries, order and disabling. Each network's test extends this with its own events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NetworkConnectorContract {
  static final String BUILDING = "130803001001-B07";
  static final String OTHER_BUILDING = "130803001001-B08";

  /** The network under test: party, governance or community. */
  abstract Network network();

  /** An event of this network, addressed to {@code subject}, carrying {@code marker} in its text. */
  abstract ObjectNode event(String id, String subject, String marker);

  /** The same type of event with its first required data field left out, and that field's name. */
  abstract String requiredField();

  /** Waits until the hub shows the event with {@code marker}, sent to {@code building}, took effect as this network's events do. */
  abstract void awaitApplied(String building, String marker);

  /** The markers of this network's applied events in {@code building}, in the order they took effect. */
  abstract List<String> appliedInOrder(String building);

  final String signingSecret = secret();
  final String oldSecret = secret();
  final String source = "urn:" + getClass().getSimpleName() + ":test";
  HubNode node;
  HubClient admin;
  NetworkSender underTest;
  CallbackStub callbacks;

  static String secret() {
    var bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return "whsec_" + Base64.getEncoder().encodeToString(bytes);
  }

  @BeforeAll
  void start() throws Exception {
    callbacks = new CallbackStub();
    var settings = HubFixture.embedded(HubFixture.tempDir());
    settings.put("sanwang.network-secrets." + network().id(), signingSecret + "," + oldSecret);
    settings.put("sanwang.networks.callback." + network().id(), callbacks.url());
    settings.put("sanwang.networks.callback-backoff-min", "100ms");
    settings.put("sanwang.networks.alert-callbacks-to", network() == Network.COMMUNITY ? "community" : "");
    node = HubNode.start(HubNode.load(settings));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.everyRole())).status()).isEqualTo(200);
    underTest = new NetworkSender(new HubClient(node.httpPort()), network().id(), signingSecret);
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
    if (callbacks != null) callbacks.close();
  }

  String path(String rest) {
    return "/api/v1/networks/" + network().id() + rest;
  }

  static String marker() {
    return "m-" + UUID.randomUUID().toString().substring(0, 8);
  }

  JsonNode quarantineItem(String eventId) {
    for (var item : admin.get(path("/quarantine?limit=500")).body().get("items"))
      if (item.at("/event/id").asText().equals(eventId)) return item;
    return null;
  }

  // In: signatures

  @Test
  void anEventWithoutAValidSignatureIsRefusedAndNothingOfItIsKept() {
    String marker = marker();
    var event = event("bad-sig-" + marker, BUILDING, marker).toString();
    var forged = new NetworkSender(new HubClient(node.httpPort()), network().id(), secret());
    var unsigned = new HubClient(node.httpPort()).post(path("/events"), NetworkSender.CE, event, Map.of());
    var stale = underTest.signed(NetworkSender.CE, event, Instant.now().minus(Duration.ofMinutes(6)));

    assertThat(forged.signed(NetworkSender.CE, event, Instant.now()).status()).isEqualTo(401);
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.body().get("detail").asText()).contains("webhook-signature");
    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.body().get("detail").asText()).startsWith("webhook-timestamp");
    // Nothing was kept: the same event, now signed, is new.
    assertThat(underTest.signed(NetworkSender.CE, event, Instant.now()).body().get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void everyListedSecretVerifiesSoASecretCanBeRotated() {
    var withOld = new NetworkSender(new HubClient(node.httpPort()), network().id(), oldSecret);
    String marker = marker();

    var answer = withOld.send(event("rotated-" + marker, BUILDING, marker));

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.body().get("accepted").asInt()).isEqualTo(1);
  }

  // In: dedup and whole batches

  @Test
  void aRepeatedEventIsCountedAsADuplicateAndAppliedOnce() {
    String marker = marker();
    var event = event("dup-" + marker, BUILDING, marker);

    var first = underTest.send(event);
    var again = underTest.batch(List.of(event, event));

    assertThat(first.status()).isEqualTo(202);
    assertThat(first.body().get("accepted").asInt()).isEqualTo(1);
    assertThat(again.body().get("accepted").asInt()).isZero();
    assertThat(again.body().get("duplicates").asInt()).isEqualTo(2);
    awaitApplied(BUILDING, marker);
    assertThat(appliedInOrder(BUILDING)).containsOnlyOnce(marker);
  }

  @Test
  void theSameIdFromAnotherSourceIsAnotherEvent() {
    String marker = marker();
    var event = event("same-id-" + marker, BUILDING, marker);
    underTest.send(event);
    event.put("source", source + ":other");

    assertThat(underTest.send(event).body().get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void aBatchWithOneBadEventIsRefusedNamingItAndNoneOfItIsKept() {
    String marker = marker();
    var good = event("batch-good-" + marker, BUILDING, marker);
    var bad = event("batch-bad-" + marker, BUILDING, marker);
    ((ObjectNode) bad.get("data")).remove(requiredField());

    var answer = underTest.batch(List.of(good, good.deepCopy().put("id", "batch-good2-" + marker), bad));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().get("detail").asText()).startsWith("[2].data." + requiredField());
    // Nothing of the request was kept: the good event is new when sent again.
    assertThat(underTest.send(good).body().get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void aMalformedCloudEventIsRefusedNamingTheField() {
    var event = event("no-subject", BUILDING, marker());
    event.remove("subject");

    var answer = underTest.send(event);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().get("detail").asText()).startsWith("subject");
  }

  // Quarantine and replay

  @Test
  void anUnmappedSubjectIsQuarantinedWithAReasonAndAppliesOnReplayOnceMapped() {
    String marker = marker();
    String external = "EXT-" + marker;
    String id = "unmapped-" + marker;

    var answer = underTest.send(event(id, external, marker));

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.body().get("quarantined").asInt()).isEqualTo(1);
    var item = quarantineItem(id);
    assertThat(item).isNotNull();
    assertThat(item.get("reasonCode").asText()).isEqualTo("unmapped_subject");
    assertThat(item.get("reason").asText()).contains(external);
    assertThat(item.get("reasonZh").asText()).contains(external);
    assertThat(item.at("/event/data")).isEqualTo(event(id, external, marker).get("data"));
    assertThat(item.get("receivedAt").asText()).isNotBlank();

    var stillUnmapped = admin.post(path("/quarantine/" + item.get("offset").asLong() + "/replay"), Map.of());
    assertThat(stillUnmapped.body().get("applied").asBoolean()).isFalse();
    assertThat(quarantineItem(id)).isNotNull();

    assertThat(admin.put(path("/mappings/" + external), Map.of("code", BUILDING)).status()).isEqualTo(200);
    var replayed = admin.post(path("/quarantine/" + item.get("offset").asLong() + "/replay"), Map.of());
    assertThat(replayed.status()).isEqualTo(200);
    assertReplayed(replayed.body(), id, marker);
  }

  /** What a replay of a now-mapped event comes to: applied and out of quarantine (unless the network says otherwise). */
  void assertReplayed(JsonNode replayed, String id, String marker) {
    assertThat(replayed.get("applied").asBoolean()).isTrue();
    assertThat(quarantineItem(id)).isNull();
    awaitApplied(BUILDING, marker);
  }

  @Test
  void everythingQuarantinedSinceATimeIsReplayedInOrder() {
    Instant since = Instant.now().minusSeconds(1);
    String external = "EXT-ALL-" + marker();
    var markers = IntStream.range(0, 3).mapToObj(i -> marker()).toList();
    markers.forEach(m -> underTest.send(event("all-" + m, external, m)));
    admin.put(path("/mappings/" + external), Map.of("code", OTHER_BUILDING));

    var answer = admin.post(path("/quarantine/replay"), Map.of("since", since.toString()));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("replayed").asInt()).isGreaterThanOrEqualTo(3);
    assertReplayedAll(answer.body(), markers);
  }

  void assertReplayedAll(JsonNode answer, List<String> markers) {
    await().atMost(Duration.ofSeconds(20)).until(() -> appliedInOrder(OTHER_BUILDING).containsAll(markers));
    assertThat(appliedInOrder(OTHER_BUILDING).stream().filter(markers::contains).toList()).isEqualTo(markers);
  }

  @Test
  void aMappingIsListedAndRemovedAndAnUnknownCodeIsRefused() {
    String external = "EXT-MAP-" + marker();
    assertThat(admin.put(path("/mappings/" + external), Map.of("code", "130803001001-B99")).status()).isEqualTo(400);
    assertThat(admin.put(path("/mappings/" + external), Map.of("code", BUILDING)).status()).isEqualTo(200);
    assertThat(admin.get(path("/mappings")).body().get("mappings").findValuesAsText("externalId")).contains(external);

    assertThat(admin.delete(path("/mappings/" + external)).status()).isEqualTo(204);
    assertThat(admin.delete(path("/mappings/" + external)).status()).isEqualTo(404);
  }

  // Order

  @Test
  void aSubjectsEventsTakeEffectInTheOrderTheyWereReceived() {
    var markers = IntStream.range(0, 12).mapToObj(i -> marker()).toList();
    var events = new ArrayList<JsonNode>();
    markers.forEach(m -> events.add(event("order-" + m, "130803001001-B09", m)));

    assertThat(underTest.batch(events.subList(0, 6)).status()).isEqualTo(202);
    events.subList(6, 12).forEach(underTest::send);

    await().atMost(Duration.ofSeconds(20)).until(() -> appliedInOrder("130803001001-B09").containsAll(markers));
    assertThat(appliedInOrder("130803001001-B09").stream().filter(markers::contains).toList()).isEqualTo(markers);
  }

  // Out

  OutboundEvent callback(String subject) {
    var data = OutboundEvent.data().put("n", UUID.randomUUID().toString());
    return OutboundEvent.of("cb-" + UUID.randomUUID(), network().id() + ".test.callback", subject, Instant.now(), data);
  }

  void enqueue(OutboundEvent e) {
    assertThat(node.networks().edge(network()).enqueue(e).toCompletableFuture().join()).isTrue();
  }

  @Test
  void aCallbackIsRetriedWithTheSameIdUntilTheEndpointTakesItAndIsSignedEveryTime() {
    callbacks.answerNext(new CallbackStub.Answer(503, "1"), new CallbackStub.Answer(500, null));
    var e = callback("S-retry-" + marker());

    enqueue(e);

    await().atMost(Duration.ofSeconds(30)).until(() -> callbacks.delivered().stream().anyMatch(r -> r.webhookId().equals(e.id())));
    var attempts = callbacks.received.stream().filter(r -> r.webhookId().equals(e.id())).toList();
    assertThat(attempts).hasSize(3).allSatisfy(r -> {
      assertThat(r.body()).isEqualTo(e.json());
      assertThat(r.contentType()).startsWith("application/cloudevents+json");
      assertThat(WebhookSigning.of(signingSecret).refusal(r.body(), callbacks.headersOf(r))).isEmpty();
    });
    var item = admin.get(path("/outbox?state=delivered")).body().get("items");
    assertThat(item.findValuesAsText("id")).contains(e.id());
  }

  @Test
  void aSubjectsCallbacksArriveInOrderAfterTheEndpointComesBack() {
    callbacks.answerNext(new CallbackStub.Answer(503, "1"), new CallbackStub.Answer(503, "1"), new CallbackStub.Answer(503, "1"));
    String subject = "S-order-" + marker();
    var sent = IntStream.range(0, 5).mapToObj(i -> callback(subject)).toList();

    sent.forEach(this::enqueue);

    var ids = sent.stream().map(OutboundEvent::id).toList();
    await().atMost(Duration.ofSeconds(30)).until(() -> callbacks.delivered().stream().map(CallbackStub.Received::webhookId)
        .filter(ids::contains).count() == ids.size());
    assertThat(callbacks.delivered().stream().map(CallbackStub.Received::webhookId).filter(ids::contains).toList()).isEqualTo(ids);
  }

  @Test
  void a410DisablesTheEndpointUntilAnAdminReEnablesIt() {
    callbacks.answerNext(new CallbackStub.Answer(410, null));
    var e = callback("S-gone-" + marker());
    enqueue(e);
    await().atMost(Duration.ofSeconds(20))
        .until(() -> admin.get(path("")).body().at("/outbox/endpoint/state").asText().equals("disabled"));
    var status = admin.get(path("")).body();
    assertThat(status.at("/outbox/endpoint/lastError").asText()).contains("410");
    assertThat(status.at("/outbox/depth").asInt()).isGreaterThanOrEqualTo(1);

    var enabled = admin.post(path("/callback/enable"), Map.of());

    assertThat(enabled.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> callbacks.delivered().stream().anyMatch(r -> r.webhookId().equals(e.id())));
  }

  @Test
  void theStatusCountsWhatTheNetworkSent() {
    var before = admin.get(path("")).body().at("/counts/lastHour");
    String marker = marker();
    var event = event("count-" + marker, BUILDING, marker);
    underTest.send(event);
    underTest.send(event);
    new HubClient(node.httpPort()).post(path("/events"), NetworkSender.CE, event.toString(), Map.of());

    var after = admin.get(path("")).body().at("/counts/lastHour");

    assertThat(after.get("received").asLong() - before.get("received").asLong()).isEqualTo(2);
    assertThat(after.get("accepted").asLong() - before.get("accepted").asLong()).isEqualTo(1);
    assertThat(after.get("duplicates").asLong() - before.get("duplicates").asLong()).isEqualTo(1);
    assertThat(after.get("rejected").asLong() - before.get("rejected").asLong()).isEqualTo(1);
    assertThat(new HubClient(node.httpPort()).get("/metrics").raw())
        .contains("sanwang_network_events_total{network=\"" + network().id() + "\",outcome=\"accepted\"}");
  }
}
