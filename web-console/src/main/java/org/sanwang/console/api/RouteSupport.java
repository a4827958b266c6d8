package org.sanwang.console.api;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
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
    return optionalHeaderValueByName("Authorization", header -> parameterOptional("access_token", query -> {
      Optional<String> token = header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim())
          .or(() -> query);
      if (token.isEmpty()) throw ProblemException.unauthorized("Authorization: a bearer token is required (POST /api/v1/login)");
      var principal = tokens.verify(token.get()).flatMap(accounts::principal)
          .orElseThrow(() -> ProblemException.unauthorized("Authorization: the token is invalid, has expired or was revoked"));
      return inner.apply(principal);
    }));
  }

  /** The body parsed strictly as {@code type}; at most {@code maxBytes} (413 beyond). */
  protected <T> Route jsonBody(Class<T> type, long maxBytes, Function<T, Route> inner) {
    return withSizeLimit(maxBytes, () -> entity(Unmarshaller.entityToString(), body -> inner.apply(Json.parse(body, type))));
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
