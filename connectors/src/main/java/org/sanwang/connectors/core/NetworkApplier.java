package org.sanwang.connectors.core;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Applies one network's stored events in the hub, a round at a time: woken when events arrive, and
 * every second in any case (events another node stored, events that failed to apply). One per network
 * in the cluster (a cluster singleton), so an event is applied by one node.
 */
public final class NetworkApplier {
  public sealed interface Command {}

  /** There may be new events to apply. */
  public record Wake() implements Command {}

  private record RoundDone(int settled, Throwable failure) implements Command {}

  static final int ROUND = 500;

  private NetworkApplier() {}

  public static Behavior<Command> create(NetworkEdge edge) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Wake(), Duration.ofSeconds(1));
      return idle(edge, timers);
    }));
  }

  private static Behavior<Command> idle(NetworkEdge edge, TimerScheduler<Command> timers) {
    return Behaviors.receive(Command.class)
        .onMessage(Wake.class, w -> round(edge, timers))
        .onMessage(RoundDone.class, d -> Behaviors.same())
        .build();
  }

  private static Behavior<Command> round(NetworkEdge edge, TimerScheduler<Command> timers) {
    return Behaviors.setup(ctx -> {
      ctx.pipeToSelf(edge.applyPending(ROUND), (settled, failure) -> new RoundDone(settled == null ? 0 : settled, failure));
      return applying(edge, timers, false);
    });
  }

  private static Behavior<Command> applying(NetworkEdge edge, TimerScheduler<Command> timers, boolean wokenSince) {
    return Behaviors.receive(Command.class)
        .onMessage(Wake.class, w -> wokenSince ? Behaviors.same() : applying(edge, timers, true))
        .onMessage(RoundDone.class, done -> Behaviors.setup(ctx -> {
          if (done.failure() != null) {
            ctx.getLog().warn("Applying {} events failed, tried again in a second: {}", edge.network().id(), done.failure().toString());
            return idle(edge, timers);
          }
          return done.settled() > 0 || wokenSince ? round(edge, timers) : idle(edge, timers);
        }))
        .build();
  }
}
