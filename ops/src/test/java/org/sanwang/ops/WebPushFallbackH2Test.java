package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An alert left unread goes out on the fallback channels: a real local HTTP server stands in for the
 * browser's push service (it receives the encrypted, VAPID-signed message) and for a WeCom group robot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPushFallbackH2Test {
  record Received(String path, Map<String, List<String>> headers, int bytes) {}

  private HttpServer pushService;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<com.fasterxml.jackson.databind.JsonNode> robot = new CopyOnWriteArrayList<>();
  private HubNode node;
  private HubClient wang;

  @BeforeAll
  void start() throws Exception {
    pushService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pushService.createContext("/push", exchange -> {
      received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
          exchange.getRequestBody().readAllBytes().length));
      exchange.sendResponseHeaders(201, -1);
      exchange.close();
    });
    pushService.createContext("/robot", exchange -> {
      robot.add(HubClient.JSON.readTree(exchange.getRequestBody()));
      byte[] ok = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes();
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    pushService.start();
    var settings = HubFixture.embedded(HubFixture.tempDir());
    settings.put("sanwang.inbox.fallback-after", "1s");
    settings.put("sanwang.robot.webhook-url", "http://127.0.0.1:" + pushService.getAddress().getPort() + "/robot");
    settings.put("sanwang.robot.kind", "wecom");
    node = HubNode.start(HubNode.load(settings));
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
    wang = new HubClient(node.httpPort());
    wang.login("wangfang", OrgDocuments.PASSWORD);
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
    if (pushService != null) pushService.stop(0);
  }

  /** What a browser's PushManager hands over: an endpoint, its P-256 public key and a 16-byte auth secret. */
  private Map<String, Object> browserSubscription(String endpoint) throws Exception {
    var generator = KeyPairGenerator.getInstance("ECDH", new BouncyCastleProvider());
    generator.initialize(ECNamedCurveTable.getParameterSpec("prime256v1"));
    var publicKey = (ECPublicKey) generator.generateKeyPair().getPublic();
    byte[] auth = new byte[16];
    new SecureRandom().nextBytes(auth);
    var url = Base64.getUrlEncoder().withoutPadding();
    return Map.of("endpoint", endpoint, "keys", Map.of("p256dh", url.encodeToString(publicKey.getQ().getEncoded(false)),
        "auth", url.encodeToString(auth)));
  }

  @Test
  void anUnreadAlertIsPushedToEverySubscribedBrowserSignedWithTheHubsVapidKey() throws Exception {
    String key = new HubClient(node.httpPort()).get("/api/v1/push/public-key").body().get("publicKey").asText();
    assertThat(key).hasSizeGreaterThan(80);
    var endpoint = "http://127.0.0.1:" + pushService.getAddress().getPort() + "/push/phone-of-wangfang";
    var subscribed = wang.post("/api/v1/me/push-subscriptions", browserSubscription(endpoint));
    assertThat(subscribed.status()).as(subscribed.raw()).isEqualTo(201);
    assertThat(wang.post("/api/v1/me/push-subscriptions", Map.of("endpoint", endpoint)).status()).isEqualTo(400);

    assertThat(wang.device("dev-0001", "device-secret-0001-abcdef", "call", "").status()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
    var push = received.get(0);
    assertThat(push.path()).isEqualTo("/push/phone-of-wangfang");
    assertThat(push.headers().get("Content-encoding")).containsExactly("aes128gcm");
    assertThat(push.headers().get("Authorization").get(0)).startsWith("vapid t=").contains("k=" + key);
    assertThat(push.headers().get("Ttl")).isNotEmpty();
    assertThat(push.bytes()).isGreaterThan(86); // header, the sender's key, and the encrypted record

    // The WeCom group robot gets it too, mentioning the building head by mobile number.
    await().atMost(Duration.ofSeconds(15)).until(() -> robot.stream()
        .anyMatch(m -> m.at("/text/mentioned_mobile_list/0").asText().equals("13800000001")));
    assertThat(robot).allSatisfy(m -> {
      assertThat(m.get("msgtype").asText()).isEqualTo("text");
      assertThat(m.at("/text/content").asText()).contains("李大爷");
    });
  }
}
