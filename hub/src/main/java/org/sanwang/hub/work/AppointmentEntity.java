package org.sanwang.hub.work;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
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
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;
import org.sanwang.hub.alert.Actor;

/**
 * An appointment (预约代办) the community network asked for on a resident's behalf: a task for the grid
 * member, requested → accepted → completed, or cancelled (by the network or by staff) before it is done.
 */
public final class AppointmentEntity
    extends EventSourcedBehaviorWithEnforcedReplies<AppointmentEntity.Command, AppointmentEntity.Event, AppointmentEntity.State> {

  public static final String TAG = "appointment";
  public static final String NO_SUCH_APPOINTMENT = "no such appointment";

  // Commands

  public sealed interface Command extends CborSerializable {}

  public sealed interface Action extends Command {
    /** The network event's key, or null for a person's action in the hub. */
    String key();

    ActorRef<StatusReply<State>> replyTo();
  }

  public record Request(AppointmentFacts facts, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Accept(Actor by, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Complete(Actor by, String note, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Cancel(Actor by, String note, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record GetAppointment(ActorRef<State> replyTo) implements Command {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record AppointmentRequested(AppointmentFacts facts, String key, Instant at) implements Event {}

  public record AppointmentAccepted(Actor by, String key, Instant at) implements Event {}

  public record AppointmentCompleted(Actor by, String note, String key, Instant at) implements Event {}

  public record AppointmentCancelled(Actor by, String note, String key, Instant at) implements Event {}

  // State: one type per stage

  public record AppointmentRecord(AppointmentFacts facts, Instant requestedAt, List<WorkStep> timeline, Set<String> keys,
      Actor acceptedBy, Instant acceptedAt) implements CborSerializable {
    public AppointmentRecord {
      timeline = List.copyOf(timeline);
      keys = Set.copyOf(keys);
    }

    AppointmentRecord noted(WorkStep step, String key) {
      var steps = new ArrayList<>(timeline);
      steps.add(step);
      var seen = new HashSet<>(keys);
      if (key != null) seen.add(key);
      return new AppointmentRecord(facts, requestedAt, steps, seen, acceptedBy, acceptedAt);
    }

    AppointmentRecord accepted(Actor by, Instant at) {
      return new AppointmentRecord(facts, requestedAt, timeline, keys, by, at);
    }
  }

  public sealed interface State extends CborSerializable {
    String id();

    /** Null before it is requested. */
    AppointmentRecord record();

    String state();
  }

  public record NotRequested(String id) implements State {
    public AppointmentRecord record() {
      return null;
    }

    public String state() {
      return "none";
    }
  }

  public record Requested(AppointmentRecord record) implements State {
    public String id() {
      return record.facts().appointmentId();
    }

    public String state() {
      return "requested";
    }
  }

  public record Accepted(AppointmentRecord record) implements State {
    public String id() {
      return record.facts().appointmentId();
    }

    public String state() {
      return "accepted";
    }
  }

  public record Completed(AppointmentRecord record, String note, Instant completedAt) implements State {
    public String id() {
      return record.facts().appointmentId();
    }

    public String state() {
      return "completed";
    }
  }

  public record Cancelled(AppointmentRecord record, Actor by, Instant cancelledAt) implements State {
    public String id() {
      return record.facts().appointmentId();
    }

    public String state() {
      return "cancelled";
    }
  }

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Appointment");

  public static void init(ActorSystem<?> system, WorkNotifier notifier) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), Clock.systemUTC(), notifier)));
  }

  public static Behavior<Command> create(String id, Clock clock) {
    return create(id, clock, WorkNotifier.NONE);
  }

  public static Behavior<Command> create(String id, Clock clock, WorkNotifier notifier) {
    return Entities.restartingOnRefusedWrites(new AppointmentEntity(id, clock, notifier));
  }

  private final String appointmentId;
  private final Clock clock;
  private final WorkNotifier notifier;

  private AppointmentEntity(String appointmentId, Clock clock, WorkNotifier notifier) {
    super(PersistenceId.of(ENTITY_KEY.name(), appointmentId), Entities.ON_JOURNAL_FAILURE);
    this.appointmentId = appointmentId;
    this.clock = clock;
    this.notifier = notifier;
  }

  @Override
  public State emptyState() {
    return new NotRequested(appointmentId);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder.forState(s -> !(s instanceof NotRequested))
        .onCommand(Request.class, (s, c) -> refuse(s, c, "the appointment " + s.id() + " is already requested"));
    builder.forStateType(NotRequested.class)
        .onCommand(Request.class, (s, c) -> applied(s, c, () -> new AppointmentRequested(c.facts(), c.key(), now())))
        .onCommand(Action.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.error(NO_SUCH_APPOINTMENT)));
    builder.forStateType(Requested.class)
        .onCommand(Accept.class, (s, c) -> applied(s, c, () -> new AppointmentAccepted(c.by(), c.key(), now())))
        .onCommand(Cancel.class, (s, c) -> applied(s, c, () -> new AppointmentCancelled(c.by(), c.note(), c.key(), now())))
        .onCommand(Action.class, (s, c) -> refuse(s, c, "the appointment is not accepted yet"));
    builder.forStateType(Accepted.class)
        .onCommand(Accept.class, (s, c) -> refuse(s, c, "already accepted by " + s.record().acceptedBy().name()))
        .onCommand(Complete.class, (s, c) -> applied(s, c, () -> new AppointmentCompleted(c.by(), c.note(), c.key(), now())))
        .onCommand(Cancel.class, (s, c) -> applied(s, c, () -> new AppointmentCancelled(c.by(), c.note(), c.key(), now())));
    builder.forStateType(Completed.class)
        .onCommand(Action.class, (s, c) -> refuse(s, c, "the appointment is completed"));
    builder.forStateType(Cancelled.class)
        .onCommand(Action.class, (s, c) -> refuse(s, c, "the appointment is cancelled"));
    builder.forAnyState()
        .onCommand(GetAppointment.class, (s, c) -> Effect().reply(c.replyTo(), s));
    return builder.build();
  }

  private Instant now() {
    return clock.instant();
  }

  private ReplyEffect<Event, State> applied(State s, Action c, Supplier<Event> change) {
    if (seen(s, c.key())) return Effect().reply(c.replyTo(), StatusReply.success(s));
    var event = change.get();
    return Effect().persist(event).thenRun(after -> notifier.appointmentChanged(after, event)).thenReply(c.replyTo(), StatusReply::success);
  }

  private ReplyEffect<Event, State> refuse(State s, Action c, String why) {
    if (seen(s, c.key())) return Effect().reply(c.replyTo(), StatusReply.success(s));
    return Effect().reply(c.replyTo(), StatusReply.error(why));
  }

  private static boolean seen(State s, String key) {
    return key != null && s.record() != null && s.record().keys().contains(key);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(AppointmentEntity::applied);
  }

  /** The appointment after one more event (pure): the entity's event handler, and the projection's. */
  public static State applied(State s, Event event) {
    if (event instanceof AppointmentRequested e)
      return new Requested(new AppointmentRecord(e.facts(), e.at(), List.of(WorkStep.of(e.at(), "requested", null, e.facts().note())),
          e.key() == null ? Set.of() : Set.of(e.key()), null, null));
    var r = s.record();
    if (r == null) return s;
    if (event instanceof AppointmentAccepted e)
      return new Accepted(r.noted(WorkStep.of(e.at(), "accepted", e.by(), null), e.key()).accepted(e.by(), e.at()));
    if (event instanceof AppointmentCompleted e)
      return new Completed(r.noted(WorkStep.of(e.at(), "completed", e.by(), e.note()), e.key()), e.note(), e.at());
    if (event instanceof AppointmentCancelled e)
      return new Cancelled(r.noted(WorkStep.of(e.at(), "cancelled", e.by(), e.note()), e.key()), e.by(), e.at());
    return s;
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(TAG);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(50, 2);
  }
}
