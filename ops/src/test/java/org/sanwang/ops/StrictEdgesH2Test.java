package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanwang.console.api.HttpApi;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge as an outside client meets it, on an embedded hub: bodies must be JSON (415
 * otherwise) of well-formed UTF-8, durations and timestamps ISO-8601 text and whole numbers whole
 * (400 naming the field, nothing kept); every error, Pekko HTTP's own included (404, 405, 413, 414,
 * 431, a parser's 400, the request timeout's 503), is problem+json; a token in the URL is taken only
 * by streams and never logged; and every response carries the security headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictEdgesH2Test {
  static final String BUILDING = "130803001001-B07";
  static final String MESSAGES = "/api/v1/groups/" + BUILDING + "/messages";
  static final String POLICY = "/api/v1/communities/130803001001/escalation-policy";
  static final String DEVICE_CALL = "/api/v1/devices/dev-0001/call";
  static final String DEVICE_SECRET = "device-secret-0001-abcdef";
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HubNode node;
  private String adminToken;
  private String wangToken;

  @BeforeAll
  void start() throws Exception {
    node = HubNode.start(HubNode.load(HubFixture.embedded(HubFixture.tempDir())));
    var admin = new HubClient(node.httpPort());
    adminToken = admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
    wangToken = new HubClient(node.httpPort()).login("wangfang", OrgDocuments.PASSWORD);
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  // ---- requests through the JDK's client

  record Reply(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }

    JsonNode json() {
      try {
        return HubClient.JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(body, e);
      }
    }
  }

  /** {@code headers} alternate names and values; a null {@code body} sends none. */
  private Reply send(String method, String path, byte[] body, String... headers) {
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    try {
      var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private Reply send(String method, String path, String body, String... headers) {
    return send(method, path, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  /** A problem+json of {@code status} whose detail starts with {@code field}. */
  private static void assertProblem(Reply r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().get("detail").asText()).as(r.body()).startsWith(field + ": ");
  }

  private static void assertSecurityHeaders(Reply r, String cacheControl) {
    assertThat(r.header("Content-Security-Policy")).as("CSP of %s", r).isEqualTo(CSP);
    assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.header("Cache-Control")).as("Cache-Control of %s", r).isEqualTo(cacheControl);
    assertThat(r.header("Set-Cookie")).isNull();
  }

  private List<String> groupTexts() {
    var page = send("GET", MESSAGES + "?after=0&limit=500", (byte[]) null, "Authorization", bearer(wangToken));
    assertThat(page.status()).isEqualTo(200);
    return page.json().get("messages").findValuesAsText("text");
  }

  // ---- raw requests, for what no ordinary client sends

  /** Writes {@code request} (in the background: the hub may answer and close before reading it all) and reads one response. */
  private static Reply raw(int port, byte[] request) throws Exception {
    try (var socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      var writing = CompletableFuture.runAsync(() -> {
        try {
          out.write(request);
          out.flush();
        } catch (IOException closedByTheHub) {
          // the hub answers as soon as it has read enough to refuse
        }
      });
      Reply reply = readResponse(socket.getInputStream());
      writing.cancel(true);
      return reply;
    }
  }

  private static Reply raw(int port, String request) throws Exception {
    return raw(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Reply readResponse(InputStream in) throws IOException {
    var head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed within the response head: " + head);
      head.write(b);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    var headers = new LinkedHashMap<String, List<String>>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", List.of("0")).get(0));
    return new Reply(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
  }

  // ---- the tests

  @Test
  void bodiesThatAreNotJsonAreRefusedWith415OnEveryRouteThatTakesOne() {
    String post = "{\"text\":\"纯文本\",\"clientMsgId\":\"plain-1\"}";
    for (String type : List.of("text/plain", "application/xml", "text/plain; charset=UTF-8")) {
      assertProblem(send("POST", MESSAGES, post, "Authorization", bearer(wangToken), "Content-Type", type), 415, "Content-Type");
      assertProblem(send("POST", "/api/v1/login", "{\"username\":\"admin\",\"password\":\"" + HubFixture.ADMIN_PASSWORD + "\"}",
          "Content-Type", type), 415, "Content-Type");
      assertProblem(send("PUT", POLICY, "{}", "Authorization", bearer(adminToken), "Content-Type", type), 415, "Content-Type");
      assertProblem(send("POST", DEVICE_CALL, "{\"seq\":1}", "Authorization", "Device " + DEVICE_SECRET, "Content-Type", type),
          415, "Content-Type");
      assertProblem(send("POST", "/api/v1/me/push-subscriptions", "{}", "Authorization", bearer(adminToken), "Content-Type", type),
          415, "Content-Type");
      assertProblem(send("POST", "/api/v1/org/import", "{}", "Authorization", bearer(adminToken), "Content-Type", type),
          415, "Content-Type");
    }
    var untyped = send("POST", MESSAGES, post, "Authorization", bearer(wangToken));
    assertProblem(untyped, 415, "Content-Type");
    assertThat(untyped.json().get("detail").asText()).contains("application/json");
    assertThat(groupTexts()).doesNotContain("纯文本");

    var typed = send("POST", "/api/v1/login", "{\"username\":\"admin\",\"password\":\"" + HubFixture.ADMIN_PASSWORD + "\"}",
        "Content-Type", "application/json; charset=utf-8");
    assertThat(typed.status()).as("JSON with its charset named is JSON").isEqualTo(200);
  }

  @Test
  void aGroupPostThatIsNotWellFormedUtf8IsRefusedNamingTheByteOffsetAndNothingIsStored() {
    byte[] latin1 = "{\"text\":\"caf\u00e9 au lait\",\"clientMsgId\":\"latin1-1\"}".getBytes(StandardCharsets.ISO_8859_1);
    var refused = send("POST", MESSAGES, latin1, "Authorization", bearer(wangToken), "Content-Type", "application/json");
    assertProblem(refused, 400, "body");
    assertThat(refused.json().get("detail").asText()).isEqualTo("body: not well-formed UTF-8 at byte 12");
    byte[] encodedSurrogate = "{\"text\":\"x\",\"clientMsgId\":\"surrogate-1\"}".getBytes(StandardCharsets.UTF_8);
    encodedSurrogate[9] = (byte) 0xED;
    var surrogate = send("POST", MESSAGES, concat(encodedSurrogate, 10, new byte[] {(byte) 0xA0, (byte) 0x80}),
        "Authorization", bearer(wangToken), "Content-Type", "application/json");
    assertProblem(surrogate, 400, "body");
    assertThat(groupTexts()).noneMatch(t -> t.contains("caf") || t.contains("\ufffd"));
  }

  /** {@code a}'s first {@code cut} bytes, then {@code b}, then the rest of {@code a}. */
  private static byte[] concat(byte[] a, int cut, byte[] b) {
    var out = new ByteArrayOutputStream();
    out.write(a, 0, cut);
    out.write(b, 0, b.length);
    out.write(a, cut, a.length - cut);
    return out.toByteArray();
  }

  @Test
  void aNumberWhereAnIso8601DurationIsRequiredIsRefusedNamingTheFieldAndThePolicyStays() {
    var before = send("GET", POLICY, (byte[]) null, "Authorization", bearer(adminToken)).body();
    String steps = "[{\"after\":\"PT0S\",\"notify\":[\"building_head\"]},{\"after\":\"PT60S\",\"notify\":[\"community_duty\"]}]";
    var repeat = send("PUT", POLICY, "{\"steps\":" + steps + ",\"repeatEvery\":123,\"arriveWithin\":\"PT15M\"}",
        "Authorization", bearer(adminToken), "Content-Type", "application/json");
    assertProblem(repeat, 400, "repeatEvery");
    assertThat(repeat.json().get("detail").asText()).isEqualTo("repeatEvery: must be an ISO-8601 duration like PT60S, got a number");
    var after = send("PUT", POLICY, "{\"steps\":[{\"after\":\"PT0S\",\"notify\":[\"building_head\"]},"
        + "{\"after\":60,\"notify\":[\"community_duty\"]}],\"repeatEvery\":\"PT300S\",\"arriveWithin\":\"PT15M\"}",
        "Authorization", bearer(adminToken), "Content-Type", "application/json");
    assertProblem(after, 400, "steps[1].after");
    assertThat(after.json().get("detail").asText()).endsWith("got a number");
    assertThat(send("GET", POLICY, (byte[]) null, "Authorization", bearer(adminToken)).body()).isEqualTo(before);
  }

  @Test
  void aFractionWhereADeviceSendsAWholeNumberIsRefusedNamingTheField() {
    var battery = send("POST", DEVICE_CALL, "{\"battery\":1.5,\"seq\":1001}", "Authorization", "Device " + DEVICE_SECRET,
        "Content-Type", "application/json");
    assertProblem(battery, 400, "battery");
    assertThat(battery.json().get("detail").asText()).isEqualTo("battery: must be a whole number, got 1.5");
    var seq = send("POST", "/api/v1/devices/dev-0001/heartbeat", "{\"battery\":80,\"seq\":1.5}",
        "Authorization", "Device " + DEVICE_SECRET, "Content-Type", "application/json");
    assertProblem(seq, 400, "seq");
    assertThat(seq.json().get("detail").asText()).isEqualTo("seq: must be a whole number, got 1.5");
    var at = send("POST", "/api/v1/devices/dev-0001/heartbeat", "{\"at\":1763712000}",
        "Authorization", "Device " + DEVICE_SECRET, "Content-Type", "application/json");
    assertProblem(at, 400, "at");
  }

  @Test
  void aTwoMillionCharacterUriIsAnswered414AsProblemJson() throws Exception {
    var r = raw(node.httpPort(), "GET /" + "a".repeat(2_000_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertProblem(r, 414, "uri");
    assertSecurityHeaders(r, "no-store");
  }

  @Test
  void fortyKilobytesOfHeadersAreAnswered431AsProblemJsonWhetherInOneHeaderOrMany() throws Exception {
    var one = raw(node.httpPort(), "GET /api/v1/push/public-key HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
        + "b".repeat(40 * 1024) + "\r\n\r\n");
    assertProblem(one, 431, "headers");
    var many = new StringBuilder("GET /api/v1/push/public-key HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (int i = 0; i < 80; i++) many.append("X-Many-").append(i).append(": ").append("m".repeat(500)).append("\r\n");
    var manyReply = raw(node.httpPort(), many.append("\r\n").toString());
    assertProblem(manyReply, 431, "headers");
    assertSecurityHeaders(manyReply, "no-store");
  }

  @Test
  void whatThePekkoParserRefusesIsA400ProblemJson() throws Exception {
    var badLength = raw(node.httpPort(), "POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ten\r\n\r\n");
    assertProblem(badLength, 400, "request");
    var badUri = raw(node.httpPort(), "GET /api/v1/push/public-key?x=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertProblem(badUri, 400, "request");
  }

  @Test
  void unknownPathsWrongMethodsAndBodiesOverTheLimitAreProblemJson() {
    assertProblem(send("GET", "/api/v1/nothing-here", (byte[]) null), 404, "path");
    var wrongMethod = send("DELETE", "/api/v1/login", (byte[]) null);
    assertProblem(wrongMethod, 405, "method");
    assertThat(wrongMethod.header("Allow")).contains("POST");
    assertProblem(send("POST", "/api/v1/login", "{\"username\":\"" + "x".repeat(5000) + "\"}", "Content-Type", "application/json"),
        413, "body");
  }

  @Test
  void aRequestTheHubDoesNotAnswerInTimeGetsA503ProblemJson() throws Exception {
    var settings = ServerSettings.create(ConfigFactory.parseString("pekko.http.server.request-timeout = 1s")
        .withFallback(node.system().settings().config()));
    var never = new HttpApi(Directives.onSuccess(new CompletableFuture<String>(), Directives::complete)).routes();
    var binding = Http.get(node.system()).newServerAt("127.0.0.1", 0).withSettings(settings).bind(never)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + "/api/v1/anything")).timeout(Duration.ofSeconds(30))
          .build(), HttpResponse.BodyHandlers.ofString());
      var reply = new Reply(r.statusCode(), r.headers().map(), r.body());
      assertProblem(reply, 503, "hub");
      assertSecurityHeaders(reply, "no-store");
    } finally {
      binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPushSubscriptionDeletedWithoutAnEndpointIsRefusedNamingIt() {
    assertProblem(send("DELETE", "/api/v1/me/push-subscriptions", "{}", "Authorization", bearer(adminToken),
        "Content-Type", "application/json"), 400, "endpoint");
    assertProblem(send("DELETE", "/api/v1/me/push-subscriptions", "{\"endpoint\":null}", "Authorization", bearer(adminToken),
        "Content-Type", "application/json"), 400, "endpoint");
  }

  @Test
  void aTokenInTheUrlIsTakenOnlyByAGetOfAStream() throws Exception {
    String query = "?access_token=" + wangToken;
    assertProblem(send("POST", MESSAGES + query, "{\"text\":\"经由网址\",\"clientMsgId\":\"url-1\"}", "Content-Type", "application/json"),
        401, "access_token");
    assertProblem(send("GET", MESSAGES + query + "&after=0", (byte[]) null), 401, "access_token");
    assertProblem(send("GET", "/api/v1/alerts" + query, (byte[]) null), 401, "access_token");
    assertProblem(send("POST", "/api/v1/me/inbox/stream" + query, "{}", "Content-Type", "application/json"), 401, "access_token");
    assertThat(groupTexts()).doesNotContain("经由网址");

    var withHeader = send("POST", MESSAGES + "?access_token=garbage", "{\"text\":\"头里有令牌\",\"clientMsgId\":\"url-2\"}",
        "Authorization", bearer(wangToken), "Content-Type", "application/json");
    assertThat(withHeader.status()).as("next to a header the URL's token is ignored").isEqualTo(201);

    var stream = raw(node.httpPort(), "GET /api/v1/groups/" + BUILDING + "/stream" + query + "&after=0 HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
    assertThat(stream.status()).as("a stream takes it").isEqualTo(200);
    assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
  }

  @Test
  void everyPageAssetAndApiResponseCarriesTheSecurityHeaders() throws Exception {
    for (String page : List.of("/call/not-a-real-link-token-0000", "/api/v1/openapi.yaml")) {
      var r = send("GET", page, (byte[]) null);
      assertThat(r.status()).as(page).isEqualTo(200);
      assertSecurityHeaders(r, "no-store");
    }
    // Pages and unhashed assets are revalidated; hashed bundles are immutable (PagesServedH2Test).
    for (String asset : List.of("/", "/app", "/app/manifest.webmanifest", "/app/sw.js", "/assets/call.js", "/assets/call.css",
        "/assets/icon.svg")) {
      var r = send("GET", asset, (byte[]) null);
      assertThat(r.status()).as(asset).isEqualTo(200);
      assertSecurityHeaders(r, "no-cache");
    }
    assertSecurityHeaders(send("GET", "/api/v1/login", (byte[]) null, "Authorization", bearer(wangToken)), "no-store");
    assertSecurityHeaders(send("GET", "/api/v1/login", (byte[]) null), "no-store");
    assertSecurityHeaders(send("GET", "/api/v1/push/public-key", (byte[]) null), "no-store");
    assertSecurityHeaders(send("GET", "/health/alive", (byte[]) null), "no-store");
    assertSecurityHeaders(send("GET", "/api/v1/nothing-here", (byte[]) null), "no-store");
    assertSecurityHeaders(send("DELETE", "/api/v1/login", (byte[]) null), "no-store");
    assertSecurityHeaders(send("POST", MESSAGES, "x", "Authorization", bearer(wangToken), "Content-Type", "text/plain"), "no-store");
  }

  @Test
  void aStreamRequestsTokenNeverReachesTheLog() throws Exception {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var lines = new CopyOnWriteArrayList<String>();
    var capture = new AppenderBase<ILoggingEvent>() {
      @Override
      protected void append(ILoggingEvent event) {
        lines.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()));
      }
    };
    capture.setContext(context);
    capture.start();
    root.addAppender(capture);
    try (var socket = new Socket("127.0.0.1", node.httpPort())) {
      // A stream request still sending its body when the 200 goes out: Pekko HTTP warns, quoting the whole URI.
      socket.getOutputStream().write(("GET /api/v1/me/inbox/stream?access_token=" + wangToken + " HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      socket.setSoTimeout(30_000);
      assertThat(readResponse(socket.getInputStream()).status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("/api/v1/me/inbox/stream")));
      assertThat(lines).filteredOn(l -> l.contains("/api/v1/me/inbox/stream"))
          .allSatisfy(l -> assertThat(l).doesNotContain(wangToken).contains("access_token=REDACTED"));
      // A stream URL the parser refuses: its details quote the request line.
      var refused = raw(node.httpPort(), "GET /api/v1/groups/" + BUILDING + "/stream?access_token=" + wangToken
          + "&after={1} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertProblem(refused, 400, "request");
      assertThat(refused.body()).doesNotContain(wangToken);
      await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("Illegal request")));
    } finally {
      root.detachAppender(capture);
    }
    assertThat(lines).noneMatch(l -> l.contains(wangToken));
  }
}
