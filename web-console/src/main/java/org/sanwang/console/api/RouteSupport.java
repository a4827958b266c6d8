package org.sanwang.console.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.MediaType;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Principal;

/** What every resource's routes share: authentication, strict JSON bodies, JSON responses. */
public abstract class RouteSupport extends AllDirectives {
  protected final Accounts accounts;
  protected final Tokens tokens;

  protected RouteSupport(Accounts accounts, Tokens tokens) {
    this.accounts = accounts;
    this.tokens = tokens;
  }

  /**
   * {@code Authorization: Bearer <token>}, or {@code ?access_token=} for SSE and WebSocket; the
   * token must still match its user (not revoked, same password and roles: {@link Accounts#principal(Tokens.Claims)}).
   */
  protected Route authenticated(Function<Principal, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> queryToken(header, query -> {
      Optional<String> token = header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim())
          .or(() -> query);
      if (token.isEmpty()) throw ProblemException.unauthorized("Authorization: a bearer token is required (POST /api/v1/login)");
      var principal = tokens.verify(token.get()).flatMap(accounts::principal)
          .orElseThrow(() -> ProblemException.unauthorized("Authorization: the token is invalid, has expired or was revoked"));
      return inner.apply(principal);
    }));
  }

  /**
   * {@code ?access_token=}, taken only on a GET of a stream (SSE {@code …/stream}, the group
   * WebSocket {@code …/ws}), where a browser cannot set a header. Anywhere else a token in the URL,
   * which ends up in histories, proxies and logs, is refused with 401 when it is the only
   * credential and ignored next to an {@code Authorization} header.
   */
  protected Route queryToken(Optional<String> authorization, Function<Optional<String>, Route> inner) {
    return extractRequest(request -> parameterOptional("access_token", query -> {
      if (query.isEmpty() || takesQueryToken(request)) return inner.apply(query);
      if (authorization.isPresent()) return inner.apply(Optional.empty());
      throw ProblemException.unauthorized("access_token: a token in the URL is taken only by GET of a stream "
          + "(…/stream, the group WebSocket); send Authorization: Bearer <token>");
    }));
  }

  private static final Pattern STREAM = Pattern.compile("/api/v1/(.+/stream|groups/[^/]+/ws)");

  static boolean takesQueryToken(HttpRequest request) {
    return request.method().equals(HttpMethods.GET) && STREAM.matcher(request.getUri().path()).matches();
  }

  /** The body parsed strictly as {@code type}; {@code application/json} (415 otherwise), at most {@code maxBytes} (413 beyond). */
  protected <T> Route jsonBody(Class<T> type, long maxBytes, Function<T, Route> inner) {
    return jsonBody(type, maxBytes, JSON_ONLY, inner);
  }

  /** The same for routes that take other JSON media types too (the networks' CloudEvents). */
  protected <T> Route jsonBody(Class<T> type, long maxBytes, List<MediaType> accepted, Function<T, Route> inner) {
    return body(maxBytes, accepted, body -> inner.apply(Json.parse(body, type)));
  }

  /** The media types a JSON body may have unless a route says otherwise. */
  public static final List<MediaType> JSON_ONLY = List.of(MediaTypes.APPLICATION_JSON);

  /**
   * The one way a route reads a request body: a non-empty body must be of one of the
   * {@code accepted} media types (else 415 naming {@code Content-Type}) with no charset but UTF-8,
   * at most {@code maxBytes} (else 413), and well-formed UTF-8 (else 400 naming the byte offset).
   * An empty body is given to {@code inner} as {@code ""} whatever its Content-Type.
   */
  static Route body(long maxBytes, List<MediaType> accepted, Function<String, Route> inner) {
    return Directives.withSizeLimit(maxBytes, () -> Directives.extractRequestEntity(entity -> {
      if (!entity.isKnownEmpty()) requireMediaType(entity.getContentType(), accepted);
      return Directives.entity(Unmarshaller.entityToByteString(), bytes -> inner.apply(Json.utf8(bytes.asByteBuffer())));
    }));
  }

  private static void requireMediaType(ContentType given, List<MediaType> accepted) {
    MediaType type = given.mediaType();
    boolean known = accepted.stream().anyMatch(a -> a.mainType().equals(type.mainType()) && a.subType().equals(type.subType()));
    String expected = accepted.stream().map(MediaType::toString).collect(Collectors.joining(" or "));
    if (!known)
      throw new ProblemException(Problem.of(415, "Unsupported Media Type", "Content-Type: must be " + expected + ", got "
          + (type.equals(MediaTypes.APPLICATION_OCTET_STREAM) ? "none or application/octet-stream" : type.toString())));
    var charset = given.getCharsetOption();
    if (charset.isPresent() && !charset.get().equals(HttpCharsets.UTF_8))
      throw new ProblemException(Problem.of(415, "Unsupported Media Type",
          "Content-Type: the charset must be UTF-8, got " + charset.get().value()));
  }

  protected <T> Route json(StatusCode status, T value) {
    return complete(status, value, Json.marshaller());
  }

  protected <T> Route ok(T value) {
    return json(StatusCodes.OK, value);
  }

  protected Route requireAdmin(Principal p, Supplier<Route> inner) {
    if (!p.isAdmin()) throw ProblemException.forbidden("role: this needs the admin role");
    return inner.get();
  }

  protected static long longParam(String name, Optional<String> raw, long dflt, long min, long max) {
    if (raw.isEmpty()) return dflt;
    try {
      long v = Long.parseLong(raw.get().trim());
      if (v < min || v > max) throw ProblemException.badRequest(name + ": must be between " + min + " and " + max + ", got " + v);
      return v;
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(name + ": must be a whole number, got '" + raw.get() + "'");
    }
  }
}
