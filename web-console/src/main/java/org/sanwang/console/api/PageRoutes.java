package org.sanwang.console.api;

import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The browser pages and their assets, all served from the classpath (no CDN: the hub runs on
 * intranets), and the OpenAPI description at {@code /api/v1/openapi.yaml}.
 */
public final class PageRoutes extends AllDirectives {
  public Route routes() {
    return get(() -> concat(
        pathSingleSlash(() -> getFromResource("web/console.html")),
        path("favicon.ico", () -> redirect(org.apache.pekko.http.javadsl.model.Uri.create("/assets/icon.svg"),
            org.apache.pekko.http.javadsl.model.StatusCodes.MOVED_PERMANENTLY)),
        path(PathMatchers.segment("api").slash("v1").slash("openapi.yaml"), () -> getFromResource("openapi/openapi.yaml")),
        pathPrefix("assets", () -> getFromResourceDirectory("web/assets"))));
  }
}
