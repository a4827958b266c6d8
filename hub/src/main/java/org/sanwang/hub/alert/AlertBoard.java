package org.sanwang.hub.alert;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
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
 * The open alerts: which alerts to wake after a restart so that their escalation goes on, and where
 * each is (for scoping the console's list). Its one writer is the alerts themselves: an alert is
 * tracked when it is raised (confirmed before its first press is answered) and untracked when it
 * closes. It keeps no history: the figures are a projection of alert events ({@link AlertHistory}).
 */
public final class AlertBoard
    extends EventSourcedBehaviorWithEnforcedReplies<AlertBoard.Command, AlertBoard.Event, AlertBoard.State> {

  public static final String ID = "open";

  public sealed interface Command extends CborSerializable {}

  public record Track(AlertSummary raised, ActorRef<Done> replyTo) implements Command {}

  public record Untrack(String alertId) implements Command {}

  public record GetOpen(ActorRef<OpenAlerts> replyTo) implements Command {}

  /** The open alerts as they were raised (who, where, when), oldest first; ask each alert for how it stands now. */
  public record OpenAlerts(List<AlertSummary> alerts) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record Tracked(AlertSummary summary) implements Event {}

  /** {@code closed} is only in events written before the figures became a projection. */
  public record Untracked(String alertId, AlertSummary closed) implements Event {}

  public record State(Map<String, AlertSummary> open) implements CborSerializable {}

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "AlertBoard");

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entities.onCallPath(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId()))));
  }

  public static Behavior<Command> create(String id) {
    return new AlertBoard(PersistenceId.of(ENTITY_KEY.name(), id));
  }

  static CompletionStage<Done> track(ActorSystem<?> system, AlertSummary raised, Duration timeout) {
    return ClusterSharding.get(system).entityRefFor(ENTITY_KEY, ID).ask(r -> new Track(raised, r), timeout);
  }

  static void untrack(ActorSystem<?> system, String alertId) {
    ClusterSharding.get(system).entityRefFor(ENTITY_KEY, ID).tell(new Untrack(alertId));
  }

  /** Wakes every open alert (call once at start): their timers resume where they were. */
  public static CompletionStage<Integer> wakeOpenAlerts(ActorSystem<?> system, Duration timeout) {
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
    return new State(Map.of());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Track.class, (s, c) -> s.open().containsKey(c.raised().id())
            ? Effect().reply(c.replyTo(), Done.getInstance())
            : Effect().persist(new Tracked(c.raised())).thenReply(c.replyTo(), after -> Done.getInstance()))
        .onCommand(Untrack.class, (s, c) -> s.open().containsKey(c.alertId())
            ? Effect().persist(new Untracked(c.alertId(), null)).thenNoReply()
            : Effect().noReply())
        .onCommand(GetOpen.class, (s, c) -> Effect().reply(c.replyTo(), new OpenAlerts(s.open().values().stream()
            .sorted(Comparator.comparing(AlertSummary::raisedAt, Comparator.nullsLast(Comparator.naturalOrder())))
            .toList())))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(Tracked.class, (s, e) -> {
          var open = new HashMap<>(s.open());
          open.put(e.summary().id(), e.summary());
          return new State(Map.copyOf(open));
        })
        .onEvent(Untracked.class, (s, e) -> {
          var open = new HashMap<>(s.open());
          open.remove(e.alertId());
          return new State(Map.copyOf(open));
        })
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
