package org.sanwang.hub.notify;

import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.sanwang.hub.CborSerializable;

/**
 * Sends notifications over their channels and reports every outcome to whoever asked (an alert
 * records it on its timeline). A failed send is retried with exponential backoff, 1 s doubling to
 * 60 s, up to {@code maxAttempts}; a channel that is not configured fails at once, without retries.
 */
public final class Dispatcher {
  private Dispatcher() {}

  public sealed interface Command extends CborSerializable {}

  public record Dispatch(Notification notification, ActorRef<DeliveryReport> reportTo) implements Command {}

  private record Attempted(Dispatch dispatch, int attempt, Throwable failure) implements Command {}

  private record Retry(Dispatch dispatch, int attempt) implements Command {}

  /** {@code outcome}: {@code delivered}, {@code failed} (will retry), {@code gave_up}, {@code unavailable}. */
  public record DeliveryReport(String notificationId, String channel, String outcome, int attempt, String detail)
      implements CborSerializable {}

  public static Behavior<Command> create(Iterable<NotificationChannel> channels, int maxAttempts) {
    Map<String, NotificationChannel> byName = new java.util.HashMap<>();
    channels.forEach(c -> byName.put(c.name(), c));
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.receive(Command.class)
        .onMessage(Dispatch.class, d -> {
          send(ctx, byName, d, 1);
          return Behaviors.same();
        })
        .onMessage(Retry.class, r -> {
          send(ctx, byName, r.dispatch(), r.attempt());
          return Behaviors.same();
        })
        .onMessage(Attempted.class, a -> {
          var n = a.dispatch().notification();
          if (a.failure() != null && unavailable(a.failure())) {
            a.dispatch().reportTo().tell(new DeliveryReport(n.notificationId(), n.channel(), "unavailable", a.attempt(),
                rootMessage(a.failure())));
          } else if (a.failure() == null) {
            a.dispatch().reportTo().tell(new DeliveryReport(n.notificationId(), n.channel(), "delivered", a.attempt(), null));
          } else if (a.attempt() >= maxAttempts) {
            a.dispatch().reportTo().tell(new DeliveryReport(n.notificationId(), n.channel(), "gave_up", a.attempt(),
                rootMessage(a.failure())));
          } else {
            var backoff = Duration.ofSeconds(Math.min(60, 1L << Math.min(6, a.attempt() - 1)));
            a.dispatch().reportTo().tell(new DeliveryReport(n.notificationId(), n.channel(), "failed", a.attempt(),
                rootMessage(a.failure()) + "; retrying in " + backoff.toSeconds() + " s"));
            timers.startSingleTimer(n.notificationId(), new Retry(a.dispatch(), a.attempt() + 1), backoff);
          }
          return Behaviors.same();
        })
        .build()));
  }

  private static void send(org.apache.pekko.actor.typed.javadsl.ActorContext<Command> ctx,
      Map<String, NotificationChannel> channels, Dispatch d, int attempt) {
    var n = d.notification();
    var channel = channels.get(n.channel());
    if (channel == null) {
      d.reportTo().tell(new DeliveryReport(n.notificationId(), n.channel(), "unavailable", attempt,
          "channel " + n.channel() + " is not configured"));
      return;
    }
    java.util.concurrent.CompletionStage<Void> sent;
    try {
      sent = channel.send(n);
    } catch (RuntimeException e) {
      sent = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    ctx.pipeToSelf(sent, (ok, err) -> new Attempted(d, attempt, err));
  }

  private static boolean unavailable(Throwable t) {
    for (; t != null; t = t.getCause()) if (t instanceof NotificationChannel.Unavailable) return true;
    return false;
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

}
