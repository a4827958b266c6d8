package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanwang.connectors.core.Network;

/**
 * The three networks' work, end to end over HTTP on a real hub (H2): a signed event becomes a case,
 * a wish, an appointment or a member; the people it concerns hear of it (group, inbox, live stream,
 * SMS); they act on it in the hub; and the network that owns it receives the signed callback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkWorkFlowH2Test {
  static final String B07 = "130803001001-B07";
  static final String COMMUNITY = "130803001001";

  HubNode node;
  HubClient admin;
  CallbackStub callbacks;
  SmsGatewayStub sms;
  final Map<Network, NetworkSender> senders = new java.util.EnumMap<>(Network.class);
  final String source = "urn:work-flow:test";

  @BeforeAll
  void start() throws Exception {
    callbacks = new CallbackStub();
    sms = new SmsGatewayStub();
    var settings = HubFixture.embedded(HubFixture.tempDir());
    var secrets = new java.util.EnumMap<Network, String>(Network.class);
    for (var n : Network.values()) {
      secrets.put(n, NetworkConnectorContract.secret());
      settings.put("sanwang.network-secrets." + n.id(), secrets.get(n));
      settings.put("sanwang.networks.callback." + n.id(), callbacks.url() + "?network=" + n.id());
    }
    settings.put("sanwang.networks.callback-backoff-min", "100ms");
    settings.put("sanwang.sms.webhook-url", sms.url());
    node = HubNode.start(HubNode.load(settings));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.everyRole())).status()).isEqualTo(200);
    for (var n : Network.values()) senders.put(n, new NetworkSender(new HubClient(node.httpPort()), n.id(), secrets.get(n)));
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
    if (callbacks != null) callbacks.close();
    if (sms != null) sms.close();
  }

  HubClient as(String username) {
    var c = new HubClient(node.httpPort());
    c.login(username, OrgDocuments.PASSWORD);
    return c;
  }

  static String marker() {
    return NetworkConnectorContract.marker();
  }

  /** The callback of {@code type} about {@code id}, once delivered. */
  JsonNode awaitCallback(String type, String field, String id) {
    return await().atMost(Duration.ofSeconds(20)).until(() -> callbacks.delivered().stream()
        .map(r -> {
          try {
            return HubClient.JSON.readTree(r.body());
          } catch (Exception e) {
            return null;
          }
        })
        .filter(e -> e != null && e.get("type").asText().equals(type) && e.at("/data/" + field).asText().equals(id))
        .findFirst(), Optional::isPresent).get();
  }

  boolean inboxHas(HubClient who, String text) {
    return who.get("/api/v1/me/inbox?after=0").body().get("items").findValuesAsText("title").stream().anyMatch(t -> t.contains(text));
  }

  // Governance: a case climbs from a signed report to the grid member's action and back to the network

  @Test
  void aSignedCaseReachesTheGridMemberWhoAcceptsAndResolvesItAndTheNetworkHearsEachChange() throws Exception {
    String id = "AJ-" + marker();
    var grid = as("gridmember");
    var frames = new java.util.ArrayList<HubClient.SseEvent>();
    var live = grid.sseInto("/api/v1/work/stream", Map.of(), 100, Duration.ofSeconds(30), frames);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      synchronized (frames) {
        return !frames.isEmpty();
      }
    });

    var answer = senders.get(Network.GOVERNANCE).send(NetworkSender.event(source, id, "governance.case.reported", B07,
        Map.of("caseId", id, "category", "environment", "description", "楼道堆放杂物 " + id, "reporterName", "李大爷")));
    assertThat(answer.status()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(20)).until(() -> inboxHas(grid, id));
    // Changes of other tests' wishes and cases may come first: the projection follows the journal.
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      synchronized (frames) {
        return frames.stream().anyMatch(f -> f.data().contains(id));
      }
    });
    live.body().close();
    synchronized (frames) {
      assertThat(frames.get(0).data()).isEqualTo("{}");
    }

    var early = grid.post("/api/v1/cases/" + id + "/resolve", Map.of("note", "已清理"));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.body().get("code").asText()).isEqualTo("case_reported");

    var accepted = grid.post("/api/v1/cases/" + id + "/accept", Map.of("note", "马上处理"));
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.body().get("state").asText()).isEqualTo("accepted");
    assertThat(awaitCallback("governance.case.accepted", "caseId", id).at("/data/byName").asText()).isEqualTo("何网格员");

    var noNote = grid.post("/api/v1/cases/" + id + "/resolve", Map.of());
    assertThat(noNote.status()).isEqualTo(400);
    assertThat(noNote.body().get("detail").asText()).startsWith("note");
    assertThat(grid.post("/api/v1/cases/" + id + "/resolve", Map.of("note", "已清理完毕")).status()).isEqualTo(200);
    assertThat(awaitCallback("governance.case.resolved", "caseId", id).at("/data/note").asText()).isEqualTo("已清理完毕");

    assertThat(as("secretary").post("/api/v1/cases/" + id + "/rate", Map.of("rating", 5)).body().get("state").asText())
        .isEqualTo("closed");
    assertThat(grid.post("/api/v1/cases/" + id + "/escalate", Map.of()).body().get("code").asText()).isEqualTo("case_closed");
    // The network's own report is not echoed back to it.
    assertThat(callbacks.delivered()).noneMatch(r -> r.body().contains("governance.case.reported"));
  }

  @Test
  void aCaseEscalatedByHandGoesToTheStreetWhereOnlyStreetStaffMayAcceptIt() {
    String id = "AJ-" + marker();
    senders.get(Network.GOVERNANCE).send(NetworkSender.event(source, id, "governance.case.reported", B07,
        Map.of("caseId", id, "category", "safety", "description", "路灯不亮")));
    var grid = as("gridmember");
    await().atMost(Duration.ofSeconds(20)).until(() -> grid.get("/api/v1/cases/" + id).status() == 200);

    assertThat(grid.post("/api/v1/cases/" + id + "/escalate", Map.of("note", "需街道协调")).body().get("level").asText())
        .isEqualTo("street");
    assertThat(awaitCallback("governance.case.escalated", "caseId", id).at("/data/level").asText()).isEqualTo("street");
    assertThat(grid.post("/api/v1/cases/" + id + "/accept", Map.of()).status()).isEqualTo(403);
    assertThat(as("street").post("/api/v1/cases/" + id + "/accept", Map.of()).body().get("state").asText()).isEqualTo("accepted");
  }

  @Test
  void aReportMadeInTheHubCarriesAPhotoThatOnlyThoseWhoSeeTheBuildingMayFetch() throws Exception {
    var head = as("online-b07");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    var uploaded = head.postBytes("/api/v1/photos?building=" + B07, "image/png", png);
    assertThat(uploaded.status()).isEqualTo(201);
    String photo = uploaded.body().get("id").asText();

    assertThat(head.postBytes("/api/v1/photos?building=" + B07, "image/png", "not an image".getBytes()).status()).isEqualTo(400);
    assertThat(head.postBytes("/api/v1/photos?building=" + B07, "image/gif", png).status()).isEqualTo(415);

    var report = head.post("/api/v1/cases", Map.of("building", B07, "category", "facility", "description", "单元门禁损坏",
        "photos", List.of(photo)));
    assertThat(report.status()).isEqualTo(201);
    assertThat(report.body().get("photos").get(0).asText()).isEqualTo("/api/v1/photos/" + photo);
    assertThat(as("gridmember").getBytes("/api/v1/photos/" + photo)).isEqualTo(png);
    assertThat(as("head-b08").get("/api/v1/photos/" + photo).status()).isEqualTo(404);
    assertThat(head.post("/api/v1/cases", Map.of("building", B07, "category", "nonsense", "description", "x")).body()
        .get("detail").asText()).startsWith("category");
  }

  // Party: 双报到, then a wish claimed by the new member, fulfilled and confirmed for points

  @Test
  void aReportedMemberActivatesByTheSmsLinkClaimsAWishFirstAndEarnsItsPoints() {
    String member = "DY-" + marker();
    String phone = "+861390000" + String.format("%04d", Math.abs(member.hashCode()) % 10000);
    senders.get(Network.PARTY).send(NetworkSender.event(source, member, "party.member.reported", COMMUNITY,
        Map.of("memberId", member, "name", "周红", "phone", phone, "workplace", "区卫健局", "building", B07)));

    var text = await().atMost(Duration.ofSeconds(20)).until(() -> sms.received.stream().map(j -> j.get("text").asText())
        .filter(t -> t.contains("周红")).findFirst(), Optional::isPresent).get();
    var token = Pattern.compile("/app/#/activate/([A-Za-z0-9_-]+)").matcher(text);
    assertThat(token.find()).isTrue();
    var anyone = new HubClient(node.httpPort());
    var link = anyone.get("/api/v1/activations/" + token.group(1));
    assertThat(link.body().get("name").asText()).isEqualTo("周红");
    assertThat(link.body().get("username").asText()).isEqualTo(phone);
    assertThat(anyone.post("/api/v1/activations/" + token.group(1), Map.of("password", "short")).status()).isEqualTo(400);
    assertThat(anyone.post("/api/v1/activations/" + token.group(1), Map.of("password", "Zhou-hong-2026")).status()).isEqualTo(200);
    assertThat(anyone.get("/api/v1/activations/" + token.group(1)).status()).isEqualTo(404);
    var zhou = new HubClient(node.httpPort());
    zhou.login(phone, "Zhou-hong-2026");

    String wish = "XY-" + marker();
    senders.get(Network.PARTY).send(NetworkSender.event(source, wish, "party.wish.posted", B07,
        Map.of("wishId", wish, "title", "帮忙买菜", "residentName", "李大爷", "points", 15)));
    await().atMost(Duration.ofSeconds(20)).until(() -> inboxHas(zhou, "帮忙买菜"));

    assertThat(zhou.post("/api/v1/wishes/" + wish + "/claim", Map.of()).status()).isEqualTo(200);
    var late = as("party").post("/api/v1/wishes/" + wish + "/claim", Map.of());
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body().get("code").asText()).isEqualTo("wish_taken");
    assertThat(late.body().at("/claimedBy/name").asText()).isEqualTo("周红");
    assertThat(awaitCallback("party.wish.claimed", "wishId", wish).at("/data/memberId").asText()).isEqualTo(member);

    assertThat(as("wangfang").post("/api/v1/wishes/" + wish + "/confirm", Map.of()).body().get("code").asText())
        .isEqualTo("wish_claimed");
    assertThat(zhou.post("/api/v1/wishes/" + wish + "/fulfil", Map.of("note", "已送到")).status()).isEqualTo(200);
    assertThat(as("wangfang").post("/api/v1/wishes/" + wish + "/confirm", Map.of("rating", 5)).status()).isEqualTo(200);
    assertThat(awaitCallback("party.wish.confirmed", "wishId", wish).at("/data/points").asInt()).isEqualTo(15);

    await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(
            admin.get("/api/v1/party/points?community=" + COMMUNITY).body().get("members").spliterator(), false)
        .anyMatch(m -> m.get("name").asText().equals("周红") && m.get("points").asInt() == 15));
    var members = admin.get("/api/v1/party/members?community=" + COMMUNITY).body().get("members");
    var zhouListed = StreamSupport.stream(members.spliterator(), false)
        .filter(m -> m.get("name").asText().equals("周红")).findFirst().orElseThrow();
    assertThat(zhouListed.get("activated").asBoolean()).isTrue();
    assertThat(zhouListed.get("phone").asText()).isEqualTo("139****" + phone.substring(phone.length() - 4));
  }

  // Community: an appointment becomes the grid member's task

  @Test
  void anAppointmentIsTheGridMembersTaskAcceptedAndCompletedWithTheStateBackToTheNetwork() {
    String id = "YY-" + marker();
    senders.get(Network.COMMUNITY).send(NetworkSender.event(source, id, "community.appointment.requested", B07,
        Map.of("appointmentId", id, "residentId", "r-001", "service", "代办医保报销")));
    var grid = as("gridmember");
    await().atMost(Duration.ofSeconds(20)).until(() -> inboxHas(grid, "代办医保报销"));

    assertThat(grid.post("/api/v1/appointments/" + id + "/complete", Map.of()).body().get("code").asText())
        .isEqualTo("appointment_requested");
    assertThat(grid.post("/api/v1/appointments/" + id + "/accept", Map.of()).status()).isEqualTo(200);
    awaitCallback("community.appointment.accepted", "appointmentId", id);
    assertThat(grid.post("/api/v1/appointments/" + id + "/complete", Map.of("note", "已办结")).status()).isEqualTo(200);
    assertThat(awaitCallback("community.appointment.completed", "appointmentId", id).at("/data/note").asText()).isEqualTo("已办结");
    assertThat(as("head-b08").get("/api/v1/appointments/" + id).status()).isEqualTo(404);
  }
}
