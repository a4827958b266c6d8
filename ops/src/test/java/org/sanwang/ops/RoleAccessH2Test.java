package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sanwang.ops.RoleAccessH2Test.Outcome.FORBIDDEN;
import static org.sanwang.ops.RoleAccessH2Test.Outcome.LISTED;
import static org.sanwang.ops.RoleAccessH2Test.Outcome.NOT_LISTED;
import static org.sanwang.ops.RoleAccessH2Test.Outcome.NO_PHONES;
import static org.sanwang.ops.RoleAccessH2Test.Outcome.OK;
import static org.sanwang.ops.RoleAccessH2Test.Outcome.PHONES;
import static org.sanwang.ops.RoleAccessH2Test.Outcome.STAFF_PHONES;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role against every alert, org and group route (and the call-link and community routes), on
 * a hub of its own: one table says what each role gets, one loop checks it. The alert is 李大爷's
 * (B07 unit 2); acting rows each get a freshly raised alert, so 200 means the action was taken.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleAccessH2Test {
  static final String COMMUNITY = "130803001001";
  static final String B07 = "130803001001-B07";
  static final String DEVICE = "dev-0001";
  static final String SECRET = "device-secret-0001-abcdef";
  /** 李大爷's daughter: only responders reaching B07 unit 2 may read it. */
  static final String FAMILY_PHONE = "+8613900000001";
  /** Every staff phone of {@link OrgDocuments#everyRole()} starts so. */
  static final String STAFF_PHONE_PREFIX = "+86138";

  /** Who asks: one person per role. */
  enum Who {
    ADMIN("admin", "admin"),
    DISTRICT_COMMAND("district_command", "district"),
    STREET_COMMAND("street_command", "street"),
    COMMUNITY_SECRETARY("community_secretary", "secretary"),
    COMMUNITY_DUTY("community_duty", "duty"),
    GRID_HEAD("grid_head of G01", "gridhead"),
    GRID_MEMBER("grid_member of G01", "gridmember"),
    BUILDING_HEAD_B07("building_head of B07, the alert's building", "wangfang"),
    BUILDING_HEAD_B08("building_head of B08", "head-b08"),
    ONLINE_BUILDING_HEAD_B07("online_building_head of B07", "online-b07"),
    UNIT_HEAD_B07_U2("unit_head of B07-U2, the alert's unit", "unit-b07-u2"),
    UNIT_HEAD_B07_U1("unit_head of B07-U1, the alert's building", "unit-b07-u1"),
    PARTY_MEMBER("party_member of the community", "party"),
    RESIDENT_B07("resident of B07", "resident-b07"),
    RESIDENT_B08("resident of B08", "resident-b08");

    final String label;
    final String username;

    Who(String label, String username) {
      this.label = label;
      this.username = username;
    }
  }

  /** The routes walked, in the order of the table's columns. */
  enum Route {
    ALERTS("GET /api/v1/alerts?state=open"),
    CLOSED_ALERTS("GET /api/v1/alerts?state=closed"),
    ALERT("GET /api/v1/alerts/{id}"),
    ACKNOWLEDGE("POST /api/v1/alerts/{id}/acknowledge"),
    CANCEL("POST /api/v1/alerts/{id}/cancel"),
    ORG_BUILDING("GET /api/v1/org/{B07}"),
    ORG_COMMUNITY("GET /api/v1/org/{community}"),
    BUILDING_MESSAGES("GET /api/v1/groups/{B07}/messages"),
    BUILDING_POST("POST /api/v1/groups/{B07}/messages"),
    BUILDING_STREAM("GET /api/v1/groups/{B07}/stream"),
    BUILDING_WS("GET /api/v1/groups/{B07}/ws"),
    COMMUNITY_MESSAGES("GET /api/v1/groups/{community}/messages"),
    COMMUNITY_POST("POST /api/v1/groups/{community}/messages"),
    CALL_LINKS("POST /api/v1/residents/{李大爷}/call-links"),
    COMMUNITY_SETTINGS("GET /api/v1/communities/{community}"),
    ESCALATION_POLICY("PUT /api/v1/communities/{community}/escalation-policy");

    final String label;

    Route(String label) {
      this.label = label;
    }
  }

  /**
   * What a caller gets. OK: 2xx; FORBIDDEN: 403 problem; LISTED / NOT_LISTED: the open alert (or,
   * in the closed list, a closed one) is in the list or not; PHONES: 李大爷's family phone is on the page; STAFF_PHONES: staff phones but not
   * the family's; NO_PHONES: neither.
   */
  enum Outcome { OK, FORBIDDEN, LISTED, NOT_LISTED, PHONES, STAFF_PHONES, NO_PHONES }

  record Row(Who who, Route route, Outcome expected) {
    @Override
    public String toString() {
      return who.label + ": " + route.label + " → " + expected;
    }
  }

  // @formatter:off
  /** Columns: the routes in {@link Route} order. */
  static final Map<Who, List<Outcome>> TABLE = table(
      //                         alerts      closed      alert      ack        cancel     org B07       org comm.     B07 get    B07 post   B07 sse    B07 ws     comm get comm post links      community  policy
      Who.ADMIN,                 LISTED,     LISTED,     PHONES,    OK,        OK,        PHONES,       STAFF_PHONES, OK,        OK,        OK,        OK,        OK,      OK,       OK,        OK,        OK,
      Who.DISTRICT_COMMAND,      LISTED,     LISTED,     PHONES,    OK,        OK,        PHONES,       STAFF_PHONES, OK,        OK,        OK,        OK,        OK,      OK,       OK,        OK,        FORBIDDEN,
      Who.STREET_COMMAND,        LISTED,     LISTED,     PHONES,    OK,        OK,        PHONES,       STAFF_PHONES, OK,        OK,        OK,        OK,        OK,      OK,       OK,        OK,        FORBIDDEN,
      Who.COMMUNITY_SECRETARY,   LISTED,     LISTED,     PHONES,    OK,        OK,        PHONES,       STAFF_PHONES, OK,        OK,        OK,        OK,        OK,      OK,       OK,        OK,        OK,
      Who.COMMUNITY_DUTY,        LISTED,     LISTED,     PHONES,    OK,        OK,        PHONES,       STAFF_PHONES, OK,        OK,        OK,        OK,        OK,      OK,       OK,        OK,        FORBIDDEN,
      Who.GRID_HEAD,             LISTED,     LISTED,     PHONES,    OK,        OK,        PHONES,       NO_PHONES,    OK,        OK,        OK,        OK,        OK,      OK,       OK,        FORBIDDEN, FORBIDDEN,
      Who.GRID_MEMBER,           LISTED,     LISTED,     PHONES,    OK,        OK,        PHONES,       NO_PHONES,    OK,        OK,        OK,        OK,        OK,      OK,       OK,        FORBIDDEN, FORBIDDEN,
      Who.BUILDING_HEAD_B07,     LISTED,     LISTED,     PHONES,    OK,        OK,        PHONES,       NO_PHONES,    OK,        OK,        OK,        OK,        OK,      OK,       OK,        FORBIDDEN, FORBIDDEN,
      Who.BUILDING_HEAD_B08,     NOT_LISTED, NOT_LISTED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,    NO_PHONES,    FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,      OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN,
      Who.ONLINE_BUILDING_HEAD_B07, LISTED,     LISTED,     PHONES,    OK,        OK,        PHONES,       NO_PHONES,    OK,        OK,        OK,        OK,        OK,      OK,       OK,        FORBIDDEN, FORBIDDEN,
      Who.UNIT_HEAD_B07_U2,      LISTED,     LISTED,     PHONES,    OK,        OK,        PHONES,       NO_PHONES,    OK,        OK,        OK,        OK,        OK,      OK,       OK,        FORBIDDEN, FORBIDDEN,
      Who.UNIT_HEAD_B07_U1,      LISTED,     LISTED,     NO_PHONES, OK,        OK,        STAFF_PHONES, NO_PHONES,    OK,        OK,        OK,        OK,        OK,      OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN,
      Who.PARTY_MEMBER,          NOT_LISTED, NOT_LISTED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,    NO_PHONES,    FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,      OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN,
      Who.RESIDENT_B07,          NOT_LISTED, NOT_LISTED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NO_PHONES,    NO_PHONES,    OK,        OK,        OK,        OK,        OK,      OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN,
      Who.RESIDENT_B08,          NOT_LISTED, NOT_LISTED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,    NO_PHONES,    FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,      OK,       FORBIDDEN, FORBIDDEN, FORBIDDEN);
  // @formatter:on

  static Map<Who, List<Outcome>> table(Object... cells) {
    int width = Route.values().length + 1;
    if (cells.length != width * Who.values().length) throw new IllegalStateException("the table needs a row of " + width + " per role");
    var table = new HashMap<Who, List<Outcome>>();
    for (int i = 0; i < cells.length; i += width)
      table.put((Who) cells[i], Arrays.stream(cells, i + 1, i + width).map(Outcome.class::cast).toList());
    return table;
  }

  Stream<Row> rows() {
    return Arrays.stream(Who.values()).flatMap(who -> Arrays.stream(Route.values())
        .map(route -> new Row(who, route, TABLE.get(who).get(route.ordinal()))));
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<Who, String> tokens = new HashMap<>();
  private final AtomicInteger seq = new AtomicInteger();
  private HubNode node;
  private HubClient admin;
  private RaisedAlerts alerts;
  private String closedAlert;

  @BeforeAll
  void start() throws Exception {
    node = HubNode.start(HubNode.load(HubFixture.embedded(HubFixture.tempDir())));
    admin = new HubClient(node.httpPort());
    alerts = new RaisedAlerts(node.httpPort(), admin, DEVICE, SECRET);
    tokens.put(Who.ADMIN, admin.login("admin", HubFixture.ADMIN_PASSWORD));
    var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.everyRole()));
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachRoleGetsWhatTheTableSays(Row row) throws Exception {
    assertThat(observe(row.who(), row.route())).as(row.toString()).isEqualTo(row.expected());
  }

  @Test
  void aResidentReadsTheirOwnFamilyOnTheirBuildingAndNoNeighbourAtAll() {
    var node = as(Who.RESIDENT_B07).get("/api/v1/org/" + B07);
    assertThat(node.status()).as(node.raw()).isEqualTo(200);
    assertThat(node.body().get("residents").findValuesAsText("id")).containsExactly("r-003");
    assertThat(node.raw()).contains("+8613900000003").doesNotContain(FAMILY_PHONE, STAFF_PHONE_PREFIX, "李大爷");
    assertThat(node.body().get("roleHolders").findValuesAsText("role")).contains("building_head").doesNotContain("resident");
  }

  @Test
  void aUnitHeadReadsTheFamiliesOfTheirOwnUnitOnly() {
    var node = as(Who.UNIT_HEAD_B07_U1).get("/api/v1/org/" + B07);
    assertThat(node.status()).as(node.raw()).isEqualTo(200);
    var families = new HashMap<String, List<String>>();
    node.body().get("residents").forEach(r -> families.put(r.get("id").asText(), r.get("contacts").findValuesAsText("phone")));
    assertThat(families).containsEntry("r-003", List.of("+8613900000003")).containsEntry("r-001", List.of());
  }

  @Test
  void aUnitHeadFollowsTheAlertsOfTheirBuildingLive() throws Exception {
    var events = CompletableFuture.supplyAsync(() -> {
      try {
        return as(Who.UNIT_HEAD_B07_U1).sse("/api/v1/alerts/stream", Map.of(), 1, Duration.ofSeconds(30));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    String id = alerts.raised();
    // Each press folds into the open alert and is announced; press until the stream, once subscribed, hears one.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
      new HubClient(node.httpPort()).device(DEVICE, SECRET, "call", "{\"seq\":" + seq.incrementAndGet() + "}");
      return events.isDone();
    });
    assertThat(events.get()).extracting(e -> HubClient.JSON.readTree(e.data()).get("id").asText()).containsExactly(id);
  }

  @Test
  void aPolicyMayNotPageARoleThatSeesNoAlerts() {
    var policy = Map.of("steps", List.of(Map.of("after", "PT0S", "notify", List.of("building_head", "party_member"))),
        "repeatEvery", "PT300S", "arriveWithin", "PT15M");
    var refused = as(Who.COMMUNITY_SECRETARY).put("/api/v1/communities/" + COMMUNITY + "/escalation-policy", policy);
    assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
    assertThat(refused.body().get("detail").asText()).contains("steps[0].notify[1]");
  }

  private Outcome observe(Who who, Route route) throws Exception {
    var c = as(who);
    return switch (route) {
      case ALERTS -> {
        String id = alerts.raised();
        var r = expect2xx(c.get("/api/v1/alerts?state=open"));
        yield r.body().get("alerts").findValuesAsText("id").contains(id) ? LISTED : NOT_LISTED;
      }
      case CLOSED_ALERTS -> {
        String id = closedAlert();
        var r = expect2xx(c.get("/api/v1/alerts?state=closed"));
        var listed = new java.util.ArrayList<String>();
        r.body().get("alerts").forEach(a -> listed.add(a.get("id").asText()));
        yield listed.contains(id) ? LISTED : NOT_LISTED;
      }
      case ALERT -> phones(c.get("/api/v1/alerts/" + alerts.raised()));
      case ACKNOWLEDGE -> act(c, "acknowledge");
      case CANCEL -> act(c, "cancel");
      case ORG_BUILDING -> phones(c.get("/api/v1/org/" + B07));
      case ORG_COMMUNITY -> phones(c.get("/api/v1/org/" + COMMUNITY));
      case BUILDING_MESSAGES -> status(c.get("/api/v1/groups/" + B07 + "/messages"));
      case BUILDING_POST -> post(c, B07, who);
      case BUILDING_STREAM -> stream(who, "/api/v1/groups/" + B07 + "/stream?after=0");
      case BUILDING_WS -> websocket(who, "/api/v1/groups/" + B07 + "/ws?after=0");
      case COMMUNITY_MESSAGES -> status(c.get("/api/v1/groups/" + COMMUNITY + "/messages"));
      case COMMUNITY_POST -> post(c, COMMUNITY, who);
      case CALL_LINKS -> status(c.post("/api/v1/residents/r-001/call-links", ""));
      case COMMUNITY_SETTINGS -> status(c.get("/api/v1/communities/" + COMMUNITY));
      case ESCALATION_POLICY -> status(c.put("/api/v1/communities/" + COMMUNITY + "/escalation-policy", Map.of(
          "steps", List.of(
              Map.of("after", "PT0S", "notify", List.of("building_head", "online_building_head", "unit_head", "grid_member", "family")),
              Map.of("after", "PT60S", "notify", List.of("grid_head", "community_duty")),
              Map.of("after", "PT180S", "notify", List.of("community_secretary", "street_command"))),
          "repeatEvery", "PT300S", "arriveWithin", "PT15M")));
    };
  }

  /** An alert of 李大爷's cancelled by the admin, once the history lists it. */
  private String closedAlert() {
    if (closedAlert == null) {
      String id = alerts.raised();
      assertThat(admin.post("/api/v1/alerts/" + id + "/cancel", Map.of()).status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(15)).until(() -> admin.get("/api/v1/alerts?state=closed").raw().contains("\"" + id + "\""));
      closedAlert = id;
    }
    return closedAlert;
  }

  /** On a raised alert; a refused action must leave it raised. */
  private Outcome act(HubClient c, String action) {
    String id = alerts.raised();
    var outcome = status(c.post("/api/v1/alerts/" + id + "/" + action, Map.of("note", "测试")));
    if (outcome == FORBIDDEN) assertThat(alerts.stateOf(id)).as("a refused " + action + " changes nothing").isEqualTo("raised");
    else assertThat(alerts.stateOf(id)).isNotEqualTo("raised");
    return outcome;
  }



  private Outcome post(HubClient c, String groupId, Who who) {
    return status(c.post("/api/v1/groups/" + groupId + "/messages",
        Map.of("text", "大家好", "clientMsgId", who.username + "-" + seq.incrementAndGet())));
  }

  private Outcome stream(Who who, String path) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token(who)).header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return statusCode(response.statusCode(), path);
  }

  private Outcome websocket(Who who, String path) {
    var uri = URI.create(base().replace("http:", "ws:") + path + "&access_token=" + token(who));
    try {
      http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {}).join().abort();
      return OK;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) return statusCode(h.getResponse().statusCode(), path);
      throw e;
    }
  }

  private static Outcome phones(HubClient.Response r) {
    if (status(r) == FORBIDDEN) return FORBIDDEN;
    if (r.raw().contains(FAMILY_PHONE)) return PHONES;
    return r.raw().contains(STAFF_PHONE_PREFIX) ? STAFF_PHONES : NO_PHONES;
  }

  private static Outcome status(HubClient.Response r) {
    if (r.status() == 403) assertThat(r.contentType()).as(r.raw()).startsWith("application/problem+json");
    return statusCode(r.status(), r.raw());
  }

  private static Outcome statusCode(int status, String what) {
    if (status == 403) return FORBIDDEN;
    assertThat(status).as(what).isBetween(200, 299);
    return OK;
  }

  private static HubClient.Response expect2xx(HubClient.Response r) {
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r;
  }

  private HubClient as(Who who) {
    return new HubClient(node.httpPort()).as(token(who));
  }

  private String token(Who who) {
    return tokens.computeIfAbsent(who, w -> new HubClient(node.httpPort()).login(w.username, OrgDocuments.PASSWORD));
  }

  private String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }
}
