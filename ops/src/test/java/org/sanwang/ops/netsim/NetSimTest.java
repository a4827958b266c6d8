package org.sanwang.ops.netsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanwang.connectors.core.WebhookSigning;

class NetSimTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PARTY = secret(1);
  static final String GOVERNANCE = secret(2);
  static final String COMMUNITY = secret(3);
  static final String OTHER = secret(9);
  static final Map<String, String> SECRETS = Map.of("party", PARTY, "governance", GOVERNANCE, "community", COMMUNITY);

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> printed = new CopyOnWriteArrayList<>();
  private NetSim underTest;
  private StandInHub hub;

  @AfterEach
  void stop() {
    if (underTest != null) underTest.close();
    if (hub != null) hub.close();
  }

  // ---- the pull feed ------------------------------------------------------------------------

  @Test
  void aSignedFeedRequestGetsThePageAfterItsCursor() throws Exception {
    underTest = quiet();
    for (int i = 0; i < 3; i++) underTest.append("community", notice(i));

    var first = feed("community", "", COMMUNITY);
    assertThat(first.statusCode()).isEqualTo(200);
    var page = JSON.readTree(first.body());
    assertThat(page.get("events")).extracting(e -> e.path("data").path("title").asText()).containsExactly("通知0", "通知1", "通知2");
    assertThat(page.get("next").asText()).isEqualTo("3");

    var caughtUp = JSON.readTree(feed("community", "?cursor=3&limit=500", COMMUNITY).body());
    assertThat(caughtUp.get("events")).isEmpty();
    assertThat(caughtUp.get("next").asText()).isEqualTo("3");

    var one = JSON.readTree(feed("community", "?cursor=1&limit=1", COMMUNITY).body());
    assertThat(one.get("events")).extracting(e -> e.path("data").path("title").asText()).containsExactly("通知1");
    assertThat(one.get("next").asText()).isEqualTo("2");
    assertThat(underTest.feedRequests()).extracting(NetSim.FeedRequest::cursor, NetSim.FeedRequest::events)
        .containsExactly(tuple(null, 3), tuple("3", 0),
            tuple("1", 1));
  }

  @Test
  void aFeedRequestSignedWithAnotherSecretOrNotAtAllOrLongAgoIsRefusedWith401() throws Exception {
    underTest = quiet();
    underTest.append("community", notice(0));

    var otherSecret = feed("community", "", OTHER);
    assertThat(otherSecret.statusCode()).isEqualTo(401);
    assertThat(otherSecret.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(otherSecret.body()).get("detail").asText()).startsWith("webhook-signature");
    assertThat(otherSecret.body()).doesNotContain("通知0");

    var unsigned = http.send(HttpRequest.newBuilder(URI.create(underTest.feedUrl("community"))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(401);

    var stale = HttpRequest.newBuilder(URI.create(underTest.feedUrl("community")));
    WebhookSigning.of(COMMUNITY).sign("msg_stale", Instant.now().minus(Duration.ofMinutes(6)), "").forEach(stale::header);
    var staleAnswer = http.send(stale.GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(staleAnswer.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(staleAnswer.body()).get("detail").asText()).startsWith("webhook-timestamp");

    // Another network's secret does not open this network's feed.
    assertThat(feed("community", "", PARTY).statusCode()).isEqualTo(401);
  }

  @Test
  void everySecretOfARotationOpensTheFeed() throws Exception {
    underTest = NetSim.start(options(List.of("--secret-community", OTHER + "," + COMMUNITY)), printed::add);

    assertThat(feed("community", "", COMMUNITY).statusCode()).isEqualTo(200);
    assertThat(feed("community", "", OTHER).statusCode()).isEqualTo(200);
  }

  @Test
  void aCursorBeyondTheEndIsOfAnEarlierRunSoThePollIsServedFromTheStart() throws Exception {
    underTest = quiet();
    underTest.append("community", notice(0));
    underTest.append("community", notice(1));

    var page = JSON.readTree(feed("community", "?cursor=300", COMMUNITY).body());

    assertThat(page.get("events")).extracting(e -> e.path("data").path("title").asText()).containsExactly("通知0", "通知1");
    assertThat(page.get("next").asText()).isEqualTo("2");
    assertThat(printed).anyMatch(l -> l.contains("cursor=300 is beyond this feed's 2 events"));
  }

  @Test
  void aCursorThatThisFeedNeverGaveIsRefusedWith400() throws Exception {
    underTest = quiet();

    var answer = feed("community", "?cursor=abc", COMMUNITY);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).get("detail").asText()).startsWith("cursor");
    assertThat(feed("community", "?cursor=0&limit=0", COMMUNITY).statusCode()).isEqualTo(400);
  }

  @Test
  void scriptedFeedFailuresAnswerTheNextPollsThenTheFeedServesAgain() throws Exception {
    underTest = quiet();
    underTest.append("community", notice(0));
    underTest.failFeedNext("community", 503, 2);

    assertThat(feed("community", "", COMMUNITY).statusCode()).isEqualTo(503);
    assertThat(feed("community", "", COMMUNITY).statusCode()).isEqualTo(503);
    var served = feed("community", "", COMMUNITY);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(served.body()).get("events")).hasSize(1);
  }

  @Test
  void theCommunityFeedGrowsByItselfWithNoticesAndResidentsOfDemoBuildings() throws Exception {
    underTest = NetSim.start(options(List.of("--feed-rate", "200", "--quarantine", "0", "--seed", "7")), printed::add);

    await().atMost(Duration.ofSeconds(20)).until(() -> underTest.feedSize("community") >= 60);
    assertThat(underTest.feedSize("party")).isZero();
    assertThat(underTest.feedSize("governance")).isZero();
    assertThat(printed).anyMatch(l -> l.startsWith("feed community + community.notice 1308030"));
  }

  // ---- callbacks ------------------------------------------------------------------------------

  @Test
  void aSignedCallbackIsRecordedPrintedAndAnswered204() throws Exception {
    underTest = quiet();

    var answer = callback("community", alertClosed("alert-closed-a1"), COMMUNITY, "alert-closed-a1");

    assertThat(answer.statusCode()).isEqualTo(204);
    assertThat(underTest.received()).singleElement().satisfies(c -> {
      assertThat(c.network()).isEqualTo("community");
      assertThat(c.type()).isEqualTo("community.alert.closed");
      assertThat(c.id()).isEqualTo("alert-closed-a1");
      assertThat(c.webhookId()).isEqualTo("alert-closed-a1");
      assertThat(c.data().get("state").asText()).isEqualTo("resolved");
    });
    assertThat(printed).anyMatch(l -> l.startsWith("callback community community.alert.closed id=alert-closed-a1 ")
        && l.contains("data={\"alertId\":\"a1\"") && l.endsWith("→ 204"));
  }

  @Test
  void aBadlySignedCallbackIsRefusedWith401AndNotDelivered() throws Exception {
    underTest = quiet();

    var otherSecret = callback("community", alertClosed("alert-closed-a2"), OTHER, "alert-closed-a2");
    var otherNetwork = callback("community", alertClosed("alert-closed-a3"), GOVERNANCE, "alert-closed-a3");
    var tampered = HttpRequest.newBuilder(URI.create(underTest.callbackUrl("community")))
        .header("Content-Type", "application/cloudevents+json");
    WebhookSigning.of(COMMUNITY).sign("alert-closed-a4", Instant.now(), alertClosed("alert-closed-a4")).forEach(tampered::header);
    var tamperedAnswer = http.send(tampered.POST(HttpRequest.BodyPublishers.ofString(
        alertClosed("alert-closed-a4").replace("resolved", "cancelled"))).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(List.of(otherSecret.statusCode(), otherNetwork.statusCode(), tamperedAnswer.statusCode())).containsOnly(401);
    assertThat(underTest.received()).isEmpty();
    assertThat(underTest.attempts()).extracting(NetSim.Callback::status).containsExactly(401, 401, 401);
  }

  @Test
  void aCallbackWhoseWebhookIdIsNotTheEventIdOrThatIsNoCloudEventIsRefusedWith400() throws Exception {
    underTest = quiet();

    var otherId = callback("community", alertClosed("alert-closed-a5"), COMMUNITY, "msg_something_else");
    var notAnEvent = callback("community", "{\"hello\":1}", COMMUNITY, "msg_1");

    assertThat(otherId.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(otherId.body()).get("detail").asText()).startsWith("webhook-id");
    assertThat(notAnEvent.statusCode()).isEqualTo(400);
    assertThat(underTest.received()).isEmpty();
  }

  @Test
  void scriptedFailuresAnswerTheNextCallbacksThenDeliveryResumes() throws Exception {
    underTest = quiet();
    underTest.failNext("community", 503, 2, Duration.ofSeconds(7));
    underTest.failNext("community", 410, 1);

    var first = callback("community", alertClosed("alert-closed-a6"), COMMUNITY, "alert-closed-a6");
    var second = callback("community", alertClosed("alert-closed-a6"), COMMUNITY, "alert-closed-a6");
    var third = callback("community", alertClosed("alert-closed-a6"), COMMUNITY, "alert-closed-a6");
    var fourth = callback("community", alertClosed("alert-closed-a6"), COMMUNITY, "alert-closed-a6");
    var partyMeanwhile = callback("party", alertClosed("alert-closed-a7"), PARTY, "alert-closed-a7");

    assertThat(List.of(first.statusCode(), second.statusCode(), third.statusCode(), fourth.statusCode()))
        .containsExactly(503, 503, 410, 204);
    assertThat(first.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(third.headers().firstValue("Retry-After")).isEmpty();
    assertThat(partyMeanwhile.statusCode()).isEqualTo(204);
    assertThat(underTest.attempts()).filteredOn(c -> c.network().equals("community"))
        .extracting(NetSim.Callback::status).containsExactly(503, 503, 410, 204);
    assertThat(underTest.received()).extracting(NetSim.Callback::id).containsExactly("alert-closed-a6", "alert-closed-a7");
  }

  // ---- pushing --------------------------------------------------------------------------------

  @Test
  void eachNetworkPushesSingleEventsSignedWithItsSecretSoTheHubVerifiesThem() throws Exception {
    hub = new StandInHub();
    // Governance has no notices: its first case comes with the work, an hour of which passes in a minute.
    underTest = NetSim.start(options(List.of("--hub", hub.url(), "--rate", "60", "--feed-rate", "0", "--work-speed", "60")), printed::add);

    await().atMost(Duration.ofSeconds(20)).until(() -> hub.requests.stream().map(StandInHub.Request::network).distinct().count() == 3
        && hub.requests.size() >= 9);
    underTest.close();

    assertThat(hub.requests).allSatisfy(r -> {
      assertThat(r.refusal()).as(r.body()).isNull();
      assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
      var event = JSON.readTree(r.body());
      assertThat(event.isObject()).isTrue();
      assertThat(event.get("source").asText()).isEqualTo(NetworkEvents.SOURCES.get(r.network()));
      assertThat(event.get("type").asText()).startsWith(r.network() + ".");
      assertThat(r.webhookId()).isEqualTo(event.get("id").asText());
    });
    var ids = new HashSet<String>();
    for (var r : hub.requests) ids.add(JSON.readTree(r.body()).get("id").asText());
    assertThat(ids).hasSize(hub.requests.size());
    assertThat(printed).anyMatch(l -> l.matches("push party party\\.notice \\S+ → 202 \\{\"accepted\":1,\"duplicates\":0,\"quarantined\":0}"));
  }

  @Test
  void batchesCarryTheBatchMediaTypeAndAreSignedOverTheWholeArray() throws Exception {
    hub = new StandInHub();
    underTest = NetSim.start(options(List.of("--hub", hub.url(), "--rate", "100", "--batch", "5", "--push-networks",
        "party", "--feed-rate", "0", "--work-rate", "0")), printed::add);

    await().atMost(Duration.ofSeconds(20)).until(() -> hub.requests.size() >= 3);
    underTest.close();

    assertThat(hub.requests).allSatisfy(r -> {
      assertThat(r.network()).isEqualTo("party");
      assertThat(r.refusal()).isNull();
      assertThat(r.contentType()).isEqualTo("application/cloudevents-batch+json");
      assertThat(JSON.readTree(r.body())).hasSize(5);
    });
    assertThat(printed).anyMatch(l -> l.startsWith("push party batch of 5 (party.notice×5) → 202"));
  }

  @Test
  void aPushTheHubRefusesIsPrintedWithTheProblemsDetail() throws Exception {
    hub = new StandInHub();
    underTest = NetSim.start(options(List.of("--hub", hub.url(), "--secret-party", OTHER)), printed::add);

    var pushed = underTest.push("party", underTest.sampleEvent("party"));

    assertThat(pushed.status()).isEqualTo(401);
    assertThat(printed).anyMatch(l -> l.startsWith("push party party.notice ") && l.endsWith("→ 401 Unauthorized: webhook-signature: no signature made with a current secret"));
  }

  @Test
  void a429PausesThatNetworkForItsRetryAfterWhileTheOthersGoOn() throws Exception {
    hub = new StandInHub();
    hub.tooManyFor = "party";
    underTest = NetSim.start(options(List.of("--hub", hub.url(), "--rate", "60", "--feed-rate", "0", "--work-rate", "0")), printed::add);

    await().atMost(Duration.ofSeconds(20)).until(() -> hub.count("community") >= 6);
    underTest.close();

    // Party had a turn in every two; after its 429 (Retry-After: 3600) it stays quiet.
    assertThat(hub.count("party")).isEqualTo(1);
  }

  @Test
  void withWaitReadyNothingIsPushedBeforeTheHubSaysItIsReady() throws Exception {
    hub = new StandInHub();
    hub.ready = false;
    underTest = NetSim.start(options(List.of("--hub", hub.url(), "--rate", "50", "--wait-ready")), printed::add);

    await().atMost(Duration.ofSeconds(20)).until(() -> hub.probes.get() >= 2);
    assertThat(hub.requests).isEmpty();
    assertThat(underTest.feedUrl("community")).startsWith("http://127.0.0.1:");
    assertThat(feed("community", "", COMMUNITY).statusCode()).isEqualTo(200);

    hub.ready = true;
    await().atMost(Duration.ofSeconds(20)).until(() -> hub.requests.size() >= 3);
    assertThat(printed).contains("hub ready: pushing");
  }

  @Test
  void aHubThatDoesNotAnswerIsSaidOnceNotAtEveryPush() throws Exception {
    hub = new StandInHub();
    String url = hub.url();
    hub.close();
    underTest = NetSim.start(options(List.of("--hub", url)), printed::add);

    assertThat(underTest.push("party", underTest.sampleEvent("party")).status()).isZero();
    assertThat(underTest.push("party", underTest.sampleEvent("party")).status()).isZero();

    assertThat(printed).filteredOn(l -> l.contains("hub not answering")).hasSize(1);
  }

  // ---- the networks' work --------------------------------------------------------------------

  @Test
  void theWorkIsPushedMembersFirstThenItemsAndTheirFollowUps() throws Exception {
    hub = new StandInHub();
    // Fifty minutes of the work's clock pass in a second.
    underTest = NetSim.start(options(List.of("--hub", hub.url(), "--work-rate", "60", "--work-speed", "3000", "--quarantine", "0",
        "--communities", "130803001001,130803001002")), printed::add);

    await().atMost(Duration.ofSeconds(30)).until(() -> underTest.workPushed().stream().map(p -> p.event().get("type").asText())
        .toList().containsAll(List.of("party.wish.claimed", "governance.case.reported", "community.appointment.requested")));
    underTest.close();

    var pushed = underTest.workPushed();
    assertThat(pushed).allSatisfy(p -> assertThat(p.status()).isEqualTo(202));
    assertThat(hub.requests).allSatisfy(r -> assertThat(r.refusal()).isNull());
    var types = pushed.stream().map(p -> p.event().get("type").asText()).toList();
    int members = (int) types.stream().filter("party.member.reported"::equals).count();
    assertThat(members).isBetween(6, 10);
    assertThat(types.subList(0, members)).containsOnly("party.member.reported");
    assertThat(types).contains("governance.case.reported", "party.wish.posted", "community.appointment.requested");
    var claim = pushed.stream().filter(p -> p.event().get("type").asText().equals("party.wish.claimed")).findFirst().orElseThrow().event();
    String wishId = claim.at("/data/wishId").asText();
    assertThat(underTest.workItem(wishId)).hasValueSatisfying(w -> {
      assertThat(w.kind()).isEqualTo("wish");
      assertThat(w.claimedBy()).hasValue(claim.at("/data/memberId").asText());
    });
    assertThat(printed).anyMatch(l -> l.matches("push party party\\.member\\.reported 130803001001 DY-0001 → 202 .*"));
    assertThat(printed).anyMatch(l -> l.startsWith("work of party, governance, community: about 60 new cases, wishes and appointments an hour"));
  }

  @Test
  void aCallbackAboutACaseWishOrAppointmentIsRecordedPrintedAndChangesWhatNetsimKnows() throws Exception {
    underTest = quiet();
    String caseId = underTest.sampleWork("governance.case.reported").at("/data/caseId").asText();
    String wishId = underTest.sampleWork("party.wish.posted").at("/data/wishId").asText();
    var appointment = underTest.sampleWork("community.appointment.requested");
    String appointmentId = appointment.at("/data/appointmentId").asText();

    assertThat(callback("governance", work("c1", "governance.case.escalated", "caseId", caseId, "\"level\":\"street\""), GOVERNANCE, "c1")
        .statusCode()).isEqualTo(204);
    assertThat(callback("party", work("w1", "party.wish.claimed", "wishId", wishId, "\"memberId\":\"p-00042\""), PARTY, "w1")
        .statusCode()).isEqualTo(204);
    assertThat(callback("community", work("a1", "community.appointment.completed", "appointmentId", appointmentId, "\"note\":\"已办\""),
        COMMUNITY, "a1").statusCode()).isEqualTo(204);

    assertThat(underTest.received("governance.case.escalated")).singleElement()
        .satisfies(c -> assertThat(c.data().get("caseId").asText()).isEqualTo(caseId));
    assertThat(underTest.received("party.wish.claimed")).extracting(NetSim.Callback::id).containsExactly("w1");
    assertThat(underTest.workItem(caseId)).hasValueSatisfying(c -> {
      assertThat(c.level()).hasValue("street");
      assertThat(c.state()).isEqualTo("reported");
    });
    assertThat(underTest.workItem(wishId)).hasValueSatisfying(w -> {
      assertThat(w.state()).isEqualTo("claimed");
      assertThat(w.claimedBy()).hasValue("p-00042");
    });
    assertThat(underTest.workItem(appointmentId).map(NetSim.WorkItem::state)).hasValue("completed");
    assertThat(printed).anyMatch(l -> l.startsWith("callback governance governance.case.escalated id=c1 ") && l.endsWith("→ 204"));
    assertThat(printed).contains("  case " + caseId + " escalated in the hub to street level");
    assertThat(printed).anyMatch(l -> l.startsWith("  wish " + wishId + " claimed in the hub by p-00042"));
  }

  @Test
  void aCallbackRetriedAfterAFailureIsActedOnOnceAndOneAboutAnotherRunsItemIsOnlyNoted() throws Exception {
    underTest = quiet();
    String caseId = underTest.sampleWork("governance.case.reported").at("/data/caseId").asText();
    underTest.failNext("governance", 503, 1);
    String resolved = work("r1", "governance.case.resolved", "caseId", caseId, "\"note\":\"已修好\"");

    assertThat(callback("governance", resolved, GOVERNANCE, "r1").statusCode()).isEqualTo(503);
    assertThat(underTest.workItem(caseId).map(NetSim.WorkItem::state)).hasValue("reported");
    assertThat(callback("governance", resolved, GOVERNANCE, "r1").statusCode()).isEqualTo(204);
    assertThat(callback("governance", resolved, GOVERNANCE, "r1").statusCode()).isEqualTo(204);
    assertThat(callback("governance", work("r2", "governance.case.accepted", "caseId", "AJ-20200101-ZZZZ-0001", "\"note\":\"x\""),
        GOVERNANCE, "r2").statusCode()).isEqualTo(204);

    assertThat(underTest.attempts()).extracting(NetSim.Callback::status).containsExactly(503, 204, 204, 204);
    assertThat(underTest.workItem(caseId).map(NetSim.WorkItem::state)).hasValue("resolved");
    assertThat(printed).filteredOn(l -> l.startsWith("  case " + caseId + " resolved in the hub")).hasSize(1);
    assertThat(printed).contains("  (r1 heard before: nothing to do)");
    assertThat(printed).contains("  case AJ-20200101-ZZZZ-0001 is not one of this run's: noted only");
  }

  @Test
  void sampleWorkMakesOnlyNewItemsAndMembers() throws Exception {
    underTest = quiet();

    var member = underTest.sampleWork("party.member.reported");
    assertThat(member.get("subject").asText()).isEqualTo("130803001001");
    assertThat(member.at("/data/memberId").asText()).isEqualTo("DY-0001");
    assertThatThrownBy(() -> underTest.sampleWork("governance.case.resolved")).hasMessageStartingWith("type:");
    assertThat(underTest.work()).isEmpty();
  }

  // ---- options --------------------------------------------------------------------------------

  @Test
  void secretsComeFromTheFlagsThenTheEnvironmentThenTheHubsKeyFile(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("hub-keys.properties");
    Files.writeString(keys, "token-keys=x\nnetwork-secret.party=" + OTHER + "\nnetwork-secret.governance=" + OTHER
        + "\nnetwork-secret.community=" + COMMUNITY + "\n");
    var options = NetSim.Options.parse(List.of("--port", "0", "--rate", "0", "--keys", keys.toString(), "--secret-party", PARTY),
        Map.of("SANWANG_NETWORK_SECRET_GOVERNANCE", GOVERNANCE, "SANWANG_NETWORK_SECRET_COMMUNITY", " "));
    underTest = NetSim.start(options, printed::add);

    assertThat(callback("party", alertClosed("e1"), PARTY, "e1").statusCode()).isEqualTo(204);
    assertThat(callback("governance", alertClosed("e2"), GOVERNANCE, "e2").statusCode()).isEqualTo(204);
    assertThat(callback("governance", alertClosed("e3"), OTHER, "e3").statusCode()).isEqualTo(401);
    assertThat(callback("community", alertClosed("e4"), COMMUNITY, "e4").statusCode()).isEqualTo(204);
  }

  @Test
  void badOptionsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> NetSim.Options.parse(List.of("--rate", "fast"), Map.of())).hasMessageStartingWith("--rate");
    assertThatThrownBy(() -> NetSim.Options.parse(List.of("--batch", "1001"), Map.of())).hasMessage("--batch: must be 1 to 1000, got 1001");
    assertThatThrownBy(() -> NetSim.Options.parse(List.of("--push-networks", "party,army"), Map.of())).hasMessageContaining("army");
    assertThatThrownBy(() -> NetSim.Options.parse(List.of("--communities", "1308"), Map.of())).hasMessageStartingWith("--communities");
    assertThatThrownBy(() -> NetSim.Options.parse(List.of("--colour", "red"), Map.of())).hasMessageStartingWith("--colour");
    assertThatThrownBy(() -> NetSim.Options.parse(List.of("--hub", "ftp://x"), Map.of())).hasMessageStartingWith("--hub");
    assertThatThrownBy(() -> NetSim.start(NetSim.Options.parse(List.of("--port", "0", "--secret-party", PARTY), Map.of()), printed::add))
        .hasMessageStartingWith("no secret for governance");
    assertThatThrownBy(() -> NetSim.start(options(List.of("--secret-party", "whsec_short")), printed::add))
        .hasMessageStartingWith("secrets of party");
  }

  @Test
  void theDefaultsAddressTheDemoDistrict() {
    var options = NetSim.Options.parse(List.of(), Map.of());

    assertThat(options.hub()).hasToString("http://127.0.0.1:8080");
    assertThat(options.port()).isEqualTo(8091);
    assertThat(options.rate()).isEqualTo(2);
    assertThat(options.feedRate()).isEqualTo(1);
    assertThat(options.pushNetworks()).containsExactly("party", "governance", "community");
    assertThat(options.feedNetworks()).containsExactly("community");
    assertThat(options.communities()).hasSize(28).startsWith("130803001001").endsWith("130803003009").contains("130803002009");
  }

  @Test
  void theWorkGoesOnByDefaultAndItsRateAndSpeedComeFromTheFlagsThenTheEnvironment() {
    var byDefault = NetSim.Options.parse(List.of(), Map.of());
    assertThat(byDefault.workRate()).isEqualTo(40);
    assertThat(byDefault.workSpeed()).isEqualTo(1);
    assertThat(NetSim.Options.parse(List.of("--rate", "0"), Map.of()).workRate()).isZero();
    assertThat(NetSim.Options.parse(List.of("--rate", "0", "--work-rate", "12"), Map.of()).workRate()).isEqualTo(12);

    var env = Map.of("SANWANG_NETSIM_WORK_SPEED", "60", "SANWANG_NETSIM_WORK_RATE", "90");
    assertThat(NetSim.Options.parse(List.of(), env)).extracting(NetSim.Options::workRate, NetSim.Options::workSpeed).containsExactly(90.0, 60.0);
    assertThat(NetSim.Options.parse(List.of("--work-speed", "2"), env).workSpeed()).isEqualTo(2);

    assertThatThrownBy(() -> NetSim.Options.parse(List.of("--work-speed", "0"), Map.of())).hasMessageStartingWith("--work-speed");
    assertThatThrownBy(() -> NetSim.Options.parse(List.of("--work-rate", "-1"), Map.of())).hasMessageStartingWith("--work-rate");
    assertThatThrownBy(() -> NetSim.Options.parse(List.of(), Map.of("SANWANG_NETSIM_WORK_SPEED", "fast")))
        .hasMessageStartingWith("SANWANG_NETSIM_WORK_SPEED");
  }

  // ---- helpers --------------------------------------------------------------------------------

  private NetSim quiet() throws IOException {
    return NetSim.start(options(List.of()), printed::add);
  }

  /** Port 0, no pushing, no feed growth, the three test secrets; {@code more} overrides. */
  private static NetSim.Options options(List<String> more) {
    var args = new ArrayList<>(List.of("--port", "0", "--rate", "0", "--feed-rate", "0", "--hub", "http://127.0.0.1:9"));
    SECRETS.forEach((n, s) -> args.addAll(List.of("--secret-" + n, s)));
    args.addAll(more);
    return NetSim.Options.parse(args, Map.of());
  }

  private HttpResponse<String> feed(String network, String query, String secret) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(underTest.feedUrl(network) + query));
    WebhookSigning.of(secret).sign("msg_" + System.nanoTime(), Instant.now(), "").forEach(request::header);
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> callback(String network, String body, String secret, String webhookId) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(underTest.callbackUrl(network)))
        .header("Content-Type", "application/cloudevents+json");
    WebhookSigning.of(secret).sign(webhookId, Instant.now(), body).forEach(request::header);
    return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String alertClosed(String id) {
    return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"urn:sanwang:hub\",\"type\":\"community.alert.closed\","
        + "\"subject\":\"130803001001-B07\",\"time\":\"2026-11-21T08:00:00Z\",\"datacontenttype\":\"application/json\","
        + "\"data\":{\"alertId\":\"a1\",\"residentId\":\"r-00001\",\"raisedAt\":\"2026-11-21T07:50:00Z\","
        + "\"acknowledgedBy\":\"p-00012\",\"arrivedAt\":\"2026-11-21T07:56:00Z\",\"closedAt\":\"2026-11-21T08:00:00Z\","
        + "\"state\":\"resolved\"}}";
  }

  /** A callback of the hub about a work item: {@code more} is the rest of its data, as JSON members. */
  private static String work(String id, String type, String idField, String itemId, String more) {
    return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"urn:sanwang:hub\",\"type\":\"" + type + "\","
        + "\"subject\":\"130803001001-B07\",\"time\":\"2026-11-21T08:00:00Z\",\"datacontenttype\":\"application/json\","
        + "\"data\":{\"" + idField + "\":\"" + itemId + "\"," + more + "}}";
  }

  private static JsonNode notice(int i) {
    return NetworkEvents.cloudEvent("community", "community.notice", "130803001001",
        JSON.createObjectNode().put("title", "通知" + i).put("body", "正文" + i));
  }

  private static String secret(int fill) {
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) fill);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  /** The hub's push endpoint as a real local HTTP server that verifies each request as the hub does. */
  static final class StandInHub implements AutoCloseable {
    record Request(String network, String contentType, String webhookId, String body, String refusal) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
    volatile String tooManyFor;
    volatile boolean ready = true;
    private final HttpServer server;

    StandInHub() {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      server.createContext("/health/ready", x -> {
        try (x) {
          probes.incrementAndGet();
          x.sendResponseHeaders(ready ? 200 : 503, -1);
        }
      });
      server.createContext("/api/v1/networks/", x -> {
        try (x) {
          String network = x.getRequestURI().getPath().split("/")[4];
          String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String refusal = WebhookSigning.of(SECRETS.get(network)).refusal(body, x.getRequestHeaders()).orElse(null);
          requests.add(new Request(network, x.getRequestHeaders().getFirst("Content-Type"),
              x.getRequestHeaders().getFirst("webhook-id"), body, refusal));
          String answer;
          int status;
          if (refusal != null) {
            status = 401;
            answer = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + refusal + "\"}";
          } else if (network.equals(tooManyFor)) {
            status = 429;
            x.getResponseHeaders().set("Retry-After", "3600");
            answer = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"slow down\"}";
          } else {
            status = 202;
            var tree = JSON.readTree(body);
            answer = "{\"accepted\":" + (tree.isArray() ? tree.size() : 1) + ",\"duplicates\":0,\"quarantined\":0}";
          }
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().set("Content-Type", status == 202 ? "application/json" : "application/problem+json");
          x.sendResponseHeaders(status, bytes.length);
          x.getResponseBody().write(bytes);
        }
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long count(String network) {
      return requests.stream().filter(r -> r.network().equals(network)).count();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
