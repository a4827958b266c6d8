package org.sanwang.console.api;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Route;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.LoginThrottle;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.RoleGrant;

/** {@code POST /api/v1/login}: a password for an expiring bearer token, throttled per user and address. */
public final class LoginRoutes extends RouteSupport {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoginRoutes.class);

  public record LoginRequest(String username, String password) {}

  public record UserView(String id, String name, List<RoleGrant> roles) {
    static UserView of(Principal p) {
      return new UserView(p.id(), p.name(), p.roles());
    }
  }

  public record LoginResponse(String token, Instant expiresAt, UserView user) {}

  private final LoginThrottle throttle;
  private final Executor hashing;

  public LoginRoutes(Accounts accounts, Tokens tokens, LoginThrottle throttle, Executor hashing) {
    super(accounts, tokens);
    this.throttle = throttle;
    this.hashing = hashing;
  }

  public Route routes() {
    return path(segment("api").slash("v1").slash("login"), () -> concat(
        post(() -> extractClientIP(ip -> jsonBody(LoginRequest.class, 4096, req -> login(ip.toString(), req)))),
        get(() -> authenticated(p -> ok(UserView.of(p))))));
  }

  private Route login(String ip, LoginRequest req) {
    if (req.username() == null || req.username().isBlank()) throw ProblemException.badRequest("username: is required");
    if (req.password() == null || req.password().isEmpty()) throw ProblemException.badRequest("password: is required");
    String userKey = "user:" + req.username();
    long wait = Math.max(throttle.tryAttempt(userKey), throttle.tryAttempt("ip:" + ip));
    if (wait > 0) {
      log.warn("Login throttled: user '{}' from {}, next attempt in {} s", req.username(), ip, wait);
      return complete(HttpResponse.create().withStatus(StatusCodes.TOO_MANY_REQUESTS)
          .addHeader(RetryAfter.create(wait))
          .withEntity(Json.problemEntity(ProblemException.tooMany(
              "username: too many login attempts, try again in " + wait + " s").problem())));
    }
    var result = CompletableFuture.supplyAsync(() -> accounts.authenticate(req.username(), req.password()), hashing);
    return onSuccess(result, principal -> {
      if (principal.isEmpty()) {
        log.info("Login failed: user '{}' from {}", req.username(), ip);
        throw ProblemException.unauthorized("username or password: not recognised");
      }
      throttle.succeeded(userKey); // only failed attempts count, per user and per address
      throttle.succeeded("ip:" + ip);
      var issued = tokens.issue(principal.get().id());
      return json(StatusCodes.OK, new LoginResponse(issued.token(), issued.expiresAt(), UserView.of(principal.get())));
    });
  }
}
