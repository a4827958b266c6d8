package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Input the journal would refuse, or that would break an alert's escalation, is stopped at the HTTP
 * edge with a 400 problem naming the field, nothing of it is kept, and the hub goes on working.
 * Only the HTTP contract is relied on (statuses, problem+json, alertId, state, pressCount, inboxes),
 * never the entities behind it.
 *
 * <p>Bodies with a lone surrogate are written by hand or with {@link #ASCII}, which escapes every
 * non-ASCII character: a lone surrogate can only travel in well-formed UTF-8 as a JSON escape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputH2Test {
  static final String COMMUNITY = "130803001001";
  static final String BUILDING = "130803001001-B07";
  static final String DEVICE = "dev-0001";
  static final String SECRET = "device-secret-0001-abcdef";
  static final String POLICY = "/api/v1/communities/" + COMMUNITY + "/escalation-policy";
  static final String DUTY_PASSWORD = "sunli-pass-12345";
  static final ObjectMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private HubNode node;
  private HubClient admin;
  private HubClient wang;
  private HubClient duty;
  private String openAlert;

  @BeforeAll
  void start() throws Exception {
    node = HubNode.start(HubNode.load(HubFixture.embedded(HubFixture.tempDir())));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    var imported = admin.post("/api/v1/org/import", shuanganWithDutyLogin());
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
    wang = new HubClient(node.httpPort());
    wang.login("wangfang", OrgDocuments.PASSWORD);
    duty = new HubClient(node.httpPort());
    duty.login("sunli", DUTY_PASSWORD);
    var press = press("{\"seq\":1}");
    assertThat(press.status()).as(press.raw()).isEqualTo(202);
    openAlert = press.body().get("alertId").asText();
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  /** The demo's Shuang'an with a login for the community duty officer 孙丽 (p-003), to read her inbox. */
  private static JsonNode shuanganWithDutyLogin() {
    ObjectNode doc = HubClient.JSON.valueToTree(OrgDocuments.shuangan());
    var sunli = (ObjectNode) doc.get("people").get(2);
    assertThat(sunli.get("name").asText()).isEqualTo("孙丽");
    sunli.putObject("login").put("username", "sunli").put("password", DUTY_PASSWORD);
    return doc;
  }

  private HubClient.Response press(String body) {
    return new HubClient(node.httpPort()).device(DEVICE, SECRET, "call", body);
  }

  /** A 4xx problem+json whose detail starts with the field's path. */
  private static void assertRefused(HubClient.Response r, String field) {
    assertThat(r.status()).as(r.raw()).isBetween(400, 499);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("status").asInt()).isEqualTo(r.status());
    assertThat(r.body().get("detail").asText()).as(r.raw()).contains(field + ": ");
  }

  private static Map<String, Object> policy(List<Map<String, Object>> steps, String repeatEvery, String arriveWithin) {
    return Map.of("steps", steps, "repeatEvery", repeatEvery, "arriveWithin", arriveWithin);
  }

  private static Map<String, Object> step(String after, String... notify) {
    return Map.of("after", after, "notify", List.of(notify));
  }

  @Test
  @Order(1)
  void policyDelaysBeyondADayAreRefusedNamingTheFieldAndThePolicyStaysAsItWas() {
    var before = admin.get(POLICY).body();
    var inSteps = policy(List.of(step("PT0S", "building_head"), step("PT300000H", "community_duty")), "PT300S", "PT15M");
    assertRefused(admin.put(POLICY, inSteps), "steps[1].after");
    var inRepeat = policy(List.of(step("PT0S", "building_head"), step("PT60S", "community_duty")), "PT300000H", "PT15M");
    assertRefused(admin.put(POLICY, inRepeat), "repeatEvery");
    var inArrival = policy(List.of(step("PT0S", "building_head"), step("PT60S", "community_duty")), "PT300S", "PT300000H");
    assertRefused(admin.put(POLICY, inArrival), "arriveWithin");
    assertThat(admin.get(POLICY).body()).isEqualTo(before);
  }

  @Test
  @Order(2)
  void stepsThatDoNotIncreaseOrCyclesThatOverlapAreRefusedAndThePolicyStaysAsItWas() {
    var before = admin.get(POLICY).body();
    var same = policy(List.of(step("PT0S", "building_head"), step("PT60S", "grid_member"), step("PT60S", "community_duty")),
        "PT300S", "PT15M");
    assertRefused(admin.put(POLICY, same), "steps[2].after");
    var backwards = policy(List.of(step("PT120S", "building_head"), step("PT60S", "community_duty")), "PT300S", "PT15M");
    assertRefused(admin.put(POLICY, backwards), "steps[1].after");
    var overlapping = policy(List.of(step("PT0S", "building_head"), step("PT120S", "community_duty")), "PT60S", "PT15M");
    var refused = admin.put(POLICY, overlapping);
    assertRefused(refused, "repeatEvery");
    assertThat(refused.body().get("detail").asText()).contains("overlap");
    assertThat(admin.get(POLICY).body()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aNoteWithALoneSurrogateOrAControlCharacterIsRefusedAndTheAlertStaysRaisedWithoutIt() {
    String ack = "/api/v1/alerts/" + openAlert + "/acknowledge";
    assertRefused(wang.post(ack, "{\"note\":\"坏备注x\\ud800y\"}"), "note");
    assertRefused(wang.post(ack, "{\"note\":\"坏备注\\u0007\"}"), "note");
    assertRefused(wang.post("/api/v1/alerts/" + openAlert + "/cancel", "{\"note\":\"坏备注\\udc00\"}"), "note");
    var alert = wang.get("/api/v1/alerts/" + openAlert);
    assertThat(alert.status()).isEqualTo(200);
    assertThat(alert.body().get("state").asText()).isEqualTo("raised");
    assertThat(alert.raw()).doesNotContain("坏备注");
  }

  @Test
  @Order(4)
  void aDevicePressCarryingALoneSurrogateIsRefusedAndNotCounted() {
    var refused = press("{\"seq\":7,\"at\":\"2026-11-21T08:00:00Z\\ud800\"}");
    assertRefused(refused, "at");
    assertThat(refused.body().get("detail").asText()).as("refused for its text, before any parsing of the time")
        .contains("surrogate");
    var alert = admin.get("/api/v1/alerts/" + openAlert).body();
    assertThat(alert.get("pressCount").asInt()).isEqualTo(1);
  }

  @Test
  @Order(5)
  void aGroupPostWithALoneSurrogateOrAControlCharacterIsRefusedAndNotKept() {
    String messages = "/api/v1/groups/" + BUILDING + "/messages";
    assertRefused(wang.post(messages, "{\"text\":\"坏消息\\ud800\",\"clientMsgId\":\"bad-1\"}"), "text");
    assertRefused(wang.post(messages, "{\"text\":\"坏消息\\u001b[31m\",\"clientMsgId\":\"bad-2\"}"), "text");
    assertRefused(wang.post(messages, "{\"text\":\"坏消息\",\"clientMsgId\":\"bad-\\udfff\"}"), "clientMsgId");
    var page = wang.get(messages + "?after=0&limit=500");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().get("messages").findValuesAsText("text")).noneMatch(t -> t.contains("坏消息"));
    var good = wang.post(messages, Map.of("text", "好消息\n第二行\t完", "clientMsgId", "good-1"));
    assertThat(good.status()).as("newline and tab are text").isEqualTo(201);
  }

  @Test
  @Order(6)
  void aPushSubscriptionWithALoneSurrogateOrAControlCharacterIsRefusedAndNotKept() {
    String subscriptions = "/api/v1/me/push-subscriptions";
    String keys = "\"keys\":{\"p256dh\":\"" + "B".repeat(87) + "\",\"auth\":\"" + "a".repeat(22) + "\"}";
    assertRefused(admin.post(subscriptions, "{\"endpoint\":\"https://push.example.invalid/bad\\ud800\"," + keys + "}"),
        "endpoint");
    assertRefused(admin.post(subscriptions, "{\"endpoint\":\"https://push.example.invalid/bad\\u0000\"," + keys + "}"),
        "endpoint");
    var good = admin.post(subscriptions, "{\"endpoint\":\"https://push.example.invalid/good\"," + keys + "}");
    assertThat(good.status()).as(good.raw()).isEqualTo(201);
    assertThat(good.raw()).contains("push.example.invalid/good").doesNotContain("push.example.invalid/bad");
  }

  @Test
  @Order(7)
  void anImportDocumentWithBadTextIsRefusedWholeNamingEveryPathAndNothingChanges() throws Exception {
    ObjectNode doc = HubClient.JSON.valueToTree(OrgDocuments.shuangan());
    var building = (ObjectNode) doc.at("/districts/0/streets/0/communities/0/buildings/0");
    assertThat(building.get("code").asText()).isEqualTo(BUILDING);
    building.put("name", "七号楼\ud800");
    ((ObjectNode) doc.get("people").get(1)).put("name", "赵\u0007强");
    var refused = admin.post("/api/v1/org/import", ASCII.writeValueAsString(doc));
    assertRefused(refused, "districts[0].streets[0].communities[0].buildings[0].name");
    assertThat(refused.body().get("detail").asText()).contains("people[1].name: ");

    var node = admin.get("/api/v1/org/" + BUILDING);
    assertThat(node.status()).isEqualTo(200);
    assertThat(node.body().get("name").asText()).isEqualTo("7号楼");
    assertThat(admin.get("/api/v1/org/130803001001-G01").raw()).contains("赵强").doesNotContain("\\u0007");
  }

  @Test
  @Order(8)
  void afterAllThatTheSameDeviceRaisesANewAlertAndItEscalatesToTheDutyDesk() {
    String alert = "/api/v1/alerts/" + openAlert;
    var ack = wang.post(alert + "/acknowledge", "{\"note\":\"马上到\\r\\n\\t好\"}");
    assertThat(ack.status()).as("CR, LF and tab are text: " + ack.raw()).isEqualTo(200);
    assertThat(wang.post(alert + "/arrive", Map.of()).status()).isEqualTo(200);
    assertThat(wang.post(alert + "/resolve", Map.of("note", "已处理")).body().get("state").asText()).isEqualTo("resolved");

    var shortPolicy = policy(List.of(step("PT0S", "building_head"), step("PT1S", "community_duty")), "PT30S", "PT1M");
    var set = admin.put(POLICY, shortPolicy);
    assertThat(set.status()).as(set.raw()).isEqualTo(200);

    var press = press("{\"seq\":2}");
    assertThat(press.status()).as(press.raw()).isEqualTo(202);
    assertThat(press.body().get("state").asText()).isEqualTo("raised");
    assertThat(press.body().get("pressCount").asInt()).isEqualTo(1);
    String next = press.body().get("alertId").asText();
    assertThat(next).isNotEqualTo(openAlert);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var inbox = duty.get("/api/v1/me/inbox?after=0&limit=100");
      assertThat(inbox.status()).isEqualTo(200);
      assertThat(inbox.body().get("items")).as("step 2 reaches the community duty desk")
          .anySatisfy(item -> {
            assertThat(item.get("kind").asText()).isEqualTo("alert");
            assertThat(item.at("/ref/id").asText()).isEqualTo(next);
          });
    });
  }
}
