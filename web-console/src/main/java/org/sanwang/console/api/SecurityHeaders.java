package org.sanwang.console.api;

import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * What every response of the hub carries, pages, API and errors alike: a Content-Security-Policy
 * with no inline script or style (the pages load everything from their own {@code /assets}), no
 * framing, no MIME sniffing, no referrer (a {@code /call/{token}} URL is a credential), and
 * {@code Cache-Control: no-store} on everything but the static assets, which browsers revalidate.
 * The hub sets no cookies; should one ever be added it must be {@code HttpOnly; Secure; SameSite=Strict}.
 */
public final class SecurityHeaders {
  public static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
      "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'");

  private static final List<HttpHeader> COMMON = List.of(
      HttpHeader.parse("Content-Security-Policy", CONTENT_SECURITY_POLICY),
      HttpHeader.parse("X-Frame-Options", "DENY"),
      HttpHeader.parse("X-Content-Type-Options", "nosniff"),
      HttpHeader.parse("Referrer-Policy", "no-referrer"));

  private static final List<HttpHeader> DYNAMIC = with(HttpHeader.parse("Cache-Control", "no-store"));
  private static final List<HttpHeader> STATIC = with(HttpHeader.parse("Cache-Control", "no-cache"));

  private SecurityHeaders() {}

  /** The headers for a response to {@code path}: the assets may be cached (and revalidated), nothing else is stored. */
  public static List<HttpHeader> forPath(String path) {
    return path.startsWith("/assets/") ? STATIC : DYNAMIC;
  }

  /** {@code response} with every header a dynamic response carries (for responses made outside the routes). */
  public static HttpResponse added(HttpResponse response) {
    return response.addHeaders(DYNAMIC);
  }

  private static List<HttpHeader> with(HttpHeader cacheControl) {
    var all = new java.util.ArrayList<>(COMMON);
    all.add(cacheControl);
    return List.copyOf(all);
  }
}
