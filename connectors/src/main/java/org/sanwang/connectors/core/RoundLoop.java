package org.sanwang.connectors.core;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Work done in rounds, one at a time: a round starts when the actor is woken, or every {@code every}
 * in any case (work another node stored, work that failed); it goes on with another round at once
 * while rounds get something done ({@code round} completes with how much) or it was woken meanwhile,
 * and a failed round waits for the next tick. The shape of the edge's applier and callback dispatcher.
 */
final class RoundLoop {
  /** There may be new work. */
  /** Sent from any node to the singleton (which may run on another): serializable. */
  public record Wake() implements org.sanwang.hub.CborSerializable {}

  private record RoundDone(int done, Throwable failure) {}

  private RoundLoop() {}

  /** {@code what} names the work in the log. */
  static Behavior<Object> create(String what, Duration every, Supplier<CompletionStage<Integer>> round) {
    return Behaviors.<Object>setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Wake(), every);
      return idle(what, round);
    }));
  }

  private static Behavior<Object> idle(String what, Supplier<CompletionStage<Integer>> round) {
    return Behaviors.receive(Object.class)
        .onMessage(Wake.class, w -> start(what, round))
        .onMessage(RoundDone.class, d -> Behaviors.same())
        .build();
  }

  private static Behavior<Object> start(String what, Supplier<CompletionStage<Integer>> round) {
    return Behaviors.setup(ctx -> {
      ctx.pipeToSelf(round.get(), (done, failure) -> new RoundDone(done == null ? 0 : done, failure));
      return working(what, round, false);
    });
  }

  private static Behavior<Object> working(String what, Supplier<CompletionStage<Integer>> round, boolean wokenSince) {
    return Behaviors.receive(Object.class)
        .onMessage(Wake.class, w -> wokenSince ? Behaviors.same() : working(what, round, true))
        .onMessage(RoundDone.class, done -> Behaviors.setup(ctx -> {
          if (done.failure() != null) {
            ctx.getLog().warn("{} failed, tried again in a moment: {}", what, done.failure().toString());
            return idle(what, round);
          }
          return done.done() > 0 || wokenSince ? start(what, round) : idle(what, round);
        }))
        .build();
  }
}
