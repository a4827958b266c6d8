package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
 * The access-control matrix: every role (in and out of scope) and nobody, against every route of
 * the OpenAPI description, from one table of expected status codes. {@link RoleAccessH2Test}
 * checks what a permitted caller gets to see (phones, listings); this one checks the status of
 * every door. Acting rows each get a freshly raised alert, or a fresh case, wish, appointment or Party
 * member brought to the state the action needs (appointments come from the community network, signed),
 * so that no answer depends on the order of the calls; streams are opened, their status read and closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixH2Test {
  static final String COMMUNITY = "130803001001";
  static final String B07 = "130803001001-B07";
  static final String DEVICE = "dev-0001";
  static final String SECRET = "device-secret-0001-abcdef";
  static final String OTHER_DEVICE = "dev-0002";
  static final String OTHER_SECRET = "device-secret-0002-abcdef";
  static final String UNKNOWN_TOKEN = "0123456789abcdef0123456789abcdef";
  static final String POLICY = "{\"steps\":[{\"after\":\"PT0S\",\"notify\":[\"building_head\",\"online_building_head\",\"unit_head\","
      + "\"grid_member\",\"family\"]},{\"after\":\"PT60S\",\"notify\":[\"grid_head\",\"community_duty\"]},{\"after\":\"PT180S\","
      + "\"notify\":[\"community_secretary\",\"street_command\"]}],\"repeatEvery\":\"PT300S\",\"arriveWithin\":\"PT15M\"}";
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
  static final String DEADLINES = "{\"community\":\"PT24H\",\"street\":\"PT72H\",\"district\":\"P7D\"}";
  static final String SUBSCRIPTION = "{\"endpoint\":\"https://push.example.invalid/sub/%s\",\"keys\":{\"p256dh\":\"" + "B".repeat(87)
      + "\",\"auth\":\"" + "a".repeat(22) + "\"}}";

  /** Who asks: one person per role, in and out of scope, and nobody (no token). The table's columns, in this order. */
  enum Who {
    ADMIN("admin"), DISTRICT_COMMAND("district"), STREET_COMMAND("street"), COMMUNITY_SECRETARY("secretary"),
    COMMUNITY_DUTY("duty"), GRID_HEAD("gridhead"), GRID_MEMBER("gridmember"), BUILDING_HEAD_B07("wangfang"),
    BUILDING_HEAD_B08("head-b08"), ONLINE_BUILDING_HEAD_B07("online-b07"), UNIT_HEAD_B07_U2("unit-b07-u2"),
    UNIT_HEAD_B07_U1("unit-b07-u1"), PARTY_MEMBER("party"), RESIDENT_B07("resident-b07"), RESIDENT_B08("resident-b08"),
    NOBODY(null);

    final String username;

    Who(String username) {
      this.username = username;
    }
  }

  /** Every route of the OpenAPI file, as asked here; the alert is 李大爷's (B07 unit 2), r-002 lives in B08. */
  enum Route {
    LOGIN_POST("POST /api/v1/login (own password; nobody: a wrong one)"),
    LOGIN_GET("GET /api/v1/login"),
    ME("GET /api/v1/me"),
    REVOKE_TOKENS("POST /api/v1/users/{p-900}/revoke-tokens"),
    ORG_IMPORT("POST /api/v1/org/import (the same document)"),
    ORG_ROOTS("GET /api/v1/org"),
    ORG_B07("GET /api/v1/org/{B07}"),
    ORG_COMMUNITY("GET /api/v1/org/{community}"),
    B07_MESSAGES("GET /api/v1/groups/{B07}/messages"),
    B07_POST("POST /api/v1/groups/{B07}/messages"),
    B07_STREAM("GET /api/v1/groups/{B07}/stream"),
    B07_WS("GET /api/v1/groups/{B07}/ws"),
    COMMUNITY_MESSAGES("GET /api/v1/groups/{community}/messages"),
    COMMUNITY_POST("POST /api/v1/groups/{community}/messages"),
    INBOX("GET /api/v1/me/inbox"),
    INBOX_STREAM("GET /api/v1/me/inbox/stream"),
    INBOX_READ("POST /api/v1/me/inbox/{999999}/read (no such item)"),
    PUSH_SUBSCRIBE("POST /api/v1/me/push-subscriptions"),
    PUSH_UNSUBSCRIBE("DELETE /api/v1/me/push-subscriptions"),
    PUSH_PUBLIC_KEY("GET /api/v1/push/public-key"),
    DEVICE_CALL("POST /api/v1/devices/{dev-0001}/call with the caller's bearer token"),
    DEVICE_HEARTBEAT("POST /api/v1/devices/{dev-0001}/heartbeat with the caller's bearer token"),
    DEVICE_CHECK_IN("POST /api/v1/devices/{dev-0001}/check-in with the caller's bearer token"),
    CALL_LINKS_ISSUE("POST /api/v1/residents/{r-001, B07-U2}/call-links"),
    CALL_LINKS_LIST("GET /api/v1/residents/{r-002, B08}/call-links"),
    CALL_LINK_REVOKE("DELETE /api/v1/residents/{r-001}/call-links/{a link the admin just issued}"),
    CALL_LINK_REVOKE_UNKNOWN("DELETE /api/v1/residents/{r-001}/call-links/{unknown}"),
    COMMUNITY("GET /api/v1/communities/{community}"),
    POLICY_GET("GET /api/v1/communities/{community}/escalation-policy"),
    POLICY_PUT("PUT /api/v1/communities/{community}/escalation-policy"),
    CHECK_IN_GET("GET /api/v1/communities/{community}/check-in"),
    CHECK_IN_PUT("PUT /api/v1/communities/{community}/check-in"),
    ALERTS("GET /api/v1/alerts?state=open"),
    ALERTS_CLOSED("GET /api/v1/alerts?state=closed"),
    ALERTS_STREAM("GET /api/v1/alerts/stream"),
    ALERT("GET /api/v1/alerts/{id}"),
    ACKNOWLEDGE("POST /api/v1/alerts/{id}/acknowledge"),
    ARRIVE("POST /api/v1/alerts/{id}/arrive"),
    RESOLVE("POST /api/v1/alerts/{id}/resolve"),
    CANCEL("POST /api/v1/alerts/{id}/cancel"),
    FIGURES("GET /api/v1/figures"),
    TRAFFIC_STREAM("GET /api/v1/traffic/stream"),
    TRAFFIC_RECENT("GET /api/v1/traffic/recent"),
    HEALTH_ALIVE("GET /health/alive"),
    HEALTH_READY("GET /health/ready"),
    METRICS("GET /metrics"),
    OPENAPI("GET /api/v1/openapi.yaml"),
    CONSOLE("GET /"),
    APP("GET /app"),
    APP_MANIFEST("GET /app/manifest.webmanifest"),
    APP_SERVICE_WORKER("GET /app/sw.js"),
    CALL_PAGE("GET /call/{token} (the page itself, for any token)"),
    CALL_STATUS("GET /call/{r-001's token}/status"),
    CALL_CHECK_IN("POST /call/{r-001's token}/check-in"),
    CALL_EVENTS("GET /call/{r-001's token}/events"),
    CALL_STATUS_UNKNOWN("GET /call/{unknown token}/status"),
    CALL_PRESS_UNKNOWN("POST /call/{unknown token}/press"),
    CALL_CHECK_IN_UNKNOWN("POST /call/{unknown token}/check-in"),
    CALL_EVENTS_UNKNOWN("GET /call/{unknown token}/events"),
    NETWORKS("GET /api/v1/networks"),
    NETWORK("GET /api/v1/networks/{party}"),
    NETWORK_EVENTS("POST /api/v1/networks/{party}/events (unsigned, with the caller's bearer token)"),
    NETWORK_QUARANTINE("GET /api/v1/networks/{party}/quarantine"),
    NETWORK_REPLAY("POST /api/v1/networks/{party}/quarantine/{999999}/replay (no such event)"),
    NETWORK_REPLAY_ALL("POST /api/v1/networks/{party}/quarantine/replay"),
    NETWORK_MAPPINGS("GET /api/v1/networks/{party}/mappings"),
    NETWORK_MAPPING_PUT("PUT /api/v1/networks/{party}/mappings/{DJ-B07}"),
    NETWORK_MAPPING_DELETE("DELETE /api/v1/networks/{party}/mappings/{no-such-id}"),
    NETWORK_OUTBOX("GET /api/v1/networks/{party}/outbox"),
    NETWORK_RESEND("POST /api/v1/networks/{party}/outbox/{no-such-id}/resend"),
    NETWORK_CALLBACK_ENABLE("POST /api/v1/networks/{party}/callback/enable"),
    NETWORK_SECRET("GET /api/v1/networks/{party}/secret"),
    // The networks' work: cases, wishes, appointments, Party members, photos, activation links
    CASES("GET /api/v1/cases"),
    CASE_REPORT("POST /api/v1/cases (about B07)"),
    CASE("GET /api/v1/cases/{a case of B07}"),
    CASE_ACCEPT("POST /api/v1/cases/{a fresh case of B07}/accept"),
    CASE_ESCALATE("POST /api/v1/cases/{a fresh case of B07}/escalate"),
    CASE_RESOLVE("POST /api/v1/cases/{a fresh case of B07, accepted}/resolve"),
    CASE_RATE("POST /api/v1/cases/{a fresh case of B07 the admin reported, resolved}/rate"),
    CASE_DEADLINES_GET("GET /api/v1/communities/{community}/case-deadlines"),
    CASE_DEADLINES_PUT("PUT /api/v1/communities/{community}/case-deadlines (the defaults)"),
    CASE_FIGURES("GET /api/v1/figures/cases"),
    WISHES("GET /api/v1/wishes"),
    WISH_POST("POST /api/v1/wishes (in B07)"),
    WISH("GET /api/v1/wishes/{a wish of B07}"),
    WISH_CLAIM("POST /api/v1/wishes/{a fresh wish of B07}/claim"),
    WISH_FULFIL("POST /api/v1/wishes/{a fresh wish of B07, claimed by the party member}/fulfil"),
    WISH_CONFIRM("POST /api/v1/wishes/{a fresh wish of B07, fulfilled by the party member}/confirm"),
    WISH_CANCEL("POST /api/v1/wishes/{a fresh wish of B07 the admin posted}/cancel"),
    PARTY_MEMBERS("GET /api/v1/party/members"),
    PARTY_MEMBER_REMOVE("DELETE /api/v1/party/members/{a fresh member of the community}?community={community}"),
    PARTY_POINTS("GET /api/v1/party/points"),
    APPOINTMENTS("GET /api/v1/appointments"),
    APPOINTMENT("GET /api/v1/appointments/{an appointment of B07}"),
    APPOINTMENT_ACCEPT("POST /api/v1/appointments/{a fresh appointment of B07}/accept"),
    APPOINTMENT_COMPLETE("POST /api/v1/appointments/{a fresh appointment of B07, accepted}/complete"),
    APPOINTMENT_CANCEL("POST /api/v1/appointments/{a fresh appointment of B07}/cancel"),
    PHOTO_UPLOAD("POST /api/v1/photos?building={B07} (a tiny PNG)"),
    PHOTO("GET /api/v1/photos/{a photo of B07}"),
    ACTIVATION_GET("GET /api/v1/activations/{unknown token}"),
    ACTIVATION_POST("POST /api/v1/activations/{unknown token} (a long enough password)"),
    WORK_STREAM("GET /api/v1/work/stream");

    final String label;

    Route(String label) {
      this.label = label;
    }
  }

  record Case(Who who, Route route, int expected) {
    @Override
    public String toString() {
      return who + ": " + route.label + " → " + expected;
    }
  }

  // @formatter:off
  /** Rows: routes. Columns: {@link Who} in order: AD DI ST SE DU GH GM B7 B8 OB U2 U1 PA R7 R8 nobody. */
  static final Map<Route, int[]> TABLE = table(
      //                       AD   DI   ST   SE   DU   GH   GM   B7   B8   OB   U2   U1   PA   R7   R8   --
      Route.LOGIN_POST,        200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.LOGIN_GET,         200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.ME,                200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.REVOKE_TOKENS,     200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.ORG_IMPORT,        200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.ORG_ROOTS,         200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.ORG_B07,           200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200, 403, 200, 403, 401,
      Route.ORG_COMMUNITY,     200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.B07_MESSAGES,      200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200, 403, 200, 403, 401,
      Route.B07_POST,          201, 201, 201, 201, 201, 201, 201, 201, 403, 201, 201, 201, 403, 201, 403, 401,
      Route.B07_STREAM,        200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200, 403, 200, 403, 401,
      Route.B07_WS,            101, 101, 101, 101, 101, 101, 101, 101, 403, 101, 101, 101, 403, 101, 403, 401,
      Route.COMMUNITY_MESSAGES,200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.COMMUNITY_POST,    201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 401,
      Route.INBOX,             200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.INBOX_STREAM,      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.INBOX_READ,        404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 401,
      Route.PUSH_SUBSCRIBE,    201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 401,
      Route.PUSH_UNSUBSCRIBE,  200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.PUSH_PUBLIC_KEY,   200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.DEVICE_CALL,       401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401,
      Route.DEVICE_HEARTBEAT,  401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401,
      Route.DEVICE_CHECK_IN,   401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401,
      Route.CALL_LINKS_ISSUE,  201, 201, 201, 201, 201, 201, 201, 201, 403, 201, 201, 403, 403, 403, 403, 401,
      Route.CALL_LINKS_LIST,   200, 200, 200, 200, 200, 200, 200, 403, 200, 403, 403, 403, 403, 403, 403, 401,
      Route.CALL_LINK_REVOKE,  200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 403, 403, 403, 403, 401,
      Route.CALL_LINK_REVOKE_UNKNOWN,
                               404, 404, 404, 404, 404, 404, 404, 404, 403, 404, 404, 403, 403, 403, 403, 401,
      Route.COMMUNITY,         200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.POLICY_GET,        200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.POLICY_PUT,        200, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.CHECK_IN_GET,      200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.CHECK_IN_PUT,      200, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.ALERTS,            200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.ALERTS_CLOSED,     200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.ALERTS_STREAM,     200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.ALERT,             200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200, 403, 403, 403, 401,
      Route.ACKNOWLEDGE,       200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200, 403, 403, 403, 401,
      Route.ARRIVE,            200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200, 403, 403, 403, 401,
      Route.RESOLVE,           200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200, 403, 403, 403, 401,
      Route.CANCEL,            200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200, 403, 403, 403, 401,
      Route.FIGURES,           200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.TRAFFIC_STREAM,    200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.TRAFFIC_RECENT,    200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.HEALTH_ALIVE,      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.HEALTH_READY,      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.METRICS,           200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.OPENAPI,           200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.CONSOLE,           200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.APP,               200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.APP_MANIFEST,      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.APP_SERVICE_WORKER,200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.CALL_PAGE,         200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.CALL_STATUS,       200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.CALL_CHECK_IN,     202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202,
      Route.CALL_EVENTS,       200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200,
      Route.CALL_STATUS_UNKNOWN,
                               404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404,
      Route.CALL_PRESS_UNKNOWN,404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404,
      Route.CALL_CHECK_IN_UNKNOWN,
                               404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404,
      Route.CALL_EVENTS_UNKNOWN,
                               404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404,
      Route.NETWORKS,          200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK,           200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK_EVENTS,    401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401,
      Route.NETWORK_QUARANTINE,200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK_REPLAY,    404, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK_REPLAY_ALL,200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK_MAPPINGS,  200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK_MAPPING_PUT,
                               200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK_MAPPING_DELETE,
                               404, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK_OUTBOX,    200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK_RESEND,    404, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK_CALLBACK_ENABLE,
                               200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.NETWORK_SECRET,    200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      // Work is seen by the place's responders and the community's Party members; one not seen is not found (404).
      //                       AD   DI   ST   SE   DU   GH   GM   B7   B8   OB   U2   U1   PA   R7   R8   --
      Route.CASES,             200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.CASE_REPORT,       201, 201, 201, 201, 201, 201, 201, 201, 403, 201, 201, 201, 201, 403, 403, 401,
      Route.CASE,              200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 200, 200, 404, 404, 401,
      Route.CASE_ACCEPT,       200, 200, 200, 200, 200, 200, 200, 403, 404, 403, 403, 403, 403, 404, 404, 401,
      Route.CASE_ESCALATE,     200, 200, 200, 200, 200, 200, 200, 403, 404, 403, 403, 403, 403, 404, 404, 401,
      Route.CASE_RESOLVE,      200, 200, 200, 200, 200, 200, 200, 403, 404, 403, 403, 403, 403, 404, 404, 401,
      Route.CASE_RATE,         200, 403, 403, 200, 200, 403, 403, 403, 404, 403, 403, 403, 403, 404, 404, 401,
      Route.CASE_DEADLINES_GET,200, 200, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.CASE_DEADLINES_PUT,200, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.CASE_FIGURES,      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.WISHES,            200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.WISH_POST,         201, 201, 201, 201, 201, 201, 201, 201, 403, 201, 201, 201, 403, 403, 403, 401,
      Route.WISH,              200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 200, 200, 404, 404, 401,
      Route.WISH_CLAIM,        403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403, 403, 200, 404, 404, 401,
      Route.WISH_FULFIL,       200, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403, 403, 200, 404, 404, 401,
      Route.WISH_CONFIRM,      200, 403, 403, 200, 200, 403, 403, 200, 404, 200, 403, 403, 403, 404, 404, 401,
      Route.WISH_CANCEL,       200, 403, 403, 200, 200, 403, 403, 403, 404, 403, 403, 403, 403, 404, 404, 401,
      Route.PARTY_MEMBERS,     200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.PARTY_MEMBER_REMOVE,
                               204, 204, 204, 204, 204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401,
      Route.PARTY_POINTS,      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.APPOINTMENTS,      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401,
      Route.APPOINTMENT,       200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 200, 200, 404, 404, 401,
      Route.APPOINTMENT_ACCEPT,200, 403, 403, 200, 200, 200, 200, 403, 404, 403, 403, 403, 403, 404, 404, 401,
      Route.APPOINTMENT_COMPLETE,
                               200, 403, 403, 200, 200, 200, 200, 403, 404, 403, 403, 403, 403, 404, 404, 401,
      Route.APPOINTMENT_CANCEL,200, 403, 403, 200, 200, 200, 200, 403, 404, 403, 403, 403, 403, 404, 404, 401,
      Route.PHOTO_UPLOAD,      201, 201, 201, 201, 201, 201, 201, 201, 403, 201, 201, 201, 201, 403, 403, 401,
      Route.PHOTO,             200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 200, 200, 404, 404, 401,
      Route.ACTIVATION_GET,    404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404,
      Route.ACTIVATION_POST,   404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404,
      Route.WORK_STREAM,       200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401);
  // @formatter:on

  static Map<Route, int[]> table(Object... cells) {
    int width = Who.values().length + 1;
    if (cells.length != width * Route.values().length) throw new IllegalStateException("the table needs a row of " + width + " per route");
    var table = new EnumMap<Route, int[]>(Route.class);
    for (int i = 0; i < cells.length; i += width)
      table.put((Route) cells[i], Arrays.stream(cells, i + 1, i + width).mapToInt(Integer.class::cast).toArray());
    return table;
  }

  Stream<Case> cases() {
    return Arrays.stream(Route.values()).flatMap(route -> Arrays.stream(Who.values())
        .map(who -> new Case(who, route, TABLE.get(route)[who.ordinal()])));
  }

  /** The device routes by device credentials: the right secret, another device's, an unknown device, none. */
  record DeviceCase(String action, String deviceId, String secret, int expected) {
    @Override
    public String toString() {
      return "POST /api/v1/devices/" + deviceId + "/" + action + " with " + (secret == null ? "no Device header" : "secret " + secret)
          + " → " + expected;
    }
  }

  static Stream<DeviceCase> deviceCases() {
    var cases = new ArrayList<DeviceCase>();
    for (String action : List.of("call", "heartbeat", "check-in")) {
      cases.add(new DeviceCase(action, OTHER_DEVICE, OTHER_SECRET, 202));
      cases.add(new DeviceCase(action, DEVICE, OTHER_SECRET, 401));
      cases.add(new DeviceCase(action, OTHER_DEVICE, SECRET, 401));
      cases.add(new DeviceCase(action, "dev-9999", OTHER_SECRET, 401));
      cases.add(new DeviceCase(action, OTHER_DEVICE, null, 401));
    }
    return cases.stream();
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<Who, String> tokens = new EnumMap<>(Who.class);
  private final AtomicInteger seq = new AtomicInteger();
  private HubNode node;
  private HubClient admin;
  private RaisedAlerts alerts;
  private String callToken;
  private NetworkSender communityNetwork;
  private String aPhoto;
  private String aCase;
  private String aWish;
  private String anAppointment;

  static Map<String, Object> document() {
    var doc = new HashMap<>(OrgDocuments.everyRole());
    var people = new ArrayList<Object>((List<?>) doc.get("people"));
    people.add(Map.of("id", "p-900", "name", "韩测试", "phone", "+8613800000900",
        "roles", List.of(Map.of("role", "grid_member", "scope", "130803001001-G01")),
        "login", Map.of("username", "revoked", "password", OrgDocuments.PASSWORD)));
    doc.put("people", people);
    return doc;
  }

  @BeforeAll
  void start() throws Exception {
    var settings = HubFixture.embedded(HubFixture.tempDir());
    String communitySecret = NetworkConnectorContract.secret();
    settings.put("sanwang.network-secrets.community", communitySecret);
    node = HubNode.start(HubNode.load(settings));
    admin = new HubClient(node.httpPort());
    communityNetwork = new NetworkSender(new HubClient(node.httpPort()), "community", communitySecret);
    alerts = new RaisedAlerts(node.httpPort(), admin, DEVICE, SECRET);
    tokens.put(Who.ADMIN, admin.login("admin", HubFixture.ADMIN_PASSWORD));
    var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(document()));
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
    callToken = issuedLink().get("token").asText();
    var uploaded = admin.postBytes("/api/v1/photos?building=" + B07, "image/png", PNG);
    assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
    aPhoto = uploaded.body().get("id").asText();
    aCase = freshCase();
    aWish = freshWish();
    anAppointment = freshAppointment();
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  @Test
  void theTableCoversEveryRoleAndEveryRoute() {
    assertThat(TABLE).hasSize(Route.values().length);
    System.out.println("ACCESS matrix: " + Who.values().length + " callers × " + Route.values().length + " routes = "
        + cases().count() + " cases, plus " + deviceCases().count() + " device-credential cases");
  }

  @Test
  void everyOperationOfTheOpenApiFileHasAColumn() throws Exception {
    JsonNode openapi;
    try (var in = getClass().getResourceAsStream("/openapi/openapi.yaml")) {
      openapi = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    var documented = new TreeSet<String>();
    openapi.get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (List.of("get", "post", "put", "delete").contains(method))
        documented.add(method.toUpperCase() + " " + path.getKey().replaceAll("\\{[^}]*}", "{}"));
    }));
    var walked = new TreeSet<String>();
    for (Route r : Route.values()) walked.add(operationOf(r.label));
    assertThat(walked).containsAll(documented);
  }

  /**
   * {@code "GET /api/v1/alerts/{id}/… (note)"} → {@code "GET /api/v1/alerts/{}/…"}; an alert's actions are one
   * operation, a case's, wish's or appointment's each its own.
   */
  static String operationOf(String label) {
    String[] words = label.replaceAll("\\{[^}]*}", "{}").split(" ");
    String path = words[1].replaceAll("\\?.*", "")
        .replaceAll("^(/api/v1/alerts/\\{}/)(acknowledge|arrive|resolve|cancel)$", "$1{}");
    return words[0] + " " + path;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachCallerGetsTheStatusTheTableSays(Case c) throws Exception {
    assertThat(observe(c.who(), c.route())).as(c.toString()).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deviceCases")
  void aDeviceRouteOpensOnlyToItsOwnDeviceSecret(DeviceCase c) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(base() + "/api/v1/devices/" + c.deviceId() + "/" + c.action()))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
    if (c.secret() != null) b.header("Authorization", "Device " + c.secret());
    var r = http.send(b.POST(HttpRequest.BodyPublishers.ofString("{\"seq\":" + seq.incrementAndGet() + "}")).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(c + ": " + r.body()).isEqualTo(c.expected());
    if (r.statusCode() >= 400) assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct ->
        assertThat(ct).startsWith("application/problem+json"));
  }

  private int observe(Who who, Route route) throws Exception {
    return switch (route) {
      case LOGIN_POST -> send(who, "POST", "/api/v1/login", HubClient.JSON.writeValueAsString(Map.of(
          "username", who == Who.NOBODY ? "wangfang" : who == Who.ADMIN ? "admin" : who.username,
          "password", who == Who.NOBODY ? "wrong-password" : who == Who.ADMIN ? HubFixture.ADMIN_PASSWORD : OrgDocuments.PASSWORD)), false);
      case LOGIN_GET -> send(who, "GET", "/api/v1/login", null, true);
      case ME -> send(who, "GET", "/api/v1/me", null, true);
      case REVOKE_TOKENS -> send(who, "POST", "/api/v1/users/p-900/revoke-tokens", null, true);
      case ORG_IMPORT -> send(who, "POST", "/api/v1/org/import", HubClient.JSON.writeValueAsString(document()), true);
      case ORG_ROOTS -> send(who, "GET", "/api/v1/org", null, true);
      case ORG_B07 -> send(who, "GET", "/api/v1/org/" + B07, null, true);
      case ORG_COMMUNITY -> send(who, "GET", "/api/v1/org/" + COMMUNITY, null, true);
      case B07_MESSAGES -> send(who, "GET", "/api/v1/groups/" + B07 + "/messages", null, true);
      case B07_POST -> send(who, "POST", "/api/v1/groups/" + B07 + "/messages", message(), true);
      case B07_STREAM -> stream(who, "/api/v1/groups/" + B07 + "/stream?after=0");
      case B07_WS -> websocket(who, "/api/v1/groups/" + B07 + "/ws?after=0");
      case COMMUNITY_MESSAGES -> send(who, "GET", "/api/v1/groups/" + COMMUNITY + "/messages", null, true);
      case COMMUNITY_POST -> send(who, "POST", "/api/v1/groups/" + COMMUNITY + "/messages", message(), true);
      case INBOX -> send(who, "GET", "/api/v1/me/inbox", null, true);
      case INBOX_STREAM -> stream(who, "/api/v1/me/inbox/stream");
      case INBOX_READ -> send(who, "POST", "/api/v1/me/inbox/999999/read", null, true);
      case PUSH_SUBSCRIBE -> send(who, "POST", "/api/v1/me/push-subscriptions", SUBSCRIPTION.formatted(who), true);
      case PUSH_UNSUBSCRIBE -> send(who, "DELETE", "/api/v1/me/push-subscriptions",
          "{\"endpoint\":\"https://push.example.invalid/sub/" + who + "\"}", true);
      case PUSH_PUBLIC_KEY -> send(who, "GET", "/api/v1/push/public-key", null, true);
      case DEVICE_CALL -> send(who, "POST", "/api/v1/devices/" + DEVICE + "/call", "{}", true);
      case DEVICE_HEARTBEAT -> send(who, "POST", "/api/v1/devices/" + DEVICE + "/heartbeat", "{}", true);
      case DEVICE_CHECK_IN -> send(who, "POST", "/api/v1/devices/" + DEVICE + "/check-in", "{}", true);
      case CALL_LINKS_ISSUE -> send(who, "POST", "/api/v1/residents/r-001/call-links", null, true);
      case CALL_LINKS_LIST -> send(who, "GET", "/api/v1/residents/r-002/call-links", null, true);
      case CALL_LINK_REVOKE -> send(who, "DELETE", "/api/v1/residents/r-001/call-links/" + issuedLink().get("linkId").asText(), null, true);
      case CALL_LINK_REVOKE_UNKNOWN -> send(who, "DELETE", "/api/v1/residents/r-001/call-links/no-such-link", null, true);
      case COMMUNITY -> send(who, "GET", "/api/v1/communities/" + COMMUNITY, null, true);
      case POLICY_GET -> send(who, "GET", "/api/v1/communities/" + COMMUNITY + "/escalation-policy", null, true);
      case POLICY_PUT -> send(who, "PUT", "/api/v1/communities/" + COMMUNITY + "/escalation-policy", POLICY, true);
      case CHECK_IN_GET -> send(who, "GET", "/api/v1/communities/" + COMMUNITY + "/check-in", null, true);
      case CHECK_IN_PUT -> send(who, "PUT", "/api/v1/communities/" + COMMUNITY + "/check-in", "{\"deadline\":\"10:00\"}", true);
      case ALERTS -> send(who, "GET", "/api/v1/alerts?state=open", null, true);
      case ALERTS_CLOSED -> send(who, "GET", "/api/v1/alerts?state=closed", null, true);
      case ALERTS_STREAM -> stream(who, "/api/v1/alerts/stream");
      case ALERT -> send(who, "GET", "/api/v1/alerts/" + alerts.raised(), null, true);
      case ACKNOWLEDGE -> act(who, "acknowledge");
      case ARRIVE -> act(who, "arrive");
      case RESOLVE -> act(who, "resolve");
      case CANCEL -> act(who, "cancel");
      case FIGURES -> send(who, "GET", "/api/v1/figures", null, true);
      case TRAFFIC_STREAM -> stream(who, "/api/v1/traffic/stream");
      case TRAFFIC_RECENT -> send(who, "GET", "/api/v1/traffic/recent", null, true);
      case HEALTH_ALIVE -> send(who, "GET", "/health/alive", null, true);
      case HEALTH_READY -> send(who, "GET", "/health/ready", null, true);
      case METRICS -> send(who, "GET", "/metrics", null, true);
      case OPENAPI -> send(who, "GET", "/api/v1/openapi.yaml", null, true);
      case CONSOLE -> send(who, "GET", "/", null, true);
      case APP -> send(who, "GET", "/app", null, true);
      case APP_MANIFEST -> send(who, "GET", "/app/manifest.webmanifest", null, true);
      case APP_SERVICE_WORKER -> send(who, "GET", "/app/sw.js", null, true);
      case CALL_PAGE -> send(who, "GET", "/call/" + UNKNOWN_TOKEN, null, true);
      case CALL_STATUS -> send(who, "GET", "/call/" + callToken + "/status", null, true);
      case CALL_CHECK_IN -> send(who, "POST", "/call/" + callToken + "/check-in", null, true);
      case CALL_EVENTS -> stream(who, "/call/" + callToken + "/events");
      case CALL_STATUS_UNKNOWN -> send(who, "GET", "/call/" + UNKNOWN_TOKEN + "/status", null, true);
      case CALL_PRESS_UNKNOWN -> send(who, "POST", "/call/" + UNKNOWN_TOKEN + "/press", null, true);
      case CALL_CHECK_IN_UNKNOWN -> send(who, "POST", "/call/" + UNKNOWN_TOKEN + "/check-in", null, true);
      case CALL_EVENTS_UNKNOWN -> send(who, "GET", "/call/" + UNKNOWN_TOKEN + "/events", null, true);
      case NETWORKS -> send(who, "GET", "/api/v1/networks", null, true);
      case NETWORK -> send(who, "GET", "/api/v1/networks/party", null, true);
      case NETWORK_EVENTS -> send(who, "POST", "/api/v1/networks/party/events", "{\"specversion\":\"1.0\",\"id\":\"x\","
          + "\"source\":\"urn:x\",\"type\":\"party.notice\",\"subject\":\"" + B07 + "\",\"data\":{\"title\":\"t\",\"body\":\"b\"}}",
          true, "application/cloudevents+json");
      case NETWORK_QUARANTINE -> send(who, "GET", "/api/v1/networks/party/quarantine", null, true);
      case NETWORK_REPLAY -> send(who, "POST", "/api/v1/networks/party/quarantine/999999/replay", null, true);
      case NETWORK_REPLAY_ALL -> send(who, "POST", "/api/v1/networks/party/quarantine/replay",
          "{\"since\":\"2026-01-01T00:00:00Z\"}", true);
      case NETWORK_MAPPINGS -> send(who, "GET", "/api/v1/networks/party/mappings", null, true);
      case NETWORK_MAPPING_PUT -> send(who, "PUT", "/api/v1/networks/party/mappings/DJ-B07", "{\"code\":\"" + B07 + "\"}", true);
      case NETWORK_MAPPING_DELETE -> send(who, "DELETE", "/api/v1/networks/party/mappings/no-such-id", null, true);
      case NETWORK_OUTBOX -> send(who, "GET", "/api/v1/networks/party/outbox", null, true);
      case NETWORK_RESEND -> send(who, "POST", "/api/v1/networks/party/outbox/no-such-id/resend", null, true);
      case NETWORK_CALLBACK_ENABLE -> send(who, "POST", "/api/v1/networks/party/callback/enable", null, true);
      case NETWORK_SECRET -> send(who, "GET", "/api/v1/networks/party/secret", null, true);
      case CASES -> send(who, "GET", "/api/v1/cases", null, true);
      case CASE_REPORT -> send(who, "POST", "/api/v1/cases", report(), true);
      case CASE -> send(who, "GET", "/api/v1/cases/" + aCase, null, true);
      case CASE_ACCEPT -> actOn(who, "cases", freshCase(), "accept", "{\"note\":\"马上处理\"}");
      case CASE_ESCALATE -> actOn(who, "cases", freshCase(), "escalate", "{\"note\":\"需街道协调\"}");
      case CASE_RESOLVE -> actOn(who, "cases", freshCase("accept"), "resolve", "{\"note\":\"已修好\"}");
      case CASE_RATE -> actOn(who, "cases", freshCase("accept", "resolve"), "rate", "{\"rating\":5}");
      case CASE_DEADLINES_GET -> send(who, "GET", "/api/v1/communities/" + COMMUNITY + "/case-deadlines", null, true);
      case CASE_DEADLINES_PUT -> send(who, "PUT", "/api/v1/communities/" + COMMUNITY + "/case-deadlines", DEADLINES, true);
      case CASE_FIGURES -> send(who, "GET", "/api/v1/figures/cases", null, true);
      case WISHES -> send(who, "GET", "/api/v1/wishes", null, true);
      case WISH_POST -> send(who, "POST", "/api/v1/wishes", wish(), true);
      case WISH -> send(who, "GET", "/api/v1/wishes/" + aWish, null, true);
      case WISH_CLAIM -> actOn(who, "wishes", freshWish(), "claim", null);
      case WISH_FULFIL -> actOn(who, "wishes", freshWish("claim"), "fulfil", "{\"note\":\"已送到\"}");
      case WISH_CONFIRM -> actOn(who, "wishes", freshWish("claim", "fulfil"), "confirm", "{\"rating\":5}");
      case WISH_CANCEL -> actOn(who, "wishes", freshWish(), "cancel", "{\"note\":\"不需要了\"}");
      case PARTY_MEMBERS -> send(who, "GET", "/api/v1/party/members", null, true);
      case PARTY_MEMBER_REMOVE -> removeMember(who);
      case PARTY_POINTS -> send(who, "GET", "/api/v1/party/points", null, true);
      case APPOINTMENTS -> send(who, "GET", "/api/v1/appointments", null, true);
      case APPOINTMENT -> send(who, "GET", "/api/v1/appointments/" + anAppointment, null, true);
      case APPOINTMENT_ACCEPT -> actOn(who, "appointments", freshAppointment(), "accept", null);
      case APPOINTMENT_COMPLETE -> actOn(who, "appointments", freshAppointment("accept"), "complete", "{\"note\":\"已办结\"}");
      case APPOINTMENT_CANCEL -> actOn(who, "appointments", freshAppointment(), "cancel", "{\"note\":\"居民取消\"}");
      case PHOTO_UPLOAD -> sendBytes(who, "/api/v1/photos?building=" + B07, "image/png", PNG);
      case PHOTO -> send(who, "GET", "/api/v1/photos/" + aPhoto, null, true);
      case ACTIVATION_GET -> send(who, "GET", "/api/v1/activations/" + UNKNOWN_TOKEN, null, true);
      case ACTIVATION_POST -> send(who, "POST", "/api/v1/activations/" + UNKNOWN_TOKEN, "{\"password\":\"long-enough-password\"}",
          true);
      case WORK_STREAM -> stream(who, "/api/v1/work/stream");
    };
  }

  /** A link to 李大爷's big-button page, issued by the admin. */
  private com.fasterxml.jackson.databind.JsonNode issuedLink() {
    var issued = admin.post("/api/v1/residents/r-001/call-links", "");
    assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
    return issued.body();
  }

  private String message() {
    return "{\"text\":\"大家好\",\"clientMsgId\":\"m-" + seq.incrementAndGet() + "\"}";
  }

  /** On a raised alert; a refused action must leave it raised, a taken one must move it on. */
  private int act(Who who, String action) throws Exception {
    String id = alerts.raised();
    int status = send(who, "POST", "/api/v1/alerts/" + id + "/" + action, "{\"note\":\"测试\"}", true);
    if (status >= 400) assertThat(alerts.stateOf(id)).as("a refused " + action + " changes nothing").isEqualTo("raised");
    else assertThat(alerts.stateOf(id)).isNotEqualTo("raised");
    return status;
  }



  // ---- the networks' work: fresh cases, wishes and appointments, so that no answer depends on the order of the calls

  private String report() {
    return "{\"building\":\"" + B07 + "\",\"category\":\"facility\",\"description\":\"单元门禁损坏 " + seq.incrementAndGet() + "\"}";
  }

  private String wish() {
    return "{\"building\":\"" + B07 + "\",\"title\":\"帮忙买菜 " + seq.incrementAndGet() + "\",\"residentName\":\"李大爷\"}";
  }

  /** A case of B07 the admin reported, then took through {@code steps} (accept, resolve). */
  private String freshCase(String... steps) {
    var reported = admin.post("/api/v1/cases", report());
    assertThat(reported.status()).as(reported.raw()).isEqualTo(201);
    String id = reported.body().get("id").asText();
    for (String step : steps) {
      var done = admin.post("/api/v1/cases/" + id + "/" + step, step.equals("resolve") ? Map.of("note", "已修好") : Map.of());
      assertThat(done.status()).as(step + ": " + done.raw()).isEqualTo(200);
    }
    return id;
  }

  /** A wish of B07 the admin posted, then the party member took through {@code steps} (claim, fulfil). */
  private String freshWish(String... steps) {
    var posted = admin.post("/api/v1/wishes", wish());
    assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
    String id = posted.body().get("id").asText();
    var member = admin.as(token(Who.PARTY_MEMBER));
    for (String step : steps) {
      var done = member.post("/api/v1/wishes/" + id + "/" + step, Map.of());
      assertThat(done.status()).as(step + ": " + done.raw()).isEqualTo(200);
    }
    return id;
  }

  /** An appointment of 李大爷 (B07) the community network asked for, then the admin took through {@code steps} (accept). */
  private String freshAppointment(String... steps) {
    String id = "YY-AM-" + seq.incrementAndGet();
    var sent = communityNetwork.send(NetworkSender.event("urn:access-matrix", id, "community.appointment.requested", B07,
        Map.of("appointmentId", id, "residentId", "r-001", "service", "代办医保报销")));
    assertThat(sent.status()).as(sent.raw()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/api/v1/appointments/" + id).status() == 200);
    for (String step : steps) {
      var done = admin.post("/api/v1/appointments/" + id + "/" + step, Map.of());
      assertThat(done.status()).as(step + ": " + done.raw()).isEqualTo(200);
    }
    return id;
  }

  /** On a fresh item; a refused action must leave it as it was, a taken one must move it on. */
  private int actOn(Who who, String kind, String id, String action, String body) throws Exception {
    String before = stateOf(kind, id);
    int status = send(who, "POST", "/api/v1/" + kind + "/" + id + "/" + action, body, true);
    if (status >= 400) assertThat(stateOf(kind, id)).as("a refused " + action + " changes nothing").isEqualTo(before);
    else assertThat(stateOf(kind, id)).as("a taken " + action + " moves it on").isNotEqualTo(before);
    return status;
  }

  /** The state of a case, wish or appointment, and a case's level (an escalation keeps the state). */
  private String stateOf(String kind, String id) {
    var r = admin.get("/api/v1/" + kind + "/" + id);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.body().get("state").asText() + " " + r.body().path("level").asText();
  }

  /** A Party member imported for this call alone; a refused removal must leave them a member. */
  private int removeMember(Who who) throws Exception {
    int n = seq.incrementAndGet();
    String id = "pm-AM" + n;
    var imported = admin.post("/api/v1/org/import", Map.of("people", List.of(Map.of("id", id, "name", "测试党员",
        "phone", "+86136" + String.format("%08d", n), "roles", List.of(Map.of("role", "party_member", "scope", COMMUNITY))))));
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
    int status = send(who, "DELETE", "/api/v1/party/members/" + id + "?community=" + COMMUNITY, null, true);
    var members = admin.get("/api/v1/party/members?community=" + COMMUNITY).body().get("members").findValuesAsText("personId");
    assertThat(members.contains(id)).as("still a member after " + status).isEqualTo(status >= 400);
    return status;
  }

  /** A POST of raw bytes (a photo) with the caller's bearer token. */
  private int sendBytes(Who who, String path, String contentType, byte[] body) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType);
    if (who != Who.NOBODY) b.header("Authorization", "Bearer " + token(who));
    var r = http.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() >= 400)
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as("POST " + path + ": " + r.body()).startsWith("application/problem+json");
    return r.statusCode();
  }

  /** One request with the caller's bearer token (when {@code withToken} and there is one); every error must be problem+json. */
  private int send(Who who, String method, String path, String body, boolean withToken) throws Exception {
    return send(who, method, path, body, withToken, "application/json");
  }

  private int send(Who who, String method, String path, String body, boolean withToken, String contentType) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    if (withToken && who != Who.NOBODY) b.header("Authorization", "Bearer " + token(who));
    if (body != null) b.header("Content-Type", contentType);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() >= 400)
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(method + " " + path + ": " + r.body())
          .startsWith("application/problem+json");
    return r.statusCode();
  }

  private int stream(Who who, String path) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).header("Accept", "text/event-stream");
    if (who != Who.NOBODY) b.header("Authorization", "Bearer " + token(who));
    var response = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (response.statusCode() == 200) assertThat(type).as(path).startsWith("text/event-stream");
    else assertThat(type).as(path).startsWith("application/problem+json");
    return response.statusCode();
  }

  private int websocket(Who who, String path) {
    String token = who == Who.NOBODY ? "" : "&access_token=" + token(who);
    var uri = URI.create(base().replace("http:", "ws:") + path + token);
    try {
      http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {}).join().abort();
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
      throw e;
    }
  }

  private String token(Who who) {
    return tokens.computeIfAbsent(who, w -> new HubClient(node.httpPort()).login(w.username, OrgDocuments.PASSWORD));
  }

  private String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }
}
