package org.sanwang.hub.alert;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;

/**
 * The open alerts, for listing and for waking them after a restart so their escalation timers run
 * again. Each alert keeps its own line here up to date; a closed alert is removed.
 */
public final class AlertBoard
    extends EventSourcedBehaviorWithEnforcedReplies<AlertBoard.Command, AlertBoard.Event, AlertBoard.State> {

  public static final String ID = "open";

  public sealed interface Command extends CborSerializable {}

  public record Track(AlertSummary summary) implements Command {}

  public record Untrack(AlertSummary closed) implements Command {}

  public record GetOpen(ActorRef<OpenAlerts> replyTo) implements Command {}

  /**
   * Makes sure a just-raised alert is on the board before its press is acknowledged, so that it
   * is woken after a crash; the alert fills in its line itself.
   */
  public record Register(String alertId, ActorRef<org.apache.pekko.Done> replyTo) implements Command {}

  public record OpenAlerts(List<AlertSummary> alerts) implements CborSerializable {}

  /** Every alert raised since {@code since} (open and closed), for the leaders' figures. */
  public record GetHistory(java.time.Instant since, ActorRef<OpenAlerts> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record Tracked(AlertSummary summary) implements Event {}

  /** {@code closed} carries the alert's last summary (its times), kept for the figures. */
  public record Untracked(String alertId, AlertSummary closed) implements Event {}

  /** {@code closed}: the summaries of closed alerts, newest last, at most {@link #HISTORY}. */
  public record State(Map<String, AlertSummary> open, List<AlertSummary> closed) implements CborSerializable {}

  static final int HISTORY = 20_000;

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "AlertBoard");

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String id) {
    return new AlertBoard(PersistenceId.of(ENTITY_KEY.name(), id));
  }

  static void track(ActorSystem<?> system, AlertSummary summary) {
    ClusterSharding.get(system).entityRefFor(ENTITY_KEY, ID).tell(new Track(summary));
  }

  static void untrack(ActorSystem<?> system, AlertSummary closed) {
    ClusterSharding.get(system).entityRefFor(ENTITY_KEY, ID).tell(new Untrack(closed));
  }

  /** Wakes every open alert (call once at start): their timers resume where they were. */
  public static java.util.concurrent.CompletionStage<Integer> wakeOpenAlerts(ActorSystem<?> system, Duration timeout) {
    var sharding = ClusterSharding.get(system);
    return sharding.entityRefFor(ENTITY_KEY, ID).<OpenAlerts>ask(GetOpen::new, timeout).thenApply(open -> {
      open.alerts().forEach(a -> sharding.entityRefFor(AlertEntity.ENTITY_KEY, a.id()).tell(new AlertEntity.Wake()));
      return open.alerts().size();
    });
  }

  private AlertBoard(PersistenceId id) {
    super(id, Entities.ON_JOURNAL_FAILURE);
  }

  @Override
  public State emptyState() {
    return new State(Map.of(), List.of());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Track.class, (s, c) -> c.summary().equals(s.open().get(c.summary().id()))
            ? Effect().noReply()
            : Effect().persist(new Tracked(c.summary())).thenNoReply())
        .onCommand(Untrack.class, (s, c) -> s.open().containsKey(c.closed().id())
            ? Effect().persist(new Untracked(c.closed().id(), c.closed())).thenNoReply()
            : Effect().noReply())
        .onCommand(GetHistory.class, (s, c) -> Effect().reply(c.replyTo(), new OpenAlerts(java.util.stream.Stream
            .concat(s.closed().stream(), s.open().values().stream())
            .filter(a -> a.raisedAt() != null && !a.raisedAt().isBefore(c.since()))
            .toList())))
        .onCommand(Register.class, (s, c) -> s.open().containsKey(c.alertId())
            ? Effect().reply(c.replyTo(), org.apache.pekko.Done.getInstance())
            : Effect().persist(new Tracked(new AlertSummary(c.alertId(), AlertEntity.RAISED, null, null, null, null, null, null,
                1, null, 0, 0, null, null, null, null))).thenReply(c.replyTo(), after -> org.apache.pekko.Done.getInstance()))
        .onCommand(GetOpen.class, (s, c) -> Effect().reply(c.replyTo(), new OpenAlerts(s.open().values().stream()
            .sorted(java.util.Comparator.comparing(AlertSummary::raisedAt, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
            .toList())))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(Tracked.class, (s, e) -> {
          var open = new HashMap<>(s.open());
          open.put(e.summary().id(), e.summary());
          return new State(Map.copyOf(open), s.closed());
        })
        .onEvent(Untracked.class, (s, e) -> {
          var open = new HashMap<>(s.open());
          open.remove(e.alertId());
          var closed = new java.util.ArrayList<>(s.closed());
          if (e.closed() != null) closed.add(e.closed());
          while (closed.size() > HISTORY) closed.remove(0);
          return new State(Map.copyOf(open), List.copyOf(closed));
        })
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
