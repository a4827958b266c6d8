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
        path("app", () -> getFromResource("web/app.html")),
        path(PathMatchers.segment("app").slash("manifest.webmanifest"), () -> getFromResource("web/app-manifest.webmanifest",
            org.apache.pekko.http.javadsl.model.ContentTypes.create(
                org.apache.pekko.http.javadsl.model.MediaTypes.applicationWithFixedCharset("manifest+json",
                    org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8)))),
        path(PathMatchers.segment("app").slash("sw.js"), () -> respondWithHeader(
            org.apache.pekko.http.javadsl.model.HttpHeader.parse("Service-Worker-Allowed", "/app"),
            () -> getFromResource("web/app-sw.js"))),
        path("favicon.ico", () -> redirect(org.apache.pekko.http.javadsl.model.Uri.create("/assets/icon.svg"),
            org.apache.pekko.http.javadsl.model.StatusCodes.MOVED_PERMANENTLY)),
        path(PathMatchers.segment("api").slash("v1").slash("openapi.yaml"), () -> getFromResource("openapi/openapi.yaml")),
        pathPrefix("assets", () -> getFromResourceDirectory("web/assets"))));
  }
}
