package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The pages as a browser fetches them from an embedded hub: the console at {@code /} and the
 * responder app at {@code /app} revalidated on every load, every bundle they reference present and
 * cached for a year, Brotli or gzip as the browser accepts (the very bytes of the plain file once
 * decoded), the service worker allowed the app's scope, nothing outside the served names reachable,
 * and the resident's call page small plain ES5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesServedH2Test {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String HTML = "text/html; charset=UTF-8";
  static final String JS = "text/javascript; charset=UTF-8";
  static final String CSS = "text/css; charset=UTF-8";
  static final Pattern PAGE_ASSET = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
  /** What a bundle imports, statically or dynamically: Vite writes {@code "./name-hash.js"} (and CSS beside it). */
  static final Pattern CHUNK_IMPORT = Pattern.compile("[\"'`]\\./([A-Za-z0-9_.-]+\\.(?:js|css))[\"'`]");
  /** An entry of the precache manifest Workbox injects into sw.js: {@code {"revision":…,"url":"assets/…"}}. */
  static final Pattern PRECACHED = Pattern.compile("\"url\":\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HubNode node;

  @BeforeAll
  void start() throws Exception {
    node = HubNode.start(HubNode.load(HubFixture.embedded(HubFixture.tempDir())));
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  record Reply(int status, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> String.join(", ", e.getValue())).orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** {@code headers} alternate names and values; the JDK's client sends no Accept-Encoding of its own. */
  private Reply get(String path, String... headers) {
    var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    try {
      var r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  record RawReply(int status, String body) {}

  /** A request for {@code target} written as it is, without a client's normalising. */
  private RawReply raw(String target) throws IOException {
    try (var socket = new Socket("127.0.0.1", node.httpPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new RawReply(Integer.parseInt(response.substring(9, 12)), response.substring(response.indexOf("\r\n\r\n") + 4));
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PagesServedH2Test.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("classpath %s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static boolean hasResource(String name) {
    return PagesServedH2Test.class.getClassLoader().getResource(name) != null;
  }

  /** Every asset the two pages load, and every chunk those load in turn. */
  private Set<String> assetsOfThePages() {
    var found = new LinkedHashSet<String>();
    var queue = new ArrayList<String>();
    for (String page : List.of("/", "/app")) {
      var m = PAGE_ASSET.matcher(get(page).text());
      while (m.find()) queue.add(m.group(1));
    }
    while (!queue.isEmpty()) {
      String asset = queue.remove(queue.size() - 1);
      if (!found.add(asset) || !asset.endsWith(".js")) continue;
      var m = CHUNK_IMPORT.matcher(get(asset).text());
      while (m.find()) queue.add("/assets/" + m.group(1));
    }
    return found;
  }

  @Test
  void theConsoleAndTheAppAreHtmlRevalidatedOnEveryLoad() {
    for (String page : List.of("/", "/app", "/app/")) {
      var r = get(page);
      assertThat(r.status()).as(page).isEqualTo(200);
      assertThat(r.header("Content-Type")).as(page).isEqualTo(HTML);
      assertThat(r.header("Cache-Control")).as(page).isEqualTo("no-cache");
      assertThat(r.text()).as(page).startsWithIgnoringCase("<!doctype html>").contains("<script type=\"module\"");
    }
    assertThat(get("/").body()).isEqualTo(resourceUnchecked("web/index.html"));
    assertThat(get("/app").body()).isEqualTo(resourceUnchecked("web/app.html"));
  }

  @Test
  void aHeadRequestGetsTheHeadersOfThePageWithoutItsBody() throws Exception {
    var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/app"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void aRevalidatedPageIsAnsweredNotModifiedWhileItIsUnchanged() {
    var first = get("/");
    assertThat(first.header("ETag")).isNotBlank();
    var again = get("/", "If-None-Match", first.header("ETag"));
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.header("Cache-Control")).isEqualTo("no-cache");
  }

  @Test
  void everyAssetThePagesLoadExistsWithItsTypeAndIsCachedForAYear() {
    var assets = assetsOfThePages();
    assertThat(assets).as("the pages' bundles").anyMatch(a -> a.endsWith(".js")).hasSizeGreaterThanOrEqualTo(3);
    for (String asset : assets) {
      var r = get(asset);
      assertThat(r.status()).as(asset).isEqualTo(200);
      assertThat(r.header("Cache-Control")).as(asset).isEqualTo(IMMUTABLE);
      String type = asset.endsWith(".js") ? JS : asset.endsWith(".css") ? CSS : asset.endsWith(".svg") ? "image/svg+xml" : null;
      if (type != null) assertThat(r.header("Content-Type")).as(asset).isEqualTo(type);
      assertThat(r.header("Content-Security-Policy")).as(asset).startsWith("default-src 'self'");
    }
  }

  /** A service worker's install fails whole when one URL it precaches fails; Workbox resolves them against the worker's own URL. */
  @Test
  void everyUrlTheServiceWorkerPrecachesIsServed() {
    var sw = get("/app/sw.js");
    var m = PRECACHED.matcher(sw.text());
    var urls = new ArrayList<String>();
    while (m.find()) urls.add(URI.create("/app/sw.js").resolve(m.group(1)).toString());
    assertThat(urls).as("precache entries in sw.js").isNotEmpty();
    for (String url : urls) assertThat(get(url).status()).as("precached %s", url).isEqualTo(200);
  }

  @Test
  void theBrowserGetsBrotliOrGzipAsItAcceptsAndTheSameBytesOnceDecoded() throws Exception {
    var files = new ArrayList<String>(List.of("/", "/app", "/app/sw.js"));
    files.addAll(assetsOfThePages());
    int compressed = 0;
    for (String path : files) {
      var plain = get(path);
      assertThat(plain.status()).as(path).isEqualTo(200);
      assertThat(plain.header("Content-Encoding")).as("%s without Accept-Encoding", path).isNull();
      if (!hasResource(resourceOf(path) + ".br")) continue;
      compressed++;
      assertThat(plain.header("Vary")).as(path).isEqualTo("Accept-Encoding");

      var br = get(path, "Accept-Encoding", "gzip, deflate, br, zstd");
      assertThat(br.header("Content-Encoding")).as(path).isEqualTo("br");
      assertThat(br.header("Vary")).as(path).isEqualTo("Accept-Encoding");
      assertThat(br.header("Content-Type")).as(path).isEqualTo(plain.header("Content-Type"));
      assertThat(br.header("Cache-Control")).as(path).isEqualTo(plain.header("Cache-Control"));
      assertThat(br.body().length).as(path).isLessThan(plain.body().length);
      assertThat(unbrotli(br.body())).as("%s decoded from br", path).isEqualTo(plain.body());

      for (String gzipOnly : List.of("gzip", "gzip, deflate, br;q=0", "x-gzip")) {
        var gz = get(path, "Accept-Encoding", gzipOnly);
        assertThat(gz.header("Content-Encoding")).as("%s for %s", path, gzipOnly).isEqualTo("gzip");
        assertThat(gz.header("Vary")).as(path).isEqualTo("Accept-Encoding");
        assertThat(gz.header("Content-Type")).as(path).isEqualTo(plain.header("Content-Type"));
        assertThat(gunzip(gz.body())).as("%s decoded from gzip", path).isEqualTo(plain.body());
      }

      for (String none : List.of("identity", "deflate", "*;q=0", "br;q=0, gzip;q=0")) {
        var identity = get(path, "Accept-Encoding", none);
        assertThat(identity.header("Content-Encoding")).as("%s for %s", path, none).isNull();
        assertThat(identity.body()).as(path).isEqualTo(plain.body());
      }
      assertThat(get(path, "Accept-Encoding", "*").header("Content-Encoding")).as(path).isEqualTo("br");
    }
    assertThat(compressed).as("files served precompressed").isGreaterThanOrEqualTo(4);
  }

  @Test
  void theServiceWorkerMayControlTheWholeAppAndIsNeverCachedUnasked() {
    var r = get("/app/sw.js");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Service-Worker-Allowed")).isEqualTo("/app");
    assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(r.header("Content-Type")).isEqualTo(JS);
    assertThat(r.header("Service-Worker-Allowed")).isEqualTo(get("/app/sw.js", "Accept-Encoding", "br").header("Service-Worker-Allowed"));
  }

  @Test
  void theAppsManifestIsAWebManifest() throws Exception {
    var r = get("/app/manifest.webmanifest");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/manifest+json");
    assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
    var manifest = HubClient.JSON.readTree(r.body());
    assertThat(manifest.path("start_url").asText()).startsWith("/app");
    assertThat(get("/app").text()).contains("<link rel=\"manifest\" href=\"/app/manifest.webmanifest\">");
  }

  @Test
  void theCallPagesHandWrittenAssetsAreRevalidated() {
    for (var asset : Map.of("/assets/call.js", JS, "/assets/call.css", CSS, "/assets/icon.svg", "image/svg+xml").entrySet()) {
      var r = get(asset.getKey());
      assertThat(r.status()).as(asset.getKey()).isEqualTo(200);
      assertThat(r.header("Content-Type")).as(asset.getKey()).isEqualTo(asset.getValue());
      assertThat(r.header("Cache-Control")).as(asset.getKey()).isEqualTo("no-cache");
    }
  }

  @Test
  void nothingButTheServedNamesIsReachable() throws Exception {
    String bundle = assetsOfThePages().stream().filter(a -> a.endsWith(".js")).findFirst().orElseThrow();
    for (String target : List.of("/assets/", "/assets", "/assets/.", "/assets/../budgets.json", "/assets/%2e%2e/budgets.json",
        "/assets/%2E%2E/budgets.json", "/assets/..%2fbudgets.json", "/assets/%2e%2e%2fbudgets.json", "/assets/..%5cbudgets.json",
        "/assets/../../web/budgets.json", "/app/../budgets.json", "/app/%2e%2e/budgets.json", "/budgets.json",
        "/web/budgets.json", "/index.html", "/app.html", "/sw.js", "/assets/.hidden.js", "/assets/call.js%00.svg",
        bundle + ".br", bundle + ".gz", bundle + "/", "/assets/%2e%2e/%2e%2e/META-INF/MANIFEST.MF",
        "/assets/..%2f..%2fopenapi%2fopenapi.yaml", "/assets/%2e%2e/call.html")) {
      var r = raw(target);
      assertThat(r.status()).as(target).isIn(400, 404);
      assertThat(r.body()).as(target).doesNotContain("\"budget\"");
    }
    // Literal dot segments are resolved as a browser would before routing, never above the root.
    for (var normalised : Map.of("/assets/..", "/", "/assets/sub/../call.js", "/assets/call.js", "/../../app", "/app",
        "/assets/../../../../etc/passwd", "/etc/passwd").entrySet()) {
      var r = raw(normalised.getKey());
      var expected = raw(normalised.getValue());
      assertThat(r).as(normalised.getKey()).isEqualTo(expected);
    }
    assertThat(get("/budgets.json").header("Cache-Control")).isEqualTo("no-store");
    String missing = "/assets/index-Zz9Zz9Zz.js";
    var r = get(missing);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Cache-Control")).as("a missing bundle is never cached").isEqualTo("no-store");
  }

  @Test
  void theFirstLoadBudgetsLandInTheJarWithinTheirLimits() throws Exception {
    var budgets = HubClient.JSON.readTree(resource("web/budgets.json"));
    for (String page : List.of("index", "app")) {
      var b = budgets.path(page);
      assertThat(b.path("gzip").asLong()).as(page).isPositive().isLessThanOrEqualTo(b.path("budget").asLong());
      assertThat(b.path("brotli").asLong()).as(page).isPositive().isLessThanOrEqualTo(b.path("gzip").asLong());
    }
    assertThat(budgets.path("index").path("budget").asLong()).isEqualTo(450 * 1024);
    assertThat(budgets.path("app").path("budget").asLong()).isEqualTo(200 * 1024);
    assertThat(get("/budgets.json").status()).isEqualTo(404);
  }

  @Test
  void theResidentsCallPageIsPlainEs5UnderTenKilobytes() throws Exception {
    var page = get("/call/not-a-real-link-token-0000");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).isEqualTo(HTML);
    assertThat(page.header("Cache-Control")).as("its URL is a credential").isEqualTo("no-store");
    assertThat(page.text()).contains("src=\"/assets/call.js\"").contains("href=\"/assets/call.css\"")
        .doesNotContain("type=\"module\"");
    byte[] js = get("/assets/call.js").body(), css = get("/assets/call.css").body();
    assertThat(page.body().length + js.length + css.length).as("call page HTML + JS + CSS bytes").isLessThan(10 * 1024);
    String code = new String(js, StandardCharsets.UTF_8);
    assertThat(code).doesNotContain("=>").doesNotContain("`");
    assertThat(code).doesNotContainPattern("\\blet\\s").doesNotContainPattern("\\bconst\\s")
        .doesNotContainPattern("\\bclass\\s").doesNotContainPattern("\\.\\.\\.[A-Za-z_$\\[{(]");
  }

  private static String resourceOf(String path) {
    return switch (path) {
      case "/" -> "web/index.html";
      case "/app", "/app/" -> "web/app.html";
      case "/app/sw.js" -> "web/sw.js";
      default -> "web" + path;
    };
  }

  private static byte[] resourceUnchecked(String name) {
    try {
      return resource(name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  /** The JDK has no Brotli decoder; Node, which builds the pages, has one. */
  private static byte[] unbrotli(byte[] body) throws Exception {
    var process = new ProcessBuilder("node", "-e",
        "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(0)))").start();
    try (var in = process.getOutputStream()) {
      in.write(body);
    }
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    return out;
  }
}
