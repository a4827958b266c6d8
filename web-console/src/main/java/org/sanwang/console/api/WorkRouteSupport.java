package org.sanwang.console.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.StatusReply;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.org.OrgDirectory;

/** What the case, wish and appointment routes share: asking an entity, and its refusal as a 409 naming the state. */
abstract class WorkRouteSupport extends RouteSupport {
  protected final ActorSystem<?> system;
  protected final OrgDirectory directory;
  protected final Duration askTimeout;

  WorkRouteSupport(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, Duration askTimeout) {
    super(accounts, tokens);
    this.system = system;
    this.directory = directory;
    this.askTimeout = askTimeout;
  }

  protected Access access(Principal p) {
    return Access.of(directory.index(), p);
  }

  protected static Actor actor(Principal p, String place) {
    return new Actor(p.id(), p.name(), place == null ? null : p.roleIn(place));
  }

  /**
   * The entity's answer; a refusal becomes 409 whose code is the kind and the state it is in now
   * ({@code case_resolved}), read again after the refusal. {@code detail} starts with {@code state:}.
   */
  protected <S> CompletionStage<S> refusedAs(String kind, CompletionStage<S> asked, Supplier<CompletionStage<S>> now,
      Function<S, String> stateOf) {
    return refusedAs(asked, now, (why, current) -> ProblemException.conflict("state: " + why,
        ProblemCodes.workRefusal(kind, stateOf.apply(current))));
  }

  /** The same with the problem made from the refusal and the state now. */
  protected <S> CompletionStage<S> refusedAs(CompletionStage<S> asked, Supplier<CompletionStage<S>> now,
      BiFunction<String, S, ProblemException> problem) {
    return asked.handle((after, failure) -> {
      if (failure == null) return CompletableFuture.completedFuture(after);
      var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (!(cause instanceof StatusReply.ErrorMessage refused)) return CompletableFuture.<S>failedFuture(cause);
      return now.get().<S>thenApply(current -> {
        throw problem.apply(refused.getMessage(), current);
      });
    }).thenCompose(x -> x);
  }
}
