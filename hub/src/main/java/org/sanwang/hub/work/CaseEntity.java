package org.sanwang.hub.work;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;
import org.sanwang.hub.alert.Actor;

/**
 * A governance case (随手拍, a grid event): reported at the community level, accepted there, climbing
 * to the street and the district by hand or when its level's deadline passes, resolved with a note and
 * photos, rated by the reporter (which closes it), or closed by the network. The deadline is a timer
 * re-armed on recovery, so an overdue case escalates after a restart as soon as it is woken
 * ({@link CaseDeadlineWatch} wakes the overdue ones).
 *
 * <p>A network's changes carry the event's key: applied again after a crash, they change nothing; and
 * the network may resolve its own case without its acceptance in the hub.
 */
public final class CaseEntity
    extends EventSourcedBehaviorWithEnforcedReplies<CaseEntity.Command, CaseEntity.Event, CaseEntity.State> {

  public static final String TAG = "case";
  public static final String NO_SUCH_CASE = "no such case";

  // Commands

  public sealed interface Command extends CborSerializable {}

  /** A change asked of the case; answered with the case after it, or a refusal naming how it stands. */
  public sealed interface Action extends Command {
    Actor by();

    /** The network event's key ({@code governance:offset}), or null for a person's action in the hub. */
    String key();

    ActorRef<StatusReply<State>> replyTo();
  }

  public record Report(CaseFacts facts, CaseDeadlines deadlines, Actor by, String key, ActorRef<StatusReply<State>> replyTo)
      implements Action {}

  public record Accept(Actor by, String note, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  /** To the next level, by hand. */
  public record Escalate(Actor by, String note, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  /** To the level the network names ({@code dispatched}/{@code escalated}), with its deadline or the level's. */
  public record Dispatch(Level level, Instant deadline, String note, Actor by, String key, ActorRef<StatusReply<State>> replyTo)
      implements Action {}

  public record Resolve(Actor by, String note, List<String> photos, String key, ActorRef<StatusReply<State>> replyTo)
      implements Action {}

  public record Rate(Actor by, int rating, String note, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Close(Actor by, String note, Integer rating, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record GetCase(ActorRef<State> replyTo) implements Command {}

  /** Recovers the case (so an overdue one escalates); sent by {@link CaseDeadlineWatch}. */
  public record Wake() implements Command {}

  /** The timer of the level's deadline. */
  public record DeadlinePassed(Level level, Instant deadline) implements Command {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record CaseReported(CaseFacts facts, CaseDeadlines deadlines, Instant deadline, String key, Instant at) implements Event {}

  public record CaseAccepted(Actor by, String note, String key, Instant at) implements Event {}

  /** {@code by} is null and {@code auto} true when the deadline passed. */
  public record CaseEscalated(Level level, Instant deadline, Actor by, String note, boolean auto, String key, Instant at)
      implements Event {}

  public record CaseResolved(Actor by, String note, List<String> photos, String key, Instant at) implements Event {
    public CaseResolved {
      photos = photos == null ? List.of() : List.copyOf(photos);
    }
  }

  public record CaseRated(Actor by, int rating, String note, String key, Instant at) implements Event {}

  public record CaseClosed(Actor by, String note, Integer rating, String key, Instant at) implements Event {}

  // State: one type per stage

  /** What every stage keeps: the facts, the deadlines, the timeline and the network keys applied. */
  public record CaseRecord(CaseFacts facts, CaseDeadlines deadlines, Instant reportedAt, Level level, List<WorkStep> timeline,
      Set<String> keys, Actor acceptedBy, Instant acceptedAt) implements CborSerializable {
    public CaseRecord {
      timeline = List.copyOf(timeline);
      keys = Set.copyOf(keys);
    }

    CaseRecord noted(WorkStep step, String key) {
      var steps = new ArrayList<>(timeline);
      steps.add(step);
      var seen = key == null ? keys : with(keys, key);
      return new CaseRecord(facts, deadlines, reportedAt, level, steps, seen, acceptedBy, acceptedAt);
    }

    CaseRecord at(Level to) {
      return new CaseRecord(facts, deadlines, reportedAt, to, timeline, keys, null, null);
    }

    CaseRecord accepted(Actor by, Instant at) {
      return new CaseRecord(facts, deadlines, reportedAt, level, timeline, keys, by, at);
    }

    private static Set<String> with(Set<String> keys, String key) {
      var all = new HashSet<>(keys);
      all.add(key);
      return all;
    }
  }

  public record Resolution(String note, List<String> photos, Actor by, Instant at) implements CborSerializable {
    public Resolution {
      photos = photos == null ? List.of() : List.copyOf(photos);
    }
  }

  public sealed interface State extends CborSerializable {
    String id();

    /** The stage as the API names it. */
    String state();

    default boolean open() {
      return this instanceof Waiting || this instanceof InHand;
    }
  }

  public record NotReported(String id) implements State {
    @Override
    public String state() {
      return "none";
    }
  }

  /** Reported at its level (or moved to it), waiting for someone there to accept it. */
  public record Waiting(CaseRecord record, Instant deadline) implements State {
    @Override
    public String id() {
      return record.facts().caseId();
    }

    @Override
    public String state() {
      return "reported";
    }
  }

  /** Accepted at its level; being handled. */
  public record InHand(CaseRecord record, Instant deadline) implements State {
    @Override
    public String id() {
      return record.facts().caseId();
    }

    @Override
    public String state() {
      return "accepted";
    }
  }

  public record Resolved(CaseRecord record, Resolution resolution) implements State {
    @Override
    public String id() {
      return record.facts().caseId();
    }

    @Override
    public String state() {
      return "resolved";
    }
  }

  public record Closed(CaseRecord record, Resolution resolution, Integer rating, Instant closedAt) implements State {
    @Override
    public String id() {
      return record.facts().caseId();
    }

    @Override
    public String state() {
      return "closed";
    }
  }

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Case");

  public static void init(ActorSystem<?> system, WorkNotifier notifier) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), Clock.systemUTC(), notifier)));
  }

  public static Behavior<Command> create(String caseId, Clock clock) {
    return create(caseId, clock, WorkNotifier.NONE);
  }

  public static Behavior<Command> create(String caseId, Clock clock, WorkNotifier notifier) {
    return Entities.restartingOnRefusedWrites(Behaviors.withTimers(timers -> new CaseEntity(caseId, timers, clock, notifier)));
  }

  private final String caseId;
  private final TimerScheduler<Command> timers;
  private final Clock clock;
  private final WorkNotifier notifier;

  private CaseEntity(String caseId, TimerScheduler<Command> timers, Clock clock, WorkNotifier notifier) {
    super(PersistenceId.of(ENTITY_KEY.name(), caseId), Entities.ON_JOURNAL_FAILURE);
    this.caseId = caseId;
    this.timers = timers;
    this.clock = clock;
    this.notifier = notifier;
  }

  @Override
  public State emptyState() {
    return new NotReported(caseId);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder.forState(s -> !(s instanceof NotReported))
        .onCommand(Report.class, (s, c) -> refuse(s, c, "the case " + s.id() + " is already reported"));
    builder.forStateType(NotReported.class)
        .onCommand(Report.class, this::report)
        .onCommand(Action.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.error(NO_SUCH_CASE)));
    builder.forStateType(Waiting.class)
        .onCommand(Accept.class, (s, c) -> applied(s, c, () -> new CaseAccepted(c.by(), c.note(), c.key(), now())))
        .onCommand(Escalate.class, (s, c) -> escalate(s, s.record(), c))
        .onCommand(Dispatch.class, (s, c) -> dispatch(s, s.record(), c))
        .onCommand(Resolve.class, (s, c) -> c.key() != null
            ? applied(s, c, () -> new CaseResolved(c.by(), c.note(), c.photos(), c.key(), now()))
            : refuse(s, c, "the case is not accepted yet: accept it first"))
        .onCommand(Close.class, (s, c) -> applied(s, c, () -> new CaseClosed(c.by(), c.note(), c.rating(), c.key(), now())))
        .onCommand(DeadlinePassed.class, (s, c) -> overdue(s.record(), s.deadline(), c));
    builder.forStateType(InHand.class)
        .onCommand(Accept.class, (s, c) -> refuse(s, c, "already accepted by " + s.record().acceptedBy().name()))
        .onCommand(Escalate.class, (s, c) -> escalate(s, s.record(), c))
        .onCommand(Dispatch.class, (s, c) -> dispatch(s, s.record(), c))
        .onCommand(Resolve.class, (s, c) -> applied(s, c, () -> new CaseResolved(c.by(), c.note(), c.photos(), c.key(), now())))
        .onCommand(Close.class, (s, c) -> applied(s, c, () -> new CaseClosed(c.by(), c.note(), c.rating(), c.key(), now())))
        .onCommand(DeadlinePassed.class, (s, c) -> overdue(s.record(), s.deadline(), c));
    builder.forStateType(Resolved.class)
        .onCommand(Rate.class, (s, c) -> applied(s, c, () -> new CaseRated(c.by(), c.rating(), c.note(), c.key(), now())))
        .onCommand(Close.class, (s, c) -> applied(s, c, () -> new CaseClosed(c.by(), c.note(), c.rating(), c.key(), now())))
        .onCommand(Action.class, (s, c) -> refuse(s, c, "the case is resolved"));
    builder.forStateType(Closed.class)
        .onCommand(Action.class, (s, c) -> refuse(s, c, "the case is closed"));
    builder.forAnyState()
        .onCommand(Rate.class, (s, c) -> refuse(s, c, "the case is not resolved yet"))
        .onCommand(GetCase.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .onCommand(Wake.class, (s, c) -> Effect().noReply())
        .onCommand(DeadlinePassed.class, (s, c) -> Effect().noReply());
    return builder.build();
  }

  private Instant now() {
    return clock.instant();
  }

  private ReplyEffect<Event, State> report(NotReported s, Report c) {
    Instant at = now();
    return persist(new CaseReported(c.facts(), c.deadlines(), at.plus(c.deadlines().of(Level.community)), c.key(), at))
        .thenReply(c.replyTo(), StatusReply::success);
  }

  /** Persists the change unless the network's event was applied already; the reply is the case after it. */
  private ReplyEffect<Event, State> applied(State s, Action c, java.util.function.Supplier<Event> change) {
    if (seen(s, c.key())) return Effect().reply(c.replyTo(), StatusReply.success(s));
    return persist(change.get()).thenReply(c.replyTo(), StatusReply::success);
  }

  /** Persists a change, then sets the deadline's timer and tells those who hear of it. */
  private org.apache.pekko.persistence.typed.javadsl.EffectBuilder<Event, State> persist(Event event) {
    return Effect().persist(event).thenRun(after -> {
      arm(after);
      notifier.caseChanged(after, event);
    });
  }

  private ReplyEffect<Event, State> refuse(State s, Action c, String why) {
    if (seen(s, c.key())) return Effect().reply(c.replyTo(), StatusReply.success(s));
    return Effect().reply(c.replyTo(), StatusReply.error(why));
  }

  private static boolean seen(State s, String key) {
    return key != null && record(s) != null && record(s).keys().contains(key);
  }

  private ReplyEffect<Event, State> escalate(State s, CaseRecord r, Escalate c) {
    var to = r.level().next();
    if (to.isEmpty()) return refuse(s, c, "the case is already at the district, the top level");
    return applied(s, c, () -> escalation(r, to.get(), null, c.by(), c.note(), false, c.key()));
  }

  private ReplyEffect<Event, State> dispatch(State s, CaseRecord r, Dispatch c) {
    return applied(s, c, () -> escalation(r, c.level(), c.deadline(), c.by(), c.note(), false, c.key()));
  }

  private CaseEscalated escalation(CaseRecord r, Level to, Instant deadline, Actor by, String note, boolean auto, String key) {
    Instant at = now();
    return new CaseEscalated(to, deadline != null ? deadline : at.plus(r.deadlines().of(to)), by, note, auto, key, at);
  }

  /** The level's deadline passed: the case climbs by itself; at the district it stays, flagged overdue. */
  private ReplyEffect<Event, State> overdue(CaseRecord r, Instant deadline, DeadlinePassed c) {
    if (c.level() != r.level() || !c.deadline().equals(deadline) || now().isBefore(deadline)) {
      arm(stateOf(r, deadline));
      return Effect().noReply();
    }
    var to = r.level().next();
    if (to.isEmpty()) return Effect().noReply();
    return persist(escalation(r, to.get(), null, null, "逾期未办结，自动升级", true, null)).thenNoReply();
  }

  private static State stateOf(CaseRecord r, Instant deadline) {
    return r.acceptedBy() == null ? new Waiting(r, deadline) : new InHand(r, deadline);
  }

  /** Sets the timer of an open case's deadline (a passed one fires at once), or cancels it. */
  private void arm(State s) {
    Instant deadline = s instanceof Waiting w ? w.deadline() : s instanceof InHand h ? h.deadline() : null;
    if (deadline == null || record(s).level().next().isEmpty()) {
      timers.cancel("deadline");
      return;
    }
    // The scheduler holds at most about 248 days; a network may name a deadline further away. A timer that
    // fires before the deadline only sets itself again (overdue()).
    var wait = Duration.between(now(), deadline);
    if (wait.isNegative()) wait = Duration.ZERO;
    if (wait.compareTo(CaseDeadlines.LONGEST) > 0) wait = CaseDeadlines.LONGEST;
    timers.startSingleTimer("deadline", new DeadlinePassed(record(s).level(), deadline), wait);
  }

  /** What every stage but the first keeps; null before the case is reported. */
  public static CaseRecord record(State s) {
    if (s instanceof Waiting w) return w.record();
    if (s instanceof InHand h) return h.record();
    if (s instanceof Resolved r) return r.record();
    if (s instanceof Closed c) return c.record();
    return null;
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return Entities.countingJournalFailures(newSignalHandlerBuilder(), ENTITY_KEY.name(), caseId)
        .onSignal(RecoveryCompleted.instance(), this::arm)
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(CaseEntity::applied);
  }

  /** The case after one more event (pure): the entity's event handler, and the projection's ({@link WorkBook}). */
  public static State applied(State s, Event event) {
    if (event instanceof CaseReported e) {
      var step = new WorkStep(e.at(), "reported", e.facts().reportedBy(), null, Level.community.name(), e.deadline(), null, false);
      var keys = e.key() == null ? Set.<String>of() : Set.of(e.key());
      return new Waiting(new CaseRecord(e.facts(), e.deadlines(), e.at(), Level.community, List.of(step), keys, null, null),
          e.deadline());
    }
    var r = record(s);
    if (r == null) return s;
    if (event instanceof CaseAccepted e)
      return new InHand(r.noted(WorkStep.of(e.at(), "accepted", e.by(), e.note()), e.key()).accepted(e.by(), e.at()),
          s instanceof Waiting w ? w.deadline() : ((InHand) s).deadline());
    if (event instanceof CaseEscalated e)
      return new Waiting(r.noted(new WorkStep(e.at(), "escalated", e.by(), e.note(), e.level().name(), e.deadline(), null, e.auto()),
          e.key()).at(e.level()), e.deadline());
    if (event instanceof CaseResolved e)
      return new Resolved(r.noted(WorkStep.of(e.at(), "resolved", e.by(), e.note()), e.key()),
          new Resolution(e.note(), e.photos(), e.by(), e.at()));
    if (event instanceof CaseRated e)
      return new Closed(r.noted(new WorkStep(e.at(), "rated", e.by(), e.note(), null, null, e.rating(), false), e.key()),
          s instanceof Resolved res ? res.resolution() : null, e.rating(), e.at());
    if (event instanceof CaseClosed e)
      return new Closed(r.noted(new WorkStep(e.at(), "closed", e.by(), e.note(), null, null, e.rating(), false), e.key()),
          s instanceof Resolved res ? res.resolution() : null, e.rating(), e.at());
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
