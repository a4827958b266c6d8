package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.KnownTokenVersions;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.access.TokenVersions;

/**
 * {@code POST /api/v1/users/{id}/revoke-tokens} (admin): every token the user holds stops working
 * at once. The user's token version is raised durably; this node's copy is updated before the
 * answer, so the same node refuses the old tokens from the next request on, and every other node's
 * copy follows through the cluster's pub-sub. The user logs in again for a new token.
 */
public final class UserRoutes extends RouteSupport {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UserRoutes.class);

  public record TokensRevoked(String id, long tokenVersion) {}

  private final ActorSystem<?> system;
  private final KnownTokenVersions versions;
  private final Duration askTimeout;

  public UserRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, KnownTokenVersions versions, Duration askTimeout) {
    super(accounts, tokens);
    this.system = system;
    this.versions = versions;
    this.askTimeout = askTimeout;
  }

  public Route routes() {
    return path(segment("api").slash("v1").slash("users").slash(segment()).slash("revoke-tokens"), id ->
        post(() -> authenticated(p -> requireAdmin(p, () -> revoke(p, id)))));
  }

  private Route revoke(Principal admin, String id) {
    if (!accounts.exists(id)) throw ProblemException.notFound("id: no such user");
    var revoked = ClusterSharding.get(system).entityRefFor(TokenVersions.ENTITY_KEY, TokenVersions.ID)
        .<TokenVersions.VersionChanged>ask(r -> new TokenVersions.RevokeTokens(id, r), askTimeout)
        .thenApply(changed -> {
          versions.advance(changed.userId(), changed.version());
          log.info("Tokens of user {} revoked by {}: token version {}", changed.userId(), admin.id(), changed.version());
          return changed;
        });
    return onSuccess(revoked, changed -> ok(new TokensRevoked(changed.userId(), changed.version())));
  }
}
