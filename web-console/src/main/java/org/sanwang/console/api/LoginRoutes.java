package org.sanwang.console.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Throttle;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.RoleGrant;

/**
 * {@code POST /api/v1/login}: a password for an expiring bearer token; {@code GET /api/v1/login}
 * and {@code GET /api/v1/me}: who holds the token (401 once it is dead), the latter with the names
 * of the role scopes, for the pages' header and landing choice. Failed logins are throttled
 * per (username, client address) and per client address, never per username alone, so guesses
 * from one place cannot lock the user out everywhere else. Logs name the address, never the username.
 */
public final class LoginRoutes extends RouteSupport {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoginRoutes.class);

  public record LoginRequest(String username, String password) {}

  public record UserView(String id, String name, List<RoleGrant> roles) {
    static UserView of(Principal p) {
      return new UserView(p.id(), p.name(), p.roles());
    }
  }

  public record LoginResponse(String token, Instant expiresAt, UserView user) {}

  /** A role grant with the name of its scope ({@code 7号楼}, {@code 双安社区}); null for the admin's {@code *}. */
  public record ScopedRole(String role, String scope, String scopeName) {}

  /** {@code GET /api/v1/me}: who the token belongs to, as the roster has them now. */
  public record Me(String id, String name, List<ScopedRole> roles) {}

  private final Throttle throttle;
  private final ClientAddresses addresses;
  private final Executor hashing;

  public LoginRoutes(Accounts accounts, Tokens tokens, Throttle throttle, ClientAddresses addresses, Executor hashing) {
    super(accounts, tokens);
    this.throttle = throttle;
    this.addresses = addresses;
    this.hashing = hashing;
  }

  public Route routes() {
    return concat(
        path(segment("api").slash("v1").slash("login"), () -> concat(
            post(() -> addresses.client(address -> jsonBody(LoginRequest.class, 4096, req -> login(address, req)))),
            get(() -> authenticated(p -> ok(UserView.of(p)))))),
        path(segment("api").slash("v1").slash("me"), () -> get(() -> authenticated(p -> ok(me(p))))));
  }

  private Me me(Principal p) {
    return new Me(p.id(), p.name(), p.roles().stream()
        .map(g -> new ScopedRole(g.role(), g.scope(), accounts.scopeName(g.scope()).orElse(null)))
        .toList());
  }

  private Route login(String address, LoginRequest req) {
    if (req.username() == null || req.username().isBlank()) throw ProblemException.badRequest("username: is required");
    if (req.password() == null || req.password().isEmpty()) throw ProblemException.badRequest("password: is required");
    var attempt = throttle.attempt(req.username(), address);
    if (attempt instanceof Throttle.Refused refused) {
      log.warn("Login throttled from {}: next attempt in {} s", address, refused.retryAfterSeconds());
      return complete(tooMany(refused.retryAfterSeconds()));
    }
    var admitted = (Throttle.Admitted) attempt;
    var result = CompletableFuture.supplyAsync(() -> accounts.authenticate(req.username(), req.password()), hashing)
        .whenComplete((signedIn, error) -> {
          if (error == null && signedIn.isPresent()) {
            admitted.succeeded();
          } else {
            int failures = admitted.failed();
            log.info("Login failed from {}: {} failed logins from there this round", address, failures);
          }
        });
    return onSuccess(result, (Optional<Accounts.SignedIn> signedIn) -> {
      if (signedIn.isEmpty()) throw ProblemException.unauthorized("username or password: not recognised");
      var principal = signedIn.get().principal();
      var issued = tokens.issue(principal.id(), signedIn.get().stamp());
      return json(StatusCodes.OK, new LoginResponse(issued.token(), issued.expiresAt(), UserView.of(principal)));
    });
  }

  private static HttpResponse tooMany(long retryAfterSeconds) {
    return HttpResponse.create().withStatus(StatusCodes.TOO_MANY_REQUESTS)
        .addHeader(RetryAfter.create(retryAfterSeconds))
        .withEntity(Json.problemEntity(ProblemException.tooMany(
            "username: too many failed logins from this address, try again in " + retryAfterSeconds + " s").problem()));
  }
}
