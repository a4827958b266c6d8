package org.sanwang.console.api;

import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.pattern.AskTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole HTTP surface: every resource's routes under one exception handler and one rejection
 * handler, so that every error leaves as RFC 9457 problem+json and no stack trace ever does.
 */
public final class HttpApi extends AllDirectives {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

  private final Route inner;

  public HttpApi(Route... resources) {
    this.inner = concat(resources[0], java.util.Arrays.copyOfRange(resources, 1, resources.length));
  }

  /**
   * Every resource's routes, with the security headers on every response, errors included, and a
   * problem for a request the hub did not answer within {@code pekko.http.server.request-timeout}.
   */
  public Route routes() {
    return extractUri(uri -> respondWithDefaultHeaders(SecurityHeaders.forPath(uri.path()), () ->
        withRequestTimeoutResponse(HttpApi::timedOut, () ->
            handleExceptions(exceptions(), () -> handleRejections(rejections(), () -> inner)))));
  }

  /** Made outside the routes (by the server's timer), so it adds the security headers itself. */
  static HttpResponse timedOut(HttpRequest request) {
    return SecurityHeaders.added(problem(Problem.of(503, "Service Unavailable",
        "hub: no answer within the request timeout, try again")));
  }

  public static HttpResponse problem(Problem p) {
    var response = HttpResponse.create().withStatus(p.status()).withEntity(Json.problemEntity(p));
    if (p.status() == 401) response = response.addHeader(WWWAuthenticate.create(HttpChallenge.createOAuth2("sanwang")));
    return response;
  }

  private static ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder().matchAny(HttpApi::toResponseRoute).build();
  }

  private static Route toResponseRoute(Throwable t) {
    return new AllDirectives() {}.complete(toResponse(t));
  }

  static HttpResponse toResponse(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) t = t.getCause();
    if (t instanceof ProblemException pe) return problem(pe.problem());
    if (t instanceof EntityStreamSizeException size)
      return problem(Problem.of(413, "Payload Too Large", "body: larger than the limit of " + size.limit() + " bytes"));
    if (t instanceof AskTimeoutException || t instanceof TimeoutException)
      return problem(Problem.of(503, "Service Unavailable", "hub: the request timed out inside the hub, try again"));
    if (t instanceof IllegalArgumentException iae && iae.getCause() instanceof ProblemException pe) return problem(pe.problem());
    // An entity said why it could not do what was asked right now (a routes' own conflicts are mapped before).
    if (t instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage e)
      return problem(Problem.of(503, "Service Unavailable", "hub: " + e.getMessage()));
    String ref = UUID.randomUUID().toString();
    log.error("Unhandled error {} answering a request", ref, t);
    return problem(Problem.of(500, "Internal Server Error", "hub: an internal error, logged as " + ref));
  }

  private static RejectionHandler rejections() {
    var sizes = RejectionHandler.newBuilder()
        .handle(MalformedRequestContentRejection.class, r -> r.getCause() instanceof EntityStreamSizeException size
            ? new AllDirectives() {}.complete(problem(Problem.of(413, "Payload Too Large",
                "body: larger than the limit of " + size.limit() + " bytes")))
            : new AllDirectives() {}.complete(problem(Problem.of(400, "Bad Request", "body: " + r.message()))))
        .build();
    return sizes.withFallback(RejectionHandler.defaultHandler()).mapRejectionResponse(response -> {
      if (response.entity().getContentType().equals(Json.PROBLEM)) return response;
      String text = response.entity() instanceof HttpEntity.Strict strict ? strict.getData().utf8String() : "";
      int status = response.status().intValue();
      String detail = text.isBlank() ? response.status().reason() : text;
      if (status == 404) detail = "path: no such resource";
      if (status == 405) detail = "method: " + detail;
      var problem = problem(Problem.of(status, response.status().reason(), detail));
      // Keep what the default handler said besides its text (Allow on a 405).
      for (var header : response.getHeaders())
        if (problem.getHeader(header.name()).isEmpty()) problem = problem.addHeader(header);
      return problem;
    });
  }
}
