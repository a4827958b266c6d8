package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanwang.hub.inbox.InboxEntity;
import org.sanwang.hub.inbox.InboxItem;

/**
 * The foundation's outside edges, driven over HTTP exactly as the contract states them, against
 * a real hub node. Each database gets a subclass: embedded H2 and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GroupFlowContract {
  static final String B07 = "130803001001-B07";
  static final String B08 = "130803001001-B08";

  protected Path dataDir;
  protected HubNode node;
  protected HubClient admin;

  protected abstract Map<String, Object> settings(Path dataDir) throws Exception;

  @BeforeAll
  void start() throws Exception {
    dataDir = HubFixture.tempDir();
    node = HubNode.start(HubNode.load(settings(dataDir)));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan()));
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  HubClient client() {
    return new HubClient(node.httpPort());
  }

  static void assertProblem(HubClient.Response r, int status, String detailContains) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("status").asInt()).isEqualTo(status);
    assertThat(r.body().get("title").asText()).isNotBlank();
    assertThat(r.body().get("detail").asText()).contains(detailContains);
  }

  @Test
  void reImportingTheSameDocumentChangesNothing() {
    var again = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan()));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("changed").asBoolean()).isFalse();
  }

  @Test
  void aBadImportIsRefusedWholeNamingEveryBadPath() {
    JsonNode doc = HubClient.JSON.valueToTree(OrgDocuments.withNewBuildingAndBadPerson());
    var r = admin.post("/api/v1/org/import", doc);
    assertProblem(r, 400, "people[0].roles[0].scope");
    assertThat(r.body().get("errors")).extracting(e -> e.get("path").asText())
        .contains("people[0].roles[0].scope", "people[0].phone");
    assertThat(admin.get("/api/v1/org/130803001001-B20").status()).as("nothing half-applied").isEqualTo(404);
  }

  @Test
  void onlyAdminMayImport() {
    var wang = client();
    wang.login("wangfang", OrgDocuments.PASSWORD);
    assertProblem(wang.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())), 403, "admin");
  }

  @Test
  void loginGivesATokenWithTheUsersRoles() {
    var r = client().post("/api/v1/login", Map.of("username", "wangfang", "password", OrgDocuments.PASSWORD));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("token").asText()).isNotBlank();
    assertThat(r.body().get("expiresAt").asText()).endsWith("Z");
    assertThat(r.body().at("/user/id").asText()).isEqualTo("p-001");
    assertThat(r.body().at("/user/roles/0/role").asText()).isEqualTo("building_head");
    assertThat(r.body().at("/user/roles/0/scope").asText()).isEqualTo(B07);
  }

  @Test
  void aWrongPasswordOrAMissingTokenIsUnauthorized() {
    assertProblem(client().post("/api/v1/login", Map.of("username", "wangfang", "password", "wrong password!")), 401, "not recognised");
    assertProblem(client().get("/api/v1/groups/" + B07 + "/messages"), 401, "bearer token");
    assertProblem(client().as("not-a-token").get("/api/v1/groups/" + B07 + "/messages"), 401, "invalid");
  }

  @Test
  void aBuildingHeadOfB07IsForbiddenInB08() {
    var wang = client();
    wang.login("wangfang", OrgDocuments.PASSWORD);
    assertThat(wang.get("/api/v1/groups/" + B07 + "/messages").status()).isEqualTo(200);
    assertProblem(wang.get("/api/v1/groups/" + B08 + "/messages"), 403, B08);
    assertProblem(wang.post("/api/v1/groups/" + B08 + "/messages", Map.of("text", "hi")), 403, B08);
    assertProblem(wang.get("/api/v1/org/" + B08), 403, B08);
    assertThat(wang.get("/api/v1/org/" + B07).status()).isEqualTo(200);
  }

  @Test
  void postsArePagedByOffsetAndARepeatedClientMsgIdReturnsTheFirstResult() {
    String group = "130803001001-B10";
    var first = admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "第一条", "clientMsgId", "c-1"));
    assertThat(first.status()).isEqualTo(201);
    admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "第二条", "clientMsgId", "c-2"));
    var repeat = admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "第一条", "clientMsgId", "c-1"));
    assertThat(repeat.body()).isEqualTo(first.body());

    var page = admin.get("/api/v1/groups/" + group + "/messages?after=0&limit=1").body();
    assertThat(page.get("messages")).hasSize(1);
    var m = page.get("messages").get(0);
    assertThat(m.get("offset").asLong()).isEqualTo(1);
    assertThat(m.get("id").asText()).isEqualTo(first.body().get("id").asText());
    assertThat(m.get("text").asText()).isEqualTo("第一条");
    assertThat(m.get("source").asText()).isEqualTo("hub");
    assertThat(m.get("kind").asText()).isEqualTo("chat");
    assertThat(m.at("/sender/id").asText()).isEqualTo("admin");
    assertThat(m.get("at").asText()).endsWith("Z");
    var next = admin.get("/api/v1/groups/" + group + "/messages?after=" + page.get("next").asLong()).body();
    assertThat(next.get("messages")).extracting(x -> x.get("text").asText()).containsExactly("第二条");
    assertThat(admin.get("/api/v1/groups/" + group + "/messages?after=2").body().get("messages")).isEmpty();
  }

  @Test
  void aPageReachingPastTheNewestMessageGrowsWhileAFullPageIsAnsweredFromTheCache() {
    String group = "130803001001-B09";
    admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "一"));
    admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "二"));
    assertThat(texts(group, "after=0&limit=5")).containsExactly("一", "二");
    admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "三"));
    assertThat(texts(group, "after=0&limit=5")).containsExactly("一", "二", "三");

    double hitsBefore = historyCacheHits();
    assertThat(texts(group, "after=0&limit=2")).containsExactly("一", "二");
    assertThat(texts(group, "after=0&limit=2")).containsExactly("一", "二");
    assertThat(historyCacheHits()).isGreaterThan(hitsBefore);
  }

  private List<String> texts(String group, String query) {
    var list = new ArrayList<String>();
    admin.get("/api/v1/groups/" + group + "/messages?" + query).body().get("messages").forEach(m -> list.add(m.get("text").asText()));
    return list;
  }

  private double historyCacheHits() {
    return admin.get("/metrics").raw().lines().filter(l -> l.startsWith("cache_gets_total{cache=\"group_history\",result=\"hit\"}"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
  }

  @Test
  void theStreamResumesAfterLastEventIdWithoutGapsOrDuplicatesThenGoesLive() throws Exception {
    String group = "130803001001-B11";
    for (int i = 1; i <= 5; i++) admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "m" + i));
    var reading = CompletableFuture.supplyAsync(() -> {
      try {
        return admin.sse("/api/v1/groups/" + group + "/stream", Map.of("Last-Event-ID", "2"), 6, Duration.ofSeconds(20));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    for (int i = 6; i <= 8; i++) admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "m" + i));
    var events = reading.get();
    assertThat(events).extracting(HubClient.SseEvent::id).containsExactly("3", "4", "5", "6", "7", "8");
    var data = HubClient.JSON.readTree(events.get(0).data());
    assertThat(data.get("offset").asLong()).isEqualTo(3);
    assertThat(data.get("text").asText()).isEqualTo("m3");
    var viaQuery = admin.sse("/api/v1/groups/" + group + "/stream?after=7", Map.of(), 1, Duration.ofSeconds(10));
    assertThat(viaQuery).extracting(HubClient.SseEvent::id).containsExactly("8");
  }

  @Test
  void theWebSocketCarriesTheSameMessages() throws Exception {
    String group = "130803001001-B12";
    admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "ws1"));
    var received = new CopyOnWriteArrayList<String>();
    var token = admin.login("admin", HubFixture.ADMIN_PASSWORD);
    var ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
        URI.create("ws://127.0.0.1:" + node.httpPort() + "/api/v1/groups/" + group + "/ws?after=0&access_token=" + token),
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.add(data.toString());
            webSocket.request(1);
            return null;
          }
        }).get();
    admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "ws2"));
    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
    ws.abort();
    assertThat(received).extracting(s -> HubClient.JSON.readTree(s).get("text").asText()).containsExactly("ws1", "ws2");
  }

  @Test
  void badInputIsAProblemNamingTheField() {
    String path = "/api/v1/groups/" + B07 + "/messages";
    assertProblem(admin.post(path, "{\"text\": "), 400, "malformed JSON");
    assertProblem(admin.post(path, "{\"text\":\"hi\",\"colour\":\"red\"}"), 400, "colour");
    assertProblem(admin.post(path, "{\"text\":5}"), 400, "text");
    assertProblem(admin.post(path, "{\"clientMsgId\":\"x\"}"), 400, "text");
    assertProblem(admin.post(path, Map.of("text", "x".repeat(70_000))), 413, "body");
    assertProblem(admin.get(path + "?after=-1"), 400, "after");
    assertProblem(admin.get(path + "?limit=abc"), 400, "limit");
    assertProblem(admin.get("/api/v1/groups/130803001001-B99/messages"), 404, "130803001001-B99");
    assertProblem(admin.get("/api/v1/no-such-thing"), 404, "path");
    assertThat(admin.get(path + "?after=0").body().get("messages")).as("nothing written").isEmpty();
  }

  @Test
  void theInboxPagesStreamsAndRecordsReadReceipts() throws Exception {
    var inbox = ClusterSharding.get(node.system()).entityRefFor(InboxEntity.ENTITY_KEY, "p-001");
    for (String title : List.of("通知一", "通知二"))
      inbox.<InboxItem>ask(r -> new InboxEntity.Deliver("notice", title, "停水通知", new InboxItem.Ref("notice", title), r),
          Duration.ofSeconds(5)).toCompletableFuture().get();
    var wang = client();
    wang.login("wangfang", OrgDocuments.PASSWORD);
    var page = wang.get("/api/v1/me/inbox?after=0").body();
    assertThat(page.get("items")).extracting(i -> i.get("title").asText()).containsExactly("通知一", "通知二");
    assertThat(page.get("items").get(0).get("ref").get("type").asText()).isEqualTo("notice");
    assertThat(page.get("next").asLong()).isEqualTo(2);
    var events = wang.sse("/api/v1/me/inbox/stream", Map.of("Last-Event-ID", "1"), 1, Duration.ofSeconds(10));
    assertThat(events).extracting(HubClient.SseEvent::id).containsExactly("2");
    var read = wang.post("/api/v1/me/inbox/1/read", "");
    assertThat(read.status()).as(read.raw()).isEqualTo(200);
    assertThat(wang.get("/api/v1/me/inbox?after=0").body().get("items").get(0).get("readAt").isNull()).isFalse();
    assertProblem(wang.post("/api/v1/me/inbox/99/read", ""), 404, "99");
  }

  @Test
  void aCommunityHoldsItsRosterAndTheDefaultEscalationPolicyWhichItsSecretaryMayChange() {
    var community = admin.get("/api/v1/communities/130803001001");
    assertThat(community.status()).as(community.raw()).isEqualTo(200);
    assertThat(community.body().get("buildings").asInt()).isEqualTo(7);
    assertThat(community.body().at("/escalationPolicy/steps/1/after").asText()).isEqualTo("PT1M");
    assertThat(community.body().at("/escalationPolicy/steps/0/notify").toString()).contains("building_head", "family");

    var policy = Map.of("steps", List.of(Map.of("after", "PT0S", "notify", List.of("building_head", "family")),
        Map.of("after", "PT90S", "notify", List.of("community_duty"))), "repeatEvery", "PT300S", "arriveWithin", "PT20M");
    var put = admin.put("/api/v1/communities/130803001001/escalation-policy", policy);
    assertThat(put.status()).as(put.raw()).isEqualTo(200);
    assertThat(admin.get("/api/v1/communities/130803001001/escalation-policy").body().get("arriveWithin").asText())
        .isEqualTo("PT20M");

    var bad = Map.of("steps", List.of(Map.of("after", "PT0S", "notify", List.of("wizard"))), "repeatEvery", "PT300S",
        "arriveWithin", "PT20M");
    assertProblem(admin.put("/api/v1/communities/130803001001/escalation-policy", bad), 400, "steps[0].notify[0]");
    var wang = client();
    wang.login("wangfang", OrgDocuments.PASSWORD);
    assertProblem(wang.put("/api/v1/communities/130803001001/escalation-policy", policy), 403, "130803001001");
    admin.put("/api/v1/communities/130803001001/escalation-policy", Map.of("steps", List.of(
        Map.of("after", "PT0S", "notify", List.of("building_head", "online_building_head", "unit_head", "grid_member", "family")),
        Map.of("after", "PT60S", "notify", List.of("grid_head", "community_duty")),
        Map.of("after", "PT180S", "notify", List.of("community_secretary", "street_command"))),
        "repeatEvery", "PT300S", "arriveWithin", "PT15M"));
  }

  @Test
  void healthAndMetricsAnswer() {
    assertThat(client().get("/health/alive").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> client().get("/health/ready").status() == 200);
    admin.post("/api/v1/groups/" + B07 + "/messages", Map.of("text", "metrics"));
    var metrics = client().get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw()).contains("sanwang_group_messages_posted_total").contains("jvm_memory_used_bytes");
  }
}
