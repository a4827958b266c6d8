package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the rebuilt console and responder app read, over HTTP on a hub of its own: who is signed in
 * ({@code /me}), the closed-alert history with its filters, who acknowledged, arrived and closed,
 * the resident's flags, the code a refusal carries, whether a community's settings may be edited,
 * the last hour of traffic and the figures as CSV in Chinese. 李大爷 (r-001, dev-0001) lives in B07
 * with the flags living_alone and over_85; 张奶奶 (r-002, dev-0002) in B08.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleApiH2Test {
  static final String COMMUNITY = "130803001001";
  static final String B07 = "130803001001-B07";
  static final String B08 = "130803001001-B08";
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final AtomicInteger seq = new AtomicInteger();
  private HubNode node;
  private HubClient admin;
  private HubClient wang;
  private HubClient gridMember;

  @BeforeAll
  void start() throws Exception {
    node = HubNode.start(HubNode.load(HubFixture.embedded(HubFixture.tempDir())));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.everyRole()));
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
    wang = as("wangfang");
    gridMember = as("gridmember");
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  @Test
  void meNamesTheCallerAndTheNameOfEachScope() {
    var me = wang.get("/api/v1/me");
    assertThat(me.status()).as(me.raw()).isEqualTo(200);
    assertThat(me.body().get("id").asText()).isEqualTo("p-001");
    assertThat(me.body().get("name").asText()).isEqualTo("王芳");
    var role = me.body().get("roles").get(0);
    assertThat(role.get("role").asText()).isEqualTo("building_head");
    assertThat(role.get("scope").asText()).isEqualTo(B07);
    assertThat(role.get("scopeName").asText()).isEqualTo("7号楼");
    assertThat(as("unit-b07-u2").get("/api/v1/me").body().at("/roles/0/scopeName").asText()).isEqualTo("7号楼2单元");
    assertThat(as("secretary").get("/api/v1/me").body().at("/roles/0/scopeName").asText()).isEqualTo("双安社区");
    assertThat(admin.get("/api/v1/me").body().at("/roles/0/role").asText()).isEqualTo("admin");

    var dead = new HubClient(node.httpPort()).as("not-a-token").get("/api/v1/me");
    assertThat(dead.status()).isEqualTo(401);
    assertThat(dead.contentType()).startsWith("application/problem+json");
    assertThat(new HubClient(node.httpPort()).get("/api/v1/me").status()).isEqualTo(401);
  }

  @Test
  void aCommunitySaysWhetherTheCallerMayEditItsSettings() {
    assertThat(as("secretary").get("/api/v1/communities/" + COMMUNITY).body().get("mayEdit").asBoolean()).isTrue();
    assertThat(admin.get("/api/v1/communities/" + COMMUNITY).body().get("mayEdit").asBoolean()).isTrue();
    var duty = as("duty").get("/api/v1/communities/" + COMMUNITY);
    assertThat(duty.status()).as(duty.raw()).isEqualTo(200);
    assertThat(duty.body().get("mayEdit").isBoolean()).isTrue();
    assertThat(duty.body().get("mayEdit").asBoolean()).isFalse();
    assertThat(as("street").get("/api/v1/communities/" + COMMUNITY).body().get("mayEdit").asBoolean()).isFalse();
    assertThat(wang.get("/api/v1/communities/" + COMMUNITY).status()).as("a building head does not read the community at all")
        .isEqualTo(403);

    var refused = as("duty").put("/api/v1/communities/" + COMMUNITY + "/check-in", Map.of("deadline", "09:00"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().get("code").asText()).isEqualTo("community.secretary_only");
    assertThat(refused.body().get("detail").asText()).startsWith("role:");
  }

  @Test
  void aRefusedActionCarriesACodeSayingHowTheAlertStands() {
    String id = raised("r-001", "dev-0001", "device-secret-0001-abcdef");
    assertThat(wang.post("/api/v1/alerts/" + id + "/acknowledge", Map.of()).status()).isEqualTo(200);
    assertRefused(gridMember.post("/api/v1/alerts/" + id + "/acknowledge", Map.of()), "alert.already_acknowledged");
    assertThat(gridMember.post("/api/v1/alerts/" + id + "/arrive", Map.of()).status()).isEqualTo(200);
    assertRefused(wang.post("/api/v1/alerts/" + id + "/acknowledge", Map.of()), "alert.already_arrived");
    assertRefused(wang.post("/api/v1/alerts/" + id + "/arrive", Map.of()), "alert.already_arrived");
    assertThat(wang.post("/api/v1/alerts/" + id + "/resolve", Map.of()).status()).isEqualTo(200);
    assertRefused(wang.post("/api/v1/alerts/" + id + "/cancel", Map.of()), "alert.closed");
    var ok = wang.get("/api/v1/alerts/" + id);
    assertThat(ok.raw()).as("a success carries no code").doesNotContain("\"code\"");
  }

  @Test
  void listItemsAndViewsCarryTheFlagsAndWhoAcknowledgedArrivedAndClosed() throws Exception {
    String id = raised("r-001", "dev-0001", "device-secret-0001-abcdef");
    var fresh = itemOf(wang.get("/api/v1/alerts?state=open"), id);
    assertThat(texts(fresh.get("flags"))).containsExactly("living_alone", "over_85");
    assertThat(fresh.get("arrivedBy").isNull()).isTrue();

    try (var stream = new Sse("/api/v1/alerts/stream", adminToken())) {
      // The stream is subscribed once it hears a press folding into the alert.
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
        press("dev-0001", "device-secret-0001-abcdef");
        return stream.next(Duration.ofMillis(200)) != null;
      });
      assertThat(wang.post("/api/v1/alerts/" + id + "/acknowledge", Map.of()).status()).isEqualTo(200);
      assertThat(gridMember.post("/api/v1/alerts/" + id + "/arrive", Map.of()).status()).isEqualTo(200);
      JsonNode arrived = null;
      for (JsonNode e; arrived == null && (e = stream.next(Duration.ofSeconds(10))) != null; )
        if (e.get("id").asText().equals(id) && e.get("state").asText().equals("arrived")) arrived = e;
      assertThat(arrived).as("the stream announces the arrival").isNotNull();
      assertThat(arrived.at("/arrivedBy/name").asText()).isEqualTo("何网格员");
      assertThat(arrived.at("/acknowledgedBy/name").asText()).isEqualTo("王芳");
      assertThat(texts(arrived.get("flags"))).contains("living_alone");
    }

    var item = itemOf(wang.get("/api/v1/alerts?state=open"), id);
    assertThat(item.at("/acknowledgedBy/name").asText()).isEqualTo("王芳");
    assertThat(item.get("acknowledgedAt").asText()).isNotBlank();
    assertThat(item.at("/arrivedBy/id").asText()).isEqualTo("p-106");
    assertThat(item.at("/arrivedBy/role").asText()).isEqualTo("grid_member");
    assertThat(item.get("arrivedAt").asText()).isNotBlank();

    assertThat(admin.post("/api/v1/alerts/" + id + "/resolve", Map.of("note", "已处置")).status()).isEqualTo(200);
    var view = wang.get("/api/v1/alerts/" + id).body();
    assertThat(texts(view.at("/resident/flags"))).containsExactly("living_alone", "over_85");
    assertThat(view.at("/closedBy/name").asText()).isEqualTo("管理员");
    assertThat(view.at("/arrivedBy/name").asText()).isEqualTo("何网格员");
    assertThat(view.get("closedAt").asText()).isNotBlank();

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(wang.get("/api/v1/alerts?state=closed").body().get("alerts").findValuesAsText("id")).contains(id));
    var closed = itemOf(wang.get("/api/v1/alerts?state=closed"), id);
    assertThat(closed.get("state").asText()).isEqualTo("resolved");
    assertThat(closed.at("/closedBy/id").asText()).isEqualTo("admin");
    assertThat(closed.at("/arrivedBy/name").asText()).isEqualTo("何网格员");
    assertThat(closed.at("/acknowledgedBy/name").asText()).isEqualTo("王芳");
    assertThat(closed.get("pressCount").asInt()).as("the presses counted by the alert itself").isGreaterThan(1);
    assertThat(texts(closed.get("flags"))).containsExactly("living_alone", "over_85");
  }

  @Test
  void theClosedHistoryFiltersByOutcomeBuildingNameAndDayAndOnlyWithinScope() {
    String li = raised("r-001", "dev-0001", "device-secret-0001-abcdef");
    String zhang = raised("r-002", "dev-0002", "device-secret-0002-abcdef");
    assertThat(admin.post("/api/v1/alerts/" + li + "/resolve", Map.of()).status()).isEqualTo(200);
    assertThat(admin.post("/api/v1/alerts/" + zhang + "/cancel", Map.of()).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(closedIds("")).contains(li, zhang));

    assertThat(closedIds("&outcome=resolved")).contains(li).doesNotContain(zhang);
    assertThat(closedIds("&outcome=cancelled")).contains(zhang).doesNotContain(li);
    assertThat(closedIds("&building=" + B08)).contains(zhang).doesNotContain(li);
    assertThat(closedIds("&community=" + COMMUNITY)).contains(li, zhang);
    assertThat(closedIds("&q=" + enc("奶奶"))).contains(zhang).doesNotContain(li);
    assertThat(closedIds("&q=r-001")).contains(li).doesNotContain(zhang);
    var today = LocalDate.now(CHINA);
    assertThat(closedIds("&from=" + today + "&to=" + today)).contains(li, zhang);
    assertThat(closedIds("&from=" + today.plusDays(1))).isEmpty();
    assertThat(closedIds("&to=" + today.minusDays(1))).isEmpty();
    assertThat(closedIds("&limit=1")).as("newest first, at most the limit").containsExactly(zhang);
    assertThat(ids(wang.get("/api/v1/alerts?state=closed"))).as("B07's head: not B08's alerts").contains(li).doesNotContain(zhang);
    assertThat(ids(admin.get("/api/v1/alerts"))).as("the default is the open list").doesNotContain(li, zhang);

    assertBadParameter("?state=everything", "state");
    assertBadParameter("?state=closed&from=2026-13-01", "from");
    assertBadParameter("?state=closed&to=21.11.2026", "to");
    assertBadParameter("?state=closed&outcome=lost", "outcome");
    assertBadParameter("?state=closed&limit=0", "limit");
    assertBadParameter("?state=closed&limit=501", "limit");
    assertBadParameter("?state=closed&building=B07", "building");
    assertBadParameter("?state=closed&community=abc", "community");
  }

  @Test
  void recentTrafficHasTheLastSixtySecondsAndSixtyMinutesAndTheBusiestCommunities() {
    var posted = wang.post("/api/v1/groups/" + B07 + "/messages", Map.of("text", "大家好", "clientMsgId", "recent-1"));
    assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      var recent = wang.get("/api/v1/traffic/recent");
      assertThat(recent.status()).as(recent.raw()).isEqualTo(200);
      var seconds = recent.body().get("seconds");
      assertThat(seconds).hasSize(60);
      assertThat(recent.body().get("minutes")).hasSize(60);
      assertThat(seconds.get(0).get("bySource").has("party")).isTrue();
      int lastMinute = 0;
      for (var s : seconds) lastMinute += s.get("total").asInt();
      assertThat(lastMinute).as("the message, once its second is over").isGreaterThanOrEqualTo(1);
      var communities = recent.body().get("communities");
      assertThat(communities.get(0).get("code").asText()).isEqualTo(COMMUNITY);
      assertThat(communities.get(0).get("name").asText()).isEqualTo("双安社区");
      assertThat(communities.get(0).get("count").asInt()).isGreaterThanOrEqualTo(1);
    });
    var b08 = as("head-b08").get("/api/v1/traffic/recent").body();
    int b08Seen = 0;
    for (var m : b08.get("minutes")) b08Seen += m.get("total").asInt();
    int wangSeen = 0;
    for (var m : wang.get("/api/v1/traffic/recent").body().get("minutes")) wangSeen += m.get("total").asInt();
    assertThat(b08Seen).as("B08's head does not see B07's group").isLessThan(wangSeen);
    assertThat(new HubClient(node.httpPort()).get("/api/v1/traffic/recent").status()).isEqualTo(401);
  }

  @Test
  void theFiguresDownloadWithChineseHeadersForZhCnAndEnglishOtherwise() {
    var zh = admin.get("/api/v1/figures?format=csv&lang=zh-CN");
    assertThat(zh.status()).as(zh.raw()).isEqualTo(200);
    assertThat(zh.contentType()).startsWith("text/csv");
    assertThat(zh.raw()).as("a UTF-8 byte order mark for Excel").startsWith("\uFEFF");
    var zhHeader = zh.raw().substring(1).lines().findFirst().orElseThrow();
    assertThat(zhHeader).startsWith("社区代码,社区名称,开始日期,结束日期,呼叫数").doesNotContain("community");
    assertThat(zh.raw()).contains(COMMUNITY + ",\"双安社区\"");
    var en = admin.get("/api/v1/figures?format=csv&lang=en");
    assertThat(en.raw().substring(1).lines().findFirst().orElseThrow()).startsWith("community,name,from,to,alerts");
    var plain = admin.get("/api/v1/figures?format=csv");
    assertThat(plain.raw()).as("no lang: as before").startsWith("\uFEFFcommunity,name");
    assertBadParameter(admin.get("/api/v1/figures?format=csv&lang=fr"), "lang");
  }

  // ---- helpers -----------------------------------------------------------------------------

  private HubClient as(String username) {
    var c = new HubClient(node.httpPort());
    c.login(username, OrgDocuments.PASSWORD);
    return c;
  }

  private String adminToken() {
    return new HubClient(node.httpPort()).login("admin", HubFixture.ADMIN_PASSWORD);
  }

  private HubClient.Response press(String device, String secret) {
    return new HubClient(node.httpPort()).device(device, secret, "call", "{\"seq\":" + seq.incrementAndGet() + "}");
  }

  /** A fresh alert of the resident: whatever of theirs is open is resolved first. */
  private String raised(String residentId, String device, String secret) {
    for (var a : admin.get("/api/v1/alerts?state=open").body().get("alerts"))
      if (a.at("/resident/id").asText().equals(residentId))
        assertThat(admin.post("/api/v1/alerts/" + a.get("id").asText() + "/resolve", Map.of()).status()).isEqualTo(200);
    var pressed = press(device, secret);
    assertThat(pressed.status()).as(pressed.raw()).isEqualTo(202);
    assertThat(pressed.body().get("state").asText()).isEqualTo("raised");
    return pressed.body().get("alertId").asText();
  }

  private List<String> closedIds(String filters) {
    var r = admin.get("/api/v1/alerts?state=closed" + filters);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return ids(r);
  }

  private static List<String> ids(HubClient.Response r) {
    var out = new ArrayList<String>();
    r.body().get("alerts").forEach(a -> out.add(a.get("id").asText()));
    return out;
  }

  private static JsonNode itemOf(HubClient.Response r, String id) {
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    for (var a : r.body().get("alerts")) if (a.get("id").asText().equals(id)) return a;
    throw new AssertionError("alert " + id + " is not listed: " + r.raw());
  }

  private static List<String> texts(JsonNode array) {
    var out = new ArrayList<String>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void assertRefused(HubClient.Response r, String code) {
    assertThat(r.status()).as(r.raw()).isEqualTo(409);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("code").asText()).isEqualTo(code);
    assertThat(r.body().get("detail").asText()).startsWith("state:");
  }

  private void assertBadParameter(String query, String parameter) {
    assertBadParameter(admin.get("/api/v1/alerts" + query), parameter);
  }

  private static void assertBadParameter(HubClient.Response r, String parameter) {
    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("detail").asText()).startsWith(parameter + ":");
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** An SSE stream read line by line on a thread of its own; {@link #next} hands over one event's data as JSON. */
  private final class Sse implements AutoCloseable {
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final HttpResponse<java.io.InputStream> response;

    Sse(String path, String token) throws Exception {
      response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
          .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      var reader = new Thread(() -> {
        try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; )
            if (line.startsWith("data:") && line.length() > 5) events.add(HubClient.JSON.readTree(line.substring(5)));
        } catch (java.io.IOException closed) {
          // the test closed the stream
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    JsonNode next(Duration within) throws InterruptedException {
      return events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
      response.body().close();
    }
  }
}
