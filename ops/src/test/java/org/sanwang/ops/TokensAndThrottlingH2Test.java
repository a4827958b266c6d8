package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Tokens that can be revoked and throttles that cannot be turned against their owner, over HTTP
 * against an embedded hub. Throttled requests come from addresses of their own in 127.0.0.0/8
 * (a socket bound to that source address), so each test has its own client address, and a forged
 * {@code X-Forwarded-For} can be told apart from a real second address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokensAndThrottlingH2Test {
  static final String DEVICE = "dev-0001";
  static final String SECRET = "device-secret-0001-abcdef";
  static final String ZHAO_PASSWORD = "zhaoqiang-pass-1";

  private HubNode node;
  private HubClient admin;

  @BeforeAll
  void start() throws Exception {
    var settings = HubFixture.embedded(HubFixture.tempDir());
    settings.put("sanwang.http.login-attempts", 3);
    settings.put("sanwang.http.login-attempts-per-address", 6);
    settings.put("sanwang.http.device-attempts", 3);
    settings.put("sanwang.http.device-attempts-per-address", 6);
    node = HubNode.start(HubNode.load(settings));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    importRoster(ZHAO_PASSWORD, "grid_member");
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  /** Shuang'an with a login for 赵强 (p-002), holding {@code role} of the grid. */
  private void importRoster(String zhaoPassword, String role) {
    var doc = new HashMap<>(OrgDocuments.shuangan());
    var people = new ArrayList<Object>();
    for (Object p : (List<?>) doc.get("people")) {
      @SuppressWarnings("unchecked") var person = new HashMap<>((Map<String, Object>) p);
      if (person.get("id").equals("p-002")) {
        person.put("roles", List.of(Map.of("role", role, "scope", "130803001001-G01")));
        person.put("login", Map.of("username", "zhaoqiang", "password", zhaoPassword));
      }
      people.add(person);
    }
    doc.put("people", people);
    var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(doc));
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
  }

  private HubClient signedIn(String username, String password) {
    var client = new HubClient(node.httpPort());
    client.login(username, password);
    return client;
  }

  @Test
  void aTokenStopsWorkingAtOnceWhenTheAdminRevokesItAndANewLoginWorks() {
    var wang = signedIn("wangfang", OrgDocuments.PASSWORD);
    var other = signedIn("wangfang", OrgDocuments.PASSWORD);
    assertThat(wang.get("/api/v1/login").status()).isEqualTo(200);

    var revoked = admin.post("/api/v1/users/p-001/revoke-tokens", Map.of());
    assertThat(revoked.status()).as(revoked.raw()).isEqualTo(200);
    assertThat(revoked.body().get("id").asText()).isEqualTo("p-001");
    long version = revoked.body().get("tokenVersion").asLong();
    assertThat(version).isPositive();

    var refused = wang.get("/api/v1/login");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.body().get("detail").asText()).contains("Authorization").contains("revoked");
    assertThat(other.get("/api/v1/me/inbox").status()).as("every token of the user").isEqualTo(401);
    assertThat(admin.get("/api/v1/login").status()).as("nobody else's").isEqualTo(200);

    String fresh = new HubClient(node.httpPort()).login("wangfang", OrgDocuments.PASSWORD);
    var anyone = new HubClient(node.httpPort()).as(fresh);
    assertThat(anyone.get("/api/v1/me/inbox").status()).as("a token issued after the revoke").isEqualTo(200);
    var again = admin.post("/api/v1/users/p-001/revoke-tokens", Map.of());
    assertThat(again.body().get("tokenVersion").asLong()).isEqualTo(version + 1);
    assertThat(anyone.get("/api/v1/me/inbox").status()).isEqualTo(401);
  }

  @Test
  void aTokenStopsWorkingAtOnceWhenAReImportChangesThatPersonsPasswordOrRoles() {
    var zhao = signedIn("zhaoqiang", ZHAO_PASSWORD);
    assertThat(zhao.get("/api/v1/login").status()).isEqualTo(200);
    importRoster(ZHAO_PASSWORD, "grid_member");
    assertThat(zhao.get("/api/v1/login").status()).as("an import that changes nothing about him").isEqualTo(200);

    importRoster("zhaoqiang-pass-2", "grid_member");
    assertThat(zhao.get("/api/v1/login").status()).as("his password changed").isEqualTo(401);

    zhao = signedIn("zhaoqiang", "zhaoqiang-pass-2");
    assertThat(zhao.get("/api/v1/login").status()).isEqualTo(200);
    importRoster("zhaoqiang-pass-2", "grid_head");
    var refused = zhao.get("/api/v1/login");
    assertThat(refused.status()).as("his role changed").isEqualTo(401);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");

    zhao = signedIn("zhaoqiang", "zhaoqiang-pass-2");
    assertThat(zhao.get("/api/v1/login").body().at("/roles/0/role").asText()).isEqualTo("grid_head");
    importRoster(ZHAO_PASSWORD, "grid_member");
  }

  @Test
  void onlyTheAdminMayRevokeTokensAndAnUnknownUserIsA404() {
    var wang = signedIn("wangfang", OrgDocuments.PASSWORD);
    var forbidden = wang.post("/api/v1/users/p-003/revoke-tokens", Map.of());
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.contentType()).isEqualTo("application/problem+json");
    assertThat(forbidden.body().get("detail").asText()).contains("role");
    assertThat(new HubClient(node.httpPort()).post("/api/v1/users/p-003/revoke-tokens", Map.of()).status()).isEqualTo(401);

    var unknown = admin.post("/api/v1/users/p-999/revoke-tokens", Map.of());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    assertThat(unknown.body().get("detail").asText()).startsWith("id:");
    assertThat(wang.get("/api/v1/login").status()).as("a refused revoke revokes nothing").isEqualTo(200);
  }

  @Test
  void forgedProxyHeadersDoNotChangeTheAddressALoginIsCountedUnder() {
    String from = "127.0.0.11";
    for (int i = 0; i < 6; i++) {
      var r = login(from, "guess-" + i, "wrong-password", forged(i));
      assertThat(r.status()).as(r.body()).isEqualTo(401);
    }
    var throttled = login(from, "guess-6", "wrong-password", forged(6));
    assertThat(throttled.status()).as("six failures from one address, whatever it claimed to forward").isEqualTo(429);
    assertThat(throttled.header("retry-after")).isEqualTo("60");
    assertThat(throttled.header("content-type")).isEqualTo("application/problem+json");
    assertThat(throttled.json().get("detail").asText()).startsWith("username:");
    assertThat(login("127.0.0.12", "wangfang", OrgDocuments.PASSWORD, Map.of()).status())
        .as("the same user from another address").isEqualTo(200);
  }

  @Test
  void wrongPasswordsFromOneAddressDoNotLockTheUserOutAnywhereElse() {
    String attacker = "127.0.0.13";
    for (int i = 0; i < 3; i++) assertThat(login(attacker, "wangfang", "wrong-password", Map.of()).status()).isEqualTo(401);
    var locked = login(attacker, "wangfang", OrgDocuments.PASSWORD, Map.of());
    assertThat(locked.status()).as("even the right password from there waits").isEqualTo(429);
    assertThat(Long.parseLong(locked.header("retry-after"))).isBetween(1L, 60L);
    var home = login("127.0.0.14", "wangfang", OrgDocuments.PASSWORD, Map.of());
    assertThat(home.status()).as(home.body()).isEqualTo(200);
    assertThat(home.json().get("token").asText()).isNotBlank();
  }

  @Test
  void wrongDeviceSecretsGet429AfterTheLimitWhileTheRightSecretFromAnotherAddressStillWorks() {
    String attacker = "127.0.0.21";
    for (int i = 0; i < 3; i++) {
      var r = device(attacker, DEVICE, "wrong-secret-wrong-secret-" + i, forged(i));
      assertThat(r.status()).as(r.body()).isEqualTo(401);
    }
    var throttled = device(attacker, DEVICE, "wrong-secret-wrong-secret-3", forged(3));
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("retry-after")).isEqualTo("60");
    assertThat(throttled.header("content-type")).isEqualTo("application/problem+json");
    assertThat(throttled.json().get("detail").asText()).startsWith("Authorization:");
    assertThat(device(attacker, DEVICE, SECRET, Map.of()).status()).as("from the guessing address, even the right secret waits")
        .isEqualTo(429);
    var home = device("127.0.0.22", DEVICE, SECRET, Map.of());
    assertThat(home.status()).as(home.body()).isEqualTo(202);
  }

  @Test
  void failedAndThrottledLoginsLogTheAddressButNeverTheUsername() {
    var appender = new ListAppender<ILoggingEvent>();
    appender.start();
    var logger = (Logger) LoggerFactory.getLogger("org.sanwang.console.api.LoginRoutes");
    logger.addAppender(appender);
    try {
      String from = "127.0.0.31";
      for (int i = 0; i < 4; i++) login(from, "mallory-was-here", "wrong-password", Map.of());
      var lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(lines).anyMatch(l -> l.contains("failed") && l.contains(from));
      assertThat(lines).anyMatch(l -> l.contains("throttled") && l.contains(from));
      assertThat(lines).noneMatch(l -> l.contains("mallory") || l.contains("wrong-password"));
    } finally {
      logger.detachAppender(appender);
    }
  }

  private static Map<String, String> forged(int i) {
    return Map.of("X-Forwarded-For", "203.0.113." + (i + 1), "X-Real-IP", "198.51.100." + (i + 1),
        "Remote-Address", "192.0.2." + (i + 1));
  }

  private Raw login(String from, String username, String password, Map<String, String> headers) {
    return Raw.send(from, node.httpPort(), "/api/v1/login", headers, json(Map.of("username", username, "password", password)));
  }

  private Raw device(String from, String deviceId, String secret, Map<String, String> headers) {
    var all = new LinkedHashMap<>(headers);
    all.put("Authorization", "Device " + secret);
    return Raw.send(from, node.httpPort(), "/api/v1/devices/" + deviceId + "/heartbeat", all, "{\"battery\":90}");
  }

  private static String json(Object value) {
    try {
      return HubClient.JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One HTTP/1.1 POST from a chosen loopback source address (the JDK's client cannot pick one on Java 17). */
  record Raw(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonNode json() {
      try {
        return HubClient.JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(body, e);
      }
    }

    static Raw send(String from, int port, String path, Map<String, String> headers, String body) {
      try (var socket = new Socket()) {
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        var out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
        String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int end = response.indexOf("\r\n\r\n");
        String[] head = response.substring(0, end).split("\r\n");
        var parsed = new HashMap<String, String>();
        for (int i = 1; i < head.length; i++) {
          int colon = head[i].indexOf(':');
          parsed.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
        }
        return new Raw(Integer.parseInt(head[0].split(" ")[1]), parsed, response.substring(end + 4));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
