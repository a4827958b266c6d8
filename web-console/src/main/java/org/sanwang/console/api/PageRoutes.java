package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The browser pages and their assets, all served from the classpath (no CDN: the hub runs on
 * intranets), and the OpenAPI description at {@code /api/v1/openapi.yaml}.
 *
 * <p>Vite builds the pages into classpath {@code web/}: the console {@code web/index.html} at {@code /},
 * the responder app {@code web/app.html} at {@code /app} with its service worker {@code web/sw.js} at
 * {@code /app/sw.js} and manifest at {@code /app/manifest.webmanifest}, and their hashed bundles in
 * {@code web/assets}, beside the resident's hand-written call page's {@code call.js}, {@code call.css}
 * and {@code icon.svg}. Each text file has a {@code .br} and a {@code .gz} made at build time; the one
 * the browser accepts is served as it is. Their caching is {@link SecurityHeaders#cachingOf}'s. Only
 * these names are served: no listing, no other file of {@code web/} (such as {@code budgets.json}).
 */
public final class PageRoutes extends AllDirectives {
  private static final ClassLoader RESOURCES = PageRoutes.class.getClassLoader();

  /** An asset's name: one path segment of plain characters with a known extension, never {@code .} or {@code ..}. */
  private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*\\.([a-z0-9]+)");

  private static final Map<String, ContentType> TYPES = Map.ofEntries(
      Map.entry("html", ContentTypes.TEXT_HTML_UTF8),
      Map.entry("js", ContentTypes.parse("text/javascript; charset=UTF-8")),
      Map.entry("mjs", ContentTypes.parse("text/javascript; charset=UTF-8")),
      Map.entry("css", ContentTypes.parse("text/css; charset=UTF-8")),
      Map.entry("svg", ContentTypes.parse("image/svg+xml")),
      Map.entry("webmanifest", ContentTypes.parse("application/manifest+json")),
      Map.entry("json", ContentTypes.APPLICATION_JSON),
      Map.entry("png", ContentTypes.parse("image/png")),
      Map.entry("jpg", ContentTypes.parse("image/jpeg")),
      Map.entry("webp", ContentTypes.parse("image/webp")),
      Map.entry("ico", ContentTypes.parse("image/x-icon")),
      Map.entry("woff2", ContentTypes.parse("font/woff2")),
      Map.entry("woff", ContentTypes.parse("font/woff")),
      Map.entry("ttf", ContentTypes.parse("font/ttf")),
      Map.entry("wasm", ContentTypes.parse("application/wasm")));

  /** The encodings made at build time, the one to prefer first, and the suffix of their files. */
  private enum Coding {
    BR("br", ".br"), GZIP("gzip", ".gz");

    final String token;
    final String suffix;

    Coding(String token, String suffix) {
      this.token = token;
      this.suffix = suffix;
    }
  }

  private static final HttpHeader VARY = HttpHeader.parse("Vary", "Accept-Encoding");
  private static final HttpHeader SERVICE_WORKER_ALLOWED = HttpHeader.parse("Service-Worker-Allowed", "/app");

  public Route routes() {
    return get(() -> concat(
        pathSingleSlash(() -> file("/", "web/index.html")),
        pathPrefix("app", () -> concat(
            pathEndOrSingleSlash(() -> file("/app", "web/app.html")),
            path("sw.js", () -> respondWithHeader(SERVICE_WORKER_ALLOWED, () -> file("/app/sw.js", "web/sw.js"))),
            path("manifest.webmanifest", () -> file("/app/manifest.webmanifest", "web/app-manifest.webmanifest")))),
        path("favicon.ico", () -> redirect(Uri.create("/assets/icon.svg"), StatusCodes.MOVED_PERMANENTLY)),
        path(segment("api").slash("v1").slash("openapi.yaml"), () -> getFromResource("openapi/openapi.yaml")),
        path(segment("assets").slash(segment()), name -> ASSET_NAME.matcher(name).matches() && !name.contains("..")
            ? file("/assets/" + name, "web/assets/" + name)
            : reject())));
  }

  /**
   * The classpath file {@code resource} (its Content-Type from its extension) answering {@code path},
   * precompressed when the browser accepts it and a variant was built; rejected (404) when there is none.
   */
  private Route file(String path, String resource) {
    String extension = resource.substring(resource.lastIndexOf('.') + 1);
    ContentType type = TYPES.get(extension);
    if (type == null || RESOURCES.getResource(resource) == null) return reject();
    var built = new ArrayList<Coding>();
    for (var coding : Coding.values()) if (RESOURCES.getResource(resource + coding.suffix) != null) built.add(coding);
    var headers = new ArrayList<HttpHeader>();
    headers.add(SecurityHeaders.cachingOf(path).header());
    if (!built.isEmpty()) headers.add(VARY);
    return extractRequest(request -> {
      var chosen = built.stream().filter(c -> accepts(acceptEncoding(request), c.token)).findFirst();
      var all = new ArrayList<>(headers);
      chosen.ifPresent(c -> all.add(HttpHeader.parse("Content-Encoding", c.token)));
      return respondWithHeaders(all, () ->
          getFromResource(resource + chosen.map(c -> c.suffix).orElse(""), type, RESOURCES));
    });
  }

  private static String acceptEncoding(HttpRequest request) {
    var values = new ArrayList<String>();
    for (var h : request.getHeaders()) if (h.is("accept-encoding")) values.add(h.value());
    return String.join(",", values);
  }

  /**
   * Whether {@code acceptEncoding} (RFC 9110 §12.5.3) allows {@code coding}: its own entry, else
   * {@code *}, with a q-value above 0 (an absent header allows no coding but identity).
   */
  static boolean accepts(String acceptEncoding, String coding) {
    float own = -1f, any = -1f;
    for (String entry : acceptEncoding.split(",")) {
      String[] parts = entry.split(";");
      String name = parts[0].trim().toLowerCase(Locale.ROOT);
      if (name.equals("x-gzip")) name = "gzip";
      float q = 1f;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim().toLowerCase(Locale.ROOT);
        if (param.startsWith("q=")) q = quality(param.substring(2));
      }
      if (name.equals(coding)) own = Math.max(own, q);
      else if (name.equals("*")) any = Math.max(any, q);
    }
    return (own >= 0f ? own : any) > 0f;
  }

  private static float quality(String q) {
    try {
      return Float.parseFloat(q.trim());
    } catch (NumberFormatException e) {
      return 0f;
    }
  }
}
