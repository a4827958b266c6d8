package org.sanwang.console.api;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * What every response of the hub carries, pages, API and errors alike: a Content-Security-Policy
 * with no inline script or style (the pages load everything from their own {@code /assets}), no
 * framing, no MIME sniffing, no referrer (a {@code /call/{token}} URL is a credential), and a
 * {@code Cache-Control}.
 *
 * <p>This class alone decides the {@code Cache-Control}: {@link #forPath} gives every response
 * {@code no-store}, and a route that serves a page or asset whole says so with {@link #cachingOf}
 * of the request's path, whose header then takes the place of that default (errors keep {@code no-store}):
 * <ul>
 *   <li>an asset whose name carries Vite's content hash ({@code index-B7yb3saU.js}) is kept a year unasked;
 *   <li>the pages at {@code /} and {@code /app}, the service worker, the manifest and the unhashed
 *       assets ({@code call.js}, {@code icon.svg}) are revalidated on every use ({@code no-cache});
 *   <li>everything else, the API, the call page (its URL is a credential) and every error, is never stored.
 * </ul>
 * The hub sets no cookies; should one ever be added it must be {@code HttpOnly; Secure; SameSite=Strict}.
 */
public final class SecurityHeaders {
  public static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
      // Vant's icon font is inlined in its CSS as data: (its only other source is a CDN, never fetched once this loads).
      "font-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'");

  /** How long a browser may keep a response. */
  public enum Caching {
    NONE("no-store"),
    REVALIDATE("no-cache"),
    IMMUTABLE("public, max-age=31536000, immutable");

    private final HttpHeader header;

    Caching(String cacheControl) {
      this.header = HttpHeader.parse("Cache-Control", cacheControl);
    }

    public HttpHeader header() {
      return header;
    }
  }

  /**
   * Vite's asset names: {@code [name]-[hash].[ext]}, the hash 8 characters of base64url with at least
   * one capital or digit (so that a hand-written {@code call-handler.js} is never taken for hashed).
   */
  private static final Pattern HASHED_ASSET =
      Pattern.compile("/assets/[^/]+-(?=[A-Za-z0-9_-]{0,7}[A-Z0-9])[A-Za-z0-9_-]{8}\\.[a-z0-9]+");
  private static final Pattern UNHASHED_ASSET = Pattern.compile("/assets/[^/]+\\.[a-z0-9]+");
  private static final List<String> REVALIDATED_PAGES =
      List.of("/", "/app", "/app/", "/app/sw.js", "/app/manifest.webmanifest");

  private static final List<HttpHeader> COMMON = List.of(
      HttpHeader.parse("Content-Security-Policy", CONTENT_SECURITY_POLICY),
      HttpHeader.parse("X-Frame-Options", "DENY"),
      HttpHeader.parse("X-Content-Type-Options", "nosniff"),
      HttpHeader.parse("Referrer-Policy", "no-referrer"));

  private static final List<HttpHeader> DEFAULT = with(Caching.NONE.header());

  private SecurityHeaders() {}

  /**
   * The headers every response to {@code path} carries unless its route set them itself: the
   * security headers and {@code no-store} (a page route grants more caching with {@link #cachingOf}).
   */
  public static List<HttpHeader> forPath(String path) {
    return DEFAULT;
  }

  /** The caching of a page or asset served whole at {@code path} (a successful answer; errors keep {@code no-store}). */
  public static Caching cachingOf(String path) {
    if (HASHED_ASSET.matcher(path).matches()) return Caching.IMMUTABLE;
    if (UNHASHED_ASSET.matcher(path).matches() || REVALIDATED_PAGES.contains(path)) return Caching.REVALIDATE;
    return Caching.NONE;
  }

  /** {@code response} with every header a dynamic response carries (for responses made outside the routes). */
  public static HttpResponse added(HttpResponse response) {
    return response.addHeaders(DEFAULT);
  }

  private static List<HttpHeader> with(HttpHeader cacheControl) {
    var all = new java.util.ArrayList<>(COMMON);
    all.add(cacheControl);
    return List.copyOf(all);
  }
}
