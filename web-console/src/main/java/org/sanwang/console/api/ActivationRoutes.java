package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.hub.access.Activations;
import org.sanwang.hub.access.Passwords;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgRegistry;
import org.sanwang.hub.org.OrgTree;

/**
 * The one-time link a reported Party member sets their password on (public: the token in the path is
 * the credential, 256 random bits, only its hash kept): {@code GET /api/v1/activations/{token}} says whose
 * it is, {@code POST} {@code {password}} sets it. 404 for an unknown or used link, 410 for an expired one.
 */
public final class ActivationRoutes extends AllDirectives {
  public record LinkView(String name, String username, String community, String communityName, Instant expiresAt) {}

  public record Activated(String username) {}

  static final int MIN_PASSWORD = 10;

  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final Executor hashing;
  private final Duration askTimeout;
  private final Clock clock;

  public ActivationRoutes(ActorSystem<?> system, OrgDirectory directory, Executor hashing, Duration askTimeout, Clock clock) {
    this.system = system;
    this.directory = directory;
    this.hashing = hashing;
    this.askTimeout = askTimeout;
    this.clock = clock;
  }

  public Route routes() {
    return path(segment("api").slash("v1").slash("activations").slash(segment()), token -> concat(
        get(() -> onSuccess(valid(token), link -> complete(org.apache.pekko.http.javadsl.model.StatusCodes.OK, view(link.link(),
            link.person()), Json.marshaller()))),
        post(() -> RouteSupport.body(4096, RouteSupport.JSON_ONLY, body -> {
          var req = Json.parse(body.isBlank() ? "{}" : body, WorkRequests.Activate.class);
          if (req.password() == null || req.password().length() < MIN_PASSWORD)
            throw ProblemException.badRequest("password: at least " + MIN_PASSWORD + " characters");
          if (req.password().length() > 200) throw ProblemException.badRequest("password: at most 200 characters");
          // The link is used up first, in its entity: of two requests with one token only one sets a password.
          CompletionStage<Activated> done = valid(token)
              .thenCompose(found -> link(token).<Activations.Link>askWithStatus(Activations.Use::new, askTimeout)
                  .exceptionally(failure -> {
                    var cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                    if (!(cause instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage refused))
                      throw new java.util.concurrent.CompletionException(cause);
                    throw "expired".equals(refused.getMessage()) ? ProblemException.gone("token: the link has expired")
                        : ProblemException.notFound("token: no such link, or it was used already");
                  })
                  .thenCompose(used -> CompletableFuture.supplyAsync(() -> Passwords.hash(req.password()), hashing))
                  .thenCompose(hash -> setPassword(found.person(), hash))
                  .thenApply(x -> new Activated(found.person().username())));
          return onSuccess(done, a -> complete(org.apache.pekko.http.javadsl.model.StatusCodes.OK, a, Json.marshaller()));
        }))));
  }

  private record Found(Activations.Link link, OrgTree.Person person) {}

  /** The link and its person, if the link may still be used. */
  private CompletionStage<Found> valid(String token) {
    if (!token.matches("[A-Za-z0-9_-]{20,120}")) throw ProblemException.notFound("token: no such link");
    return link(token).<Optional<Activations.Link>>ask(Activations.Get::new, askTimeout).thenApply(found -> {
      var link = found.filter(l -> l.usedAt() == null)
          .orElseThrow(() -> ProblemException.notFound("token: no such link, or it was used already"));
      if (link.expired(clock.instant())) throw ProblemException.gone("token: the link expired at " + link.expiresAt());
      var person = directory.index().person(link.personId())
          .orElseThrow(() -> ProblemException.notFound("token: the member is no longer on the roster"));
      return new Found(link, person);
    });
  }

  private LinkView view(Activations.Link link, OrgTree.Person person) {
    return new LinkView(person.name(), person.username(), link.community(), directory.index().nameOf(link.community()).orElse(null),
        link.expiresAt());
  }

  private CompletionStage<Object> setPassword(OrgTree.Person person, String hash) {
    var changed = new OrgTree.Person(person.id(), person.name(), person.phone(), person.roles(), person.username(), hash);
    var delta = new OrgTree(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(person.id(), changed), Map.of());
    var registry = ClusterSharding.get(system).entityRefFor(OrgRegistry.ENTITY_KEY, OrgRegistry.ID);
    return registry.<OrgRegistry.ImportResult>ask(r -> new OrgRegistry.ImportTree(delta, r), askTimeout)
        .thenCompose(x -> registry.<OrgRegistry.TreeVersion>ask(OrgRegistry.GetTree::new, askTimeout))
        .thenApply(tree -> {
          directory.update(tree.tree());
          return tree;
        });
  }

  private EntityRef<Activations.Command> link(String token) {
    return ClusterSharding.get(system).entityRefFor(Activations.ENTITY_KEY, Activations.idOf(token));
  }
}
