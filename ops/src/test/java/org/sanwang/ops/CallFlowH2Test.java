package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one-key call over HTTP, as a device and responders drive it: a press reaches the building
 * head's inbox stream and the family's SMS gateway, presses fold, responders act, everything is on
 * the timeline, and each person sees only the alerts of their buildings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallFlowH2Test {
  static final String DEVICE = "dev-0001";
  static final String SECRET = "device-secret-0001-abcdef";

  private SmsGatewayStub sms;
  private HubNode node;
  private HubClient admin;
  private HubClient wang;

  @BeforeAll
  void start() throws Exception {
    sms = new SmsGatewayStub();
    var settings = HubFixture.embedded(HubFixture.tempDir());
    settings.put("sanwang.sms.webhook-url", sms.url());
    node = HubNode.start(HubNode.load(settings));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
    wang = new HubClient(node.httpPort());
    wang.login("wangfang", OrgDocuments.PASSWORD);
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
    if (sms != null) sms.close();
  }

  HubClient.Response press(String device, String secret, String body) {
    return new HubClient(node.httpPort()).device(device, secret, "call", body);
  }

  /** A resident has one open call at a time: tests that need a fresh one close what another test left open. */
  void resolveOpenCallsOf(String residentId) {
    for (var a : admin.get("/api/v1/alerts?state=open").body().get("alerts"))
      if (a.at("/resident/id").asText().equals(residentId))
        assertThat(admin.post("/api/v1/alerts/" + a.get("id").asText() + "/resolve", Map.of()).status()).isEqualTo(200);
  }

  @Test
  void aPressReachesTheBuildingHeadAndTheFamilyAndRespondersCloseItOnRecord() throws Exception {
    resolveOpenCallsOf("r-001");
    var inbox = CompletableFuture.supplyAsync(() -> {
      try {
        return wang.sse("/api/v1/me/inbox/stream", Map.of(), 1, Duration.ofSeconds(20));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    var first = press(DEVICE, SECRET, "{\"at\":\"2026-11-21T08:00:00Z\",\"battery\":87,\"seq\":1}");
    assertThat(first.status()).as(first.raw()).isEqualTo(202);
    String alertId = first.body().get("alertId").asText();
    assertThat(first.body().get("state").asText()).isEqualTo("raised");
    assertThat(first.body().get("pressCount").asInt()).isEqualTo(1);

    var frame = HubClient.JSON.readTree(inbox.get().get(0).data());
    assertThat(frame.get("kind").asText()).isEqualTo("alert");
    assertThat(frame.at("/ref/type").asText()).isEqualTo("alert");
    assertThat(frame.at("/ref/id").asText()).isEqualTo(alertId);
    assertThat(frame.get("title").asText()).contains("李大爷");

    await().atMost(Duration.ofSeconds(10)).until(() -> sms.received.stream().anyMatch(m -> m.at("/ref/id").asText().equals(alertId)));
    var text = sms.received.stream().filter(m -> m.at("/ref/id").asText().equals(alertId)).findFirst().orElseThrow();
    assertThat(text.get("to").asText()).isEqualTo("+8613900000001");
    assertThat(text.get("text").asText()).contains("李大爷");

    var again = press(DEVICE, SECRET, "{\"seq\":2}");
    assertThat(again.body().get("alertId").asText()).isEqualTo(alertId);
    assertThat(again.body().get("pressCount").asInt()).isEqualTo(2);
    var redelivered = press(DEVICE, SECRET, "{\"seq\":2}");
    assertThat(redelivered.body().get("pressCount").asInt()).as("a redelivered press is not counted").isEqualTo(2);

    var open = wang.get("/api/v1/alerts?state=open").body().get("alerts");
    assertThat(open).extracting(a -> a.get("id").asText()).contains(alertId);
    assertThat(open.get(0).at("/resident/name").asText()).isEqualTo("李大爷");

    var ack = wang.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of("note", "我马上到"));
    assertThat(ack.status()).as(ack.raw()).isEqualTo(200);
    assertThat(ack.body().get("state").asText()).isEqualTo("acknowledged");
    assertThat(ack.body().at("/acknowledgedBy/name").asText()).isEqualTo("王芳");
    var twice = admin.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of());
    assertThat(twice.status()).isEqualTo(409);
    assertThat(wang.post("/api/v1/alerts/" + alertId + "/arrive", Map.of()).body().get("state").asText()).isEqualTo("arrived");
    assertThat(wang.post("/api/v1/alerts/" + alertId + "/resolve", Map.of("note", "老人摔倒，已送医")).body().get("state").asText())
        .isEqualTo("resolved");

    var alert = wang.get("/api/v1/alerts/" + alertId).body();
    var types = alert.get("timeline").findValuesAsText("type");
    assertThat(types).contains("raised", "press", "step", "notified", "delivered", "acknowledged", "arrived", "resolved");
    assertThat(alert.get("timeline").findValuesAsText("channel")).contains("inbox", "sms");

    var next = press(DEVICE, SECRET, "{\"seq\":3}");
    assertThat(next.body().get("state").asText()).isEqualTo("raised");
    assertThat(next.body().get("alertId").asText()).as("right after resolution a press opens a new alert").isNotEqualTo(alertId);
  }

  @Test
  void devicesMustProveWhoTheyAreAndSendWellFormedBodies() throws Exception {
    assertThat(press(DEVICE, "wrong-secret-wrong-secret", "{}").status()).isEqualTo(401);
    assertThat(press("dev-9999", SECRET, "{}").status()).isEqualTo(401);
    var bad = press(DEVICE, SECRET, "{\"battery\":\"full\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("detail").asText()).contains("battery");
  }

  @Test
  void aBuildingHeadSeesOnlyTheAlertsOfTheirBuildings() throws Exception {
    var r = press("dev-0002", "device-secret-0002-abcdef", "{\"seq\":1}");
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    String alertId = r.body().get("alertId").asText();
    assertThat(admin.get("/api/v1/alerts/" + alertId).status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/alerts?state=open").body().get("alerts").findValuesAsText("id")).contains(alertId);
    assertThat(wang.get("/api/v1/alerts/" + alertId).status()).as("B07's head on B08's alert").isEqualTo(403);
    assertThat(wang.get("/api/v1/alerts?state=open").body().get("alerts").findValuesAsText("id")).doesNotContain(alertId);
    assertThat(wang.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of()).status()).isEqualTo(403);
    assertThat(List.of(wang.get("/api/v1/alerts/no-such-alert").status())).containsExactly(404);
  }

  @Test
  void aResidentWithoutADeviceCallsFromTheirPersonalLinkUntilItIsRevoked() throws Exception {
    var issued = admin.post("/api/v1/residents/r-001/call-links", "");
    assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
    String url = issued.body().get("url").asText();
    var page = new HubClient(node.httpPort());
    var html = page.get(url);
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.raw()).contains("一键呼叫").contains("/assets/call.js");
    assertThat(page.get(url + "/status").body().get("name").asText()).isEqualTo("李大爷");

    var fromDevice = press(DEVICE, SECRET, "{}");
    String alertId = fromDevice.body().get("alertId").asText();
    var pressed = page.post(url + "/press", "");
    assertThat(pressed.status()).as(pressed.raw()).isEqualTo(202);
    assertThat(pressed.body().get("alertId").asText()).as("one resident, one open call, whichever pressed").isEqualTo(alertId);
    assertThat(pressed.body().get("pressCount").asInt()).isEqualTo(fromDevice.body().get("pressCount").asInt() + 1);
    assertThat(wang.get("/api/v1/alerts/" + alertId).body().get("timeline").findValuesAsText("text"))
        .anyMatch(t -> t.contains("手机页面"));
    assertThat(wang.get("/api/v1/alerts?state=open").body().get("alerts").findValuesAsText("id")).contains(alertId);
    wang.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of());
    var status = page.get(url + "/status").body();
    assertThat(status.at("/alert/state").asText()).isEqualTo("acknowledged");
    assertThat(status.at("/alert/by").asText()).isEqualTo("王芳");
    assertThat(status.at("/alert/byRole").asText()).isEqualTo("building_head");

    assertThat(wang.post("/api/v1/residents/r-002/call-links", "").status()).as("r-002 lives in B08").isEqualTo(403);
    String linkId = issued.body().get("linkId").asText();
    assertThat(admin.get("/api/v1/residents/r-001/call-links").body().findValuesAsText("linkId")).contains(linkId);
    var del = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/residents/r-001/call-links/" + linkId))
        .header("Authorization", "Bearer " + admin.login("admin", HubFixture.ADMIN_PASSWORD)).DELETE().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(del.statusCode()).isEqualTo(200);
    assertThat(page.post(url + "/press", "").status()).isEqualTo(404);
    assertThat(page.get(url + "/status").status()).isEqualTo(404);
  }

  @Test
  void residentsCheckInFromTheirDeviceOrPageAndTheCommunitySetsItsDeadline() throws Exception {
    var r = new HubClient(node.httpPort()).device(DEVICE, SECRET, "check-in", "");
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    assertThat(r.body().get("residentId").asText()).isEqualTo("r-001");
    var book = admin.get("/api/v1/communities/130803001001/check-in").body();
    assertThat(book.get("lastCheckIn").get("r-001").asText()).isNotBlank();
    assertThat(book.get("deadline").asText()).startsWith("10:00");
    assertThat(admin.put("/api/v1/communities/130803001001/check-in", Map.of("deadline", "09:30")).body().get("deadline").asText())
        .startsWith("09:30");
    var bad = admin.put("/api/v1/communities/130803001001/check-in", Map.of("deadline", "half past nine"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("detail").asText()).contains("deadline");
    var link = admin.post("/api/v1/residents/r-002/call-links", "").body().get("url").asText();
    assertThat(new HubClient(node.httpPort()).post(link + "/check-in", "").status()).isEqualTo(202);
  }

  @Test
  void leadersGetTheFiguresAsJsonAndCsv() throws Exception {
    var r = press("dev-0002", "device-secret-0002-abcdef", "{\"seq\":50}");
    String alertId = r.body().get("alertId").asText();
    admin.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      var f = admin.get("/api/v1/figures").body();
      var c = f.get("communities").get(0);
      assertThat(c.get("code").asText()).isEqualTo("130803001001");
      assertThat(c.at("/alerts/acknowledged").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(c.get("devices").asInt()).isEqualTo(2);
    });
    var csv = admin.get("/api/v1/figures?format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.raw()).contains("ack_within_60s").contains("130803001001,\"双安社区\"");
    assertThat(admin.get("/api/v1/figures?from=2026-13-01").status()).isEqualTo(400);
    assertThat(wang.get("/api/v1/figures").body().get("communities")).as("a building head reaches no whole community").isEmpty();
  }
}
