package org.sanwang.hub.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;

/**
 * One resident as a caller: the one router of their presses, whichever device or page pressed, so
 * that a resident has at most one open alert. It asks the open alert to count a press; when there
 * is none, or the alert answers that it has closed, it opens the next alert itself and asks that
 * one. A press is answered once the alert has it on record.
 */
public final class CallerEntity
    extends EventSourcedBehaviorWithEnforcedReplies<CallerEntity.Command, CallerEntity.Event, CallerEntity.State> {

  // Commands

  public sealed interface Command extends CborSerializable {}

  /** {@code deviceId}: a call device, or {@code phone-<residentId>} for the call page. */
  public record Press(String deviceId, Long seq, Instant at, ActorRef<StatusReply<AlertEntity.AlertStatus>> replyTo)
      implements Command {}

  /** Told by an alert when it is resolved or cancelled. */
  public record AlertClosed(String alertId) implements Command {}

  public record GetOpenAlert(ActorRef<OpenAlert> replyTo) implements Command {}

  /** {@code alertId} is null when the resident has no open alert. */
  public record OpenAlert(String alertId) implements CborSerializable {}

  /** The alert's answer to a press it was asked to count. */
  private record Answered(Press press, String alertId, AlertEntity.PressResult result, Throwable failure) implements Command {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record AlertOpened(String alertId, Instant at) implements Event {}

  public record AlertEnded(String alertId) implements Event {}

  // State

  /** {@code openAlertId} is null while the resident has no open alert; {@code alerts} counts every alert opened. */
  public record State(String openAlertId, int alerts) implements CborSerializable {
    String nextAlertId(String residentId) {
      return residentId + "-" + (alerts + 1);
    }
  }

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Caller");

  public record Collaborators(Duration askTimeout, String journal) {}

  public static void init(ActorSystem<?> system, Collaborators with) {
    ClusterSharding.get(system).init(Entities.onCallPath(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), with))));
  }

  public static Behavior<Command> create(String residentId, Collaborators with) {
    return Entities.restartingOnRefusedWrites(Behaviors.setup(ctx -> new CallerEntity(residentId, ctx, with)));
  }

  static void alertClosed(ActorSystem<?> system, String residentId, String alertId) {
    ClusterSharding.get(system).entityRefFor(ENTITY_KEY, residentId).tell(new AlertClosed(alertId));
  }

  private final String residentId;
  private final ActorContext<Command> ctx;
  private final Collaborators with;

  private CallerEntity(String residentId, ActorContext<Command> ctx, Collaborators with) {
    super(PersistenceId.of(ENTITY_KEY.name(), residentId), Entities.ON_JOURNAL_FAILURE);
    this.residentId = residentId;
    this.ctx = ctx;
    this.with = with;
  }

  @Override
  public String journalPluginId() {
    return with.journal();
  }

  @Override
  public State emptyState() {
    return new State(null, 0);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Press.class, this::route)
        .onCommand(Answered.class, this::answer)
        .onCommand(AlertClosed.class, (s, c) -> c.alertId().equals(s.openAlertId())
            ? Effect().persist(new AlertEnded(c.alertId())).thenNoReply()
            : Effect().noReply())
        .onCommand(GetOpenAlert.class, (s, c) -> Effect().reply(c.replyTo(), new OpenAlert(s.openAlertId())))
        .build();
  }

  private ReplyEffect<Event, State> route(State s, Press press) {
    if (s.openAlertId() != null) {
      count(s.openAlertId(), press);
      return Effect().noReply();
    }
    return open(s, List.of(), press);
  }

  private ReplyEffect<Event, State> answer(State s, Answered a) {
    if (a.failure() != null) return Effect().reply(a.press().replyTo(), StatusReply.error(a.failure()));
    if (a.result() instanceof AlertEntity.Counted counted) return Effect().reply(a.press().replyTo(), StatusReply.success(counted.status()));
    // The alert closed before this press reached it: the next alert takes it.
    if (a.alertId().equals(s.openAlertId())) return open(s, List.of(new AlertEnded(a.alertId())), a.press());
    if (s.openAlertId() != null) count(s.openAlertId(), a.press()); // another press opened the next one meanwhile
    else return open(s, List.of(), a.press());
    return Effect().noReply();
  }

  /**
   * Asks the next alert to count the press and, while it raises, records it as open (after
   * {@code first}): two writes side by side instead of one after the other on the way to the
   * people called. Safe because the next alert's id follows from the alerts recorded: should this
   * record be lost, the next press asks the same alert again, which counts it as a repeat.
   */
  private ReplyEffect<Event, State> open(State s, List<Event> first, Press press) {
    String alertId = s.nextAlertId(residentId);
    var events = new java.util.ArrayList<>(first);
    events.add(new AlertOpened(alertId, press.at()));
    count(alertId, press);
    return Effect().persist(events).thenNoReply();
  }

  private void count(String alertId, Press press) {
    var alert = ClusterSharding.get(ctx.getSystem()).entityRefFor(AlertEntity.ENTITY_KEY, alertId);
    ctx.pipeToSelf(alert.<AlertEntity.PressResult>askWithStatus(
            r -> new AlertEntity.Press(residentId, press.deviceId(), press.seq(), press.at(), r), with.askTimeout()),
        (result, failure) -> new Answered(press, alertId, result, failure));
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return Entities.countingJournalFailures(newSignalHandlerBuilder(), ENTITY_KEY.name(), residentId)
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(AlertOpened.class, (s, e) -> new State(e.alertId(), s.alerts() + 1))
        .onEvent(AlertEnded.class, (s, e) -> e.alertId().equals(s.openAlertId()) ? new State(null, s.alerts()) : s)
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
