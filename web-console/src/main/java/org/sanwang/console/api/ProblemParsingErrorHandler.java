package org.sanwang.console.api;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Pekko HTTP's answer to a request it cannot parse, before any route sees it (a URI over
 * {@code max-uri-length}: 414; a header over {@code max-header-value-length} or more headers than
 * {@code max-header-count}: 431; a malformed request line, header or chunk: 400; a body over
 * {@code max-content-length}: 413) as problem+json with the security headers, like every other
 * error. Configured as {@code pekko.http.server.parsing.error-handler}; Pekko creates it with the
 * no-argument constructor.
 */
public final class ProblemParsingErrorHandler extends ParsingErrorHandler {
  /** Pekko says 400 for too many headers; RFC 6585 has a status for it. */
  private static final String TOO_MANY_HEADERS = "HTTP message contains more than the configured limit of";

  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    int code = status.intValue() == 400 && info.summary().startsWith(TOO_MANY_HEADERS) ? 431 : status.intValue();
    var reason = org.apache.pekko.http.javadsl.model.StatusCodes.get(code).reason();
    // The details may quote the request line, which may carry ?access_token=.
    log.warning("Illegal request, responding with {} {}: {}", code, reason, Redaction.accessTokens(info.formatPretty()));
    return SecurityHeaders.added(HttpApi.problem(Problem.of(code, reason, subject(code) + ": " + Redaction.accessTokens(info.summary()))));
  }

  /** What the detail names: the part of the request that was wrong. */
  private static String subject(int code) {
    return switch (code) {
      case 414 -> "uri";
      case 431 -> "headers";
      case 413 -> "body";
      default -> "request";
    };
  }
}
