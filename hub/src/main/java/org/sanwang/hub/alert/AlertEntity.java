package org.sanwang.hub.alert;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
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
import org.sanwang.hub.community.CommunityEntity;
import org.sanwang.hub.community.EscalationPolicy;
import org.sanwang.hub.inbox.InboxItem;
import org.sanwang.hub.live.LiveFeeds;
import org.sanwang.hub.notify.Dispatcher;
import org.sanwang.hub.notify.Notification;
import org.sanwang.hub.org.OrgDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One one-key call (一键呼叫) of one resident, from the first press to a closed case:
 * {@link State.Raised} → {@link State.Acknowledged} → {@link State.Arrived} → {@link State.Closed}
 * (resolved, or cancelled by a responder). The resident's {@link CallerEntity} routes every press
 * here; this entity answers: it raises on the first, folds the others in, and tells a press that
 * comes after the close so. The resident's facts and the community's policy are read once, when
 * the alert is raised, and frozen in it. While raised, the policy runs step after step and repeats
 * until someone acknowledges; an acknowledged alert with nobody at the door within
 * {@code arriveWithin} escalates again. Every notification, outcome, press and action is on the
 * timeline. A raised alert is on the {@link AlertBoard} before its first press is answered, so it
 * is woken (and its timers re-armed) after a crash.
 */
public final class AlertEntity
    extends EventSourcedBehaviorWithEnforcedReplies<AlertEntity.Command, AlertEntity.Event, AlertEntity.State> {
  private static final Logger log = LoggerFactory.getLogger(AlertEntity.class);

  public static final String RAISED = "raised";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String ARRIVED = "arrived";
  public static final String RESOLVED = "resolved";
  public static final String CANCELLED = "cancelled";
  static final Set<String> FINAL_OUTCOMES = Set.of("delivered", "gave_up", "unavailable");
  /** Tag of the events the figures are projected from ({@link AlertHistory}). */
  public static final String TAG = "alert";
  /** From the press (the alert's {@code raisedAt}) to the first responder's inbox holding the alert. */
  static final Timer TIME_TO_NOTIFY = Timer.builder("sanwang.alert.time.to.notify")
      .description("From a press received to the first responder notified in their inbox")
      .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(10)).register(Metrics.globalRegistry);

  // Commands

  public sealed interface Command extends CborSerializable {}

  /** A press of {@code deviceId} (a call device, or {@code phone-<residentId>} for the call page). */
  public record Press(String residentId, String deviceId, Long seq, Instant at, ActorRef<StatusReply<PressResult>> replyTo)
      implements Command {}

  /** What a responder does; each replies with the alert as it is after the action, or an error saying why not. */
  public sealed interface Action extends Command {
    Actor by();

    String note();

    ActorRef<StatusReply<State>> replyTo();
  }

  public record Acknowledge(Actor by, String note, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Arrive(Actor by, String note, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Resolve(Actor by, String note, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Cancel(Actor by, String note, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record GetAlert(ActorRef<State> replyTo) implements Command {}

  /** Sent at start to the open alerts on the board: recovering re-arms their timers. */
  public record Wake() implements Command {}

  public record EscalationDue(int cycle, int step) implements Command {}

  public record ArrivalDue(Instant acknowledgedAt) implements Command {}

  public record Delivery(Dispatcher.DeliveryReport report) implements Command {}

  /** The community's policy, read for the first press. */
  private record PolicyRead(Press press, org.sanwang.hub.org.OrgTree.Resident resident, EscalationPolicy policy) implements Command {}

  /** The board has (or has not) recorded this raised alert; the first press is answered now. */
  private record Boarded(ActorRef<StatusReply<PressResult>> replyTo, AlertStatus raised, Throwable failure) implements Command {}

  /** Puts the alert on the board again after the board did not answer. */
  private record BoardAgain() implements Command {}

  // Replies

  public record AlertStatus(String alertId, String state, int pressCount) implements CborSerializable {}

  /** What a press came to: {@link Counted}, or {@link AlreadyClosed} so the caller opens the next alert. */
  public sealed interface PressResult extends CborSerializable {}

  public record Counted(AlertStatus status) implements PressResult {}

  public record AlreadyClosed(String alertId, String state) implements PressResult {}

  /** What a device (or the resident's page) is told: {@code state} is received, acknowledged, arrived, resolved or cancelled. */
  public record DeviceAck(String deviceId, String alertId, String state, String by, String byRole) implements CborSerializable {}

  // Events (names frozen: they are the journal's manifests)

  public sealed interface Event extends CborSerializable {}

  /** {@code seq}: the first press's number, when the device sends one. */
  public record AlertRaised(AlertFacts facts, EscalationPolicy policy, Instant at, Long seq) implements Event {}

  /** {@code deviceId} and {@code seq} are absent in events written before presses were told apart by device. */
  public record PressFolded(Instant at, String deviceId, Long seq) implements Event {}

  public record StepNotified(int cycle, int step, Instant at, List<Responders.Target> targets, List<String> emptyRoles)
      implements Event {}

  public record DeliveryRecorded(String notificationId, String outcome, int attempt, String detail, Instant at)
      implements Event {}

  public record Acknowledged(Actor by, String note, Instant at) implements Event {}

  public record ArrivalOverdue(Instant at) implements Event {}

  public record Arrived(Actor by, String note, Instant at) implements Event {}

  /**
   * {@code state}: resolved or cancelled. It also says how many presses, and which step and cycle
   * the alert had reached, so a projection of the tagged events has the alert's final figures
   * (null in events written before they said so).
   */
  public record Closed(String state, Actor by, String note, Instant at, Integer pressCount, Integer step, Integer cycle)
      implements Event {
    public Closed(String state, Actor by, String note, Instant at) {
      this(state, by, note, at, null, null, null);
    }

    static Closed of(String state, Action action, AlertCase record, Instant at) {
      return new Closed(state, action.by(), action.note(), at, record.pressCount(), record.lastStep(), record.lastCycle());
    }
  }

  // State: one type per stage

  /** Who did something, and when. */
  public record Response(Actor by, Instant at) implements CborSerializable {}

  public sealed interface State extends CborSerializable {
    String id();

    /** Everything on record; null before the first press. */
    AlertCase record();

    /** raised, acknowledged, arrived, resolved or cancelled; null before the first press. */
    String state();

    /** The next escalation step to run; null while nobody is being paged. */
    default EscalationPlan.Cursor next() {
      return null;
    }

    default Response acknowledgement() {
      return null;
    }

    default Response arrival() {
      return null;
    }

    default Response closing() {
      return null;
    }

    default boolean open() {
      return false;
    }

    State withRecord(AlertCase record);

    default AlertSummary summary() {
      return AlertSummary.of(this);
    }

    /** No press yet: an id nobody has called on. */
    record NotRaised(String id) implements State {
      public AlertCase record() {
        return null;
      }

      public String state() {
        return null;
      }

      public State withRecord(AlertCase record) {
        return this;
      }
    }

    /** Paging step after step until someone acknowledges. */
    record Raised(AlertCase record, EscalationPlan.Cursor next) implements State {
      public String id() {
        return record.id();
      }

      public String state() {
        return RAISED;
      }

      public boolean open() {
        return true;
      }

      public State withRecord(AlertCase c) {
        return new Raised(c, next);
      }
    }

    /** Someone is on the way; {@code next} is set when nobody arrived in time and paging started again. */
    record Acknowledged(AlertCase record, Response acknowledgement, EscalationPlan.Cursor next) implements State {
      public String id() {
        return record.id();
      }

      public String state() {
        return ACKNOWLEDGED;
      }

      public boolean open() {
        return true;
      }

      public State withRecord(AlertCase c) {
        return new Acknowledged(c, acknowledgement, next);
      }
    }

    /** Someone is at the door. */
    record Arrived(AlertCase record, Response acknowledgement, Response arrival) implements State {
      public String id() {
        return record.id();
      }

      public String state() {
        return ARRIVED;
      }

      public boolean open() {
        return true;
      }

      public State withRecord(AlertCase c) {
        return new Arrived(c, acknowledgement, arrival);
      }
    }

    /** Resolved or cancelled; a later press opens the resident's next alert. */
    record Closed(AlertCase record, String outcome, Response acknowledgement, Response arrival, Response closing)
        implements State {
      public String id() {
        return record.id();
      }

      public String state() {
        return outcome;
      }

      public State withRecord(AlertCase c) {
        return new Closed(c, outcome, acknowledgement, arrival, closing);
      }
    }
  }

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Alert");

  /**
   * Everything an alert talks to besides its own journal: the org tree (the caller's facts and the
   * responders), each community's policy, the live feeds (devices, the console), the dispatcher, the
   * board of open alerts (confirmed when tracking, so a raised alert is on it before it answers) and
   * the resident's caller (told when the alert closes).
   */
  public record Collaborators(OrgDirectory directory, Function<String, CompletionStage<EscalationPolicy>> policyOf,
      LiveFeeds feeds, ActorRef<Dispatcher.Command> dispatcher, Clock clock, Function<AlertSummary, CompletionStage<Done>> track,
      Consumer<String> untrack, BiConsumer<String, String> closed, String journal) {

    /** The production wiring: communities, the board and callers are sharded entities. */
    public static Collaborators sharded(ActorSystem<?> system, OrgDirectory directory, ActorRef<Dispatcher.Command> dispatcher,
        Duration askTimeout, String journal) {
      var sharding = ClusterSharding.get(system);
      return new Collaborators(directory,
          community -> sharding.entityRefFor(CommunityEntity.ENTITY_KEY, community)
              .<CommunityEntity.State>ask(CommunityEntity.GetCommunity::new, askTimeout).thenApply(CommunityEntity.State::policy),
          LiveFeeds.get(system), dispatcher, Clock.systemUTC(),
          summary -> AlertBoard.track(system, summary, askTimeout),
          alertId -> AlertBoard.untrack(system, alertId),
          (residentId, alertId) -> CallerEntity.alertClosed(system, residentId, alertId), journal);
    }
  }

  public static void init(ActorSystem<?> system, Collaborators with) {
    ClusterSharding.get(system).init(Entities.onCallPath(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), with))));
  }

  public static Behavior<Command> create(String alertId, Collaborators with) {
    return Entities.restartingOnRefusedWrites(
        Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new AlertEntity(alertId, ctx, timers, with))));
  }

  private final String alertId;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Collaborators with;
  private final ActorRef<Dispatcher.DeliveryReport> reports;
  /** The first press is waiting for the community's policy; later commands wait for the raise. */
  private boolean raising;

  private AlertEntity(String alertId, ActorContext<Command> ctx, TimerScheduler<Command> timers, Collaborators with) {
    super(PersistenceId.of(ENTITY_KEY.name(), alertId), Entities.ON_JOURNAL_FAILURE);
    this.alertId = alertId;
    this.ctx = ctx;
    this.timers = timers;
    this.with = with;
    this.reports = ctx.messageAdapter(Dispatcher.DeliveryReport.class, Delivery::new);
  }

  /** The call path writes through its own journal instance, so it never queues behind chat. */
  @Override
  public String journalPluginId() {
    return with.journal();
  }

  @Override
  public State emptyState() {
    return new State.NotRaised(alertId);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder.forStateType(State.NotRaised.class)
        .onCommand(Press.class, this::readPolicy)
        .onCommand(PolicyRead.class, this::raise)
        .onCommand(Action.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.error("no such alert")));
    builder.forStateType(State.Raised.class)
        .onCommand(Press.class, this::fold)
        .onCommand(Acknowledge.class, (s, c) -> act(new Acknowledged(c.by(), c.note(), now()), c))
        .onCommand(Arrive.class, (s, c) -> act(new Arrived(c.by(), c.note(), now()), c))
        .onCommand(Resolve.class, (s, c) -> act(Closed.of(RESOLVED, c, s.record(), now()), c))
        .onCommand(Cancel.class, (s, c) -> act(Closed.of(CANCELLED, c, s.record(), now()), c))
        .onCommand(EscalationDue.class, this::escalate);
    builder.forStateType(State.Acknowledged.class)
        .onCommand(Press.class, this::fold)
        .onCommand(Acknowledge.class, (s, c) -> s.next() == null
            ? Effect().reply(c.replyTo(), StatusReply.error("already acknowledged by " + s.acknowledgement().by().name()))
            : act(new Acknowledged(c.by(), c.note(), now()), c))
        .onCommand(Arrive.class, (s, c) -> act(new Arrived(c.by(), c.note(), now()), c))
        .onCommand(Resolve.class, (s, c) -> act(Closed.of(RESOLVED, c, s.record(), now()), c))
        .onCommand(Cancel.class, (s, c) -> act(Closed.of(CANCELLED, c, s.record(), now()), c))
        .onCommand(EscalationDue.class, this::escalate)
        .onCommand(ArrivalDue.class, this::arrivalOverdue);
    builder.forStateType(State.Arrived.class)
        .onCommand(Press.class, this::fold)
        .onCommand(Acknowledge.class, (s, c) -> Effect().reply(c.replyTo(),
            StatusReply.error("already arrived: " + s.arrival().by().name())))
        .onCommand(Arrive.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.error("already arrived: " + s.arrival().by().name())))
        .onCommand(Resolve.class, (s, c) -> act(Closed.of(RESOLVED, c, s.record(), now()), c))
        .onCommand(Cancel.class, (s, c) -> act(Closed.of(CANCELLED, c, s.record(), now()), c));
    builder.forStateType(State.Closed.class)
        .onCommand(Press.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.success(new AlreadyClosed(s.id(), s.state()))))
        .onCommand(Action.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.error("the alert is already " + s.state())));
    builder.forAnyState()
        .onCommand(GetAlert.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .onCommand(Delivery.class, this::recordDelivery)
        .onCommand(Boarded.class, this::answerFirstPress)
        .onCommand(BoardAgain.class, (s, c) -> {
          if (s.open()) putOnBoard(s, null);
          return Effect().noReply();
        })
        // A policy read that lost a race with another raise (cannot happen while raising stashes), stale timers, a wake.
        .onCommand(PolicyRead.class, (s, c) -> fold(s, c.press()))
        .onCommand(EscalationDue.class, (s, c) -> Effect().noReply())
        .onCommand(ArrivalDue.class, (s, c) -> Effect().noReply())
        .onCommand(Wake.class, (s, c) -> Effect().noReply());
    return builder.build();
  }

  private Instant now() {
    return Instant.now(with.clock());
  }

  /** The first press: read the community's policy, then raise. Anything else waits until then. */
  private ReplyEffect<Event, State> readPolicy(State.NotRaised s, Press press) {
    if (raising) return Effect().stash();
    var resident = Optional.ofNullable(with.directory().index().tree().residents().get(press.residentId()));
    if (resident.isEmpty())
      return Effect().reply(press.replyTo(), StatusReply.error("resident " + press.residentId() + " is not on the roster"));
    raising = true;
    String community = org.sanwang.hub.org.Codes.communityOf(resident.get().building());
    ctx.pipeToSelf(with.policyOf().apply(community), (policy, failure) -> {
      if (failure != null) log.warn("Policy of {} unreadable ({}); alert {} is raised with the default policy", community, failure.toString(), alertId);
      return new PolicyRead(press, resident.get(), policy != null ? policy : EscalationPolicy.DEFAULT);
    });
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> raise(State.NotRaised s, PolicyRead read) {
    raising = false;
    var press = read.press();
    var index = with.directory().index();
    var facts = AlertFacts.of(index, read.resident(), press.deviceId());
    var raised = new AlertRaised(facts, read.policy(), press.at(), press.seq());
    if (!read.policy().steps().get(0).after().isZero())
      return Effect().persist(raised)
          .thenRun(Entities.timingWrite(journalPluginId()))
          .thenRun(after -> {
            armEscalation(after, after.next().start());
            announce(after, null);
            putOnBoard(after, press.replyTo());
          })
          .thenNoReply()
          .thenUnstashAll();
    // A first step due at once is written with the raise: one write less between the press and the people.
    var found = Responders.forStep(index, facts, read.policy().steps().get(0).roles(), alertId + "-0-0");
    return Effect().persist(List.of(raised, new StepNotified(0, 0, press.at(), found.targets(), found.emptyRoles())))
        .thenRun(Entities.timingWrite(journalPluginId()))
        .thenRun(after -> {
          found.targets().forEach(t -> with.dispatcher().tell(new Dispatcher.Dispatch(notification(after, t), reports)));
          armEscalation(after, EscalationPlan.dueAt(read.policy(), EscalationPlan.Cursor.from(press.at())));
          announce(after, null);
          putOnBoard(after, press.replyTo());
        })
        .thenNoReply()
        .thenUnstashAll();
  }

  /** Tracks the alert on the board (confirmed); {@code replyTo}, when given, is answered once it is there. */
  private void putOnBoard(State s, ActorRef<StatusReply<PressResult>> replyTo) {
    var raised = status(s);
    ctx.pipeToSelf(with.track().apply(s.summary()), (done, failure) -> new Boarded(replyTo, raised, failure));
  }

  private ReplyEffect<Event, State> answerFirstPress(State s, Boarded b) {
    if (b.failure() != null) {
      log.warn("Alert {} is raised but the board did not record it ({}); trying again", alertId, b.failure().toString());
      timers.startSingleTimer("board", new BoardAgain(), Duration.ofSeconds(1));
    }
    if (b.replyTo() == null) return Effect().noReply();
    if (b.failure() != null)
      return Effect().reply(b.replyTo(), StatusReply.error("the call is raised but not yet on the board of open alerts; press again"));
    return Effect().reply(b.replyTo(), StatusReply.success(new Counted(b.raised())));
  }

  private ReplyEffect<Event, State> fold(State s, Press press) {
    if (s.record().alreadyCounted(press.deviceId(), press.seq()))
      return Effect().reply(press.replyTo(), StatusReply.success(new Counted(status(s))));
    return Effect().persist(new PressFolded(press.at(), press.deviceId(), press.seq()))
        .thenRun(Entities.timingWrite(journalPluginId()))
        .thenRun(after -> announce(after, null))
        .thenReply(press.replyTo(), after -> StatusReply.success(new Counted(status(after))));
  }

  private ReplyEffect<Event, State> act(Event event, Action action) {
    return Effect().persist(event)
        .thenRun(Entities.timingWrite(journalPluginId()))
        .thenRun(after -> {
          timers.cancel("escalation");
          timers.cancel("arrival");
          if (after instanceof State.Acknowledged acknowledged) armArrival(acknowledged);
          announce(after, action.by());
          if (!after.open()) {
            with.untrack().accept(after.id());
            with.closed().accept(after.record().facts().residentId(), after.id());
          }
        })
        .thenReply(action.replyTo(), StatusReply::success);
  }

  private ReplyEffect<Event, State> escalate(State s, EscalationDue due) {
    var c = s.next();
    if (c == null || c.cycle() != due.cycle() || c.step() != due.step()) return Effect().noReply();
    var policy = s.record().policy();
    var found = Responders.forStep(with.directory().index(), s.record().facts(), policy.steps().get(c.step()).roles(),
        s.id() + "-" + c.cycle() + "-" + c.step());
    return Effect().persist(new StepNotified(c.cycle(), c.step(), now(), found.targets(), found.emptyRoles()))
        .thenRun(Entities.timingWrite(journalPluginId()))
        .thenRun(after -> {
          found.targets().forEach(t -> with.dispatcher().tell(new Dispatcher.Dispatch(notification(after, t), reports)));
          armEscalation(after, EscalationPlan.dueAt(policy, c));
          with.feeds().publish(LiveFeeds.ALERTS, after.summary());
        })
        .thenNoReply();
  }

  private ReplyEffect<Event, State> arrivalOverdue(State.Acknowledged s, ArrivalDue due) {
    if (s.next() != null || !due.acknowledgedAt().equals(s.acknowledgement().at())) return Effect().noReply();
    return Effect().persist(new ArrivalOverdue(now()))
        .thenRun(Entities.timingWrite(journalPluginId()))
        .thenRun(after -> armEscalation(after, after.next().start()))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> recordDelivery(State s, Delivery d) {
    var r = d.report();
    if (s.record() == null || !s.record().targets().containsKey(r.notificationId())) return Effect().noReply();
    // The first responder told in their inbox: how long from the press (sanwang_alert_time_to_notify_seconds).
    var sincePress = s.record().firstInboxDelivery(r.notificationId(), r.outcome())
        ? Optional.of(Duration.between(s.record().raisedAt(), now()))
        : Optional.<Duration>empty();
    return Effect().persist(new DeliveryRecorded(r.notificationId(), r.outcome(), r.attempt(), r.detail(), now()))
        .thenRun(Entities.timingWrite(journalPluginId()))
        .thenRun(after -> sincePress.ifPresent(TIME_TO_NOTIFY::record))
        .thenNoReply();
  }

  /**
   * Arms the timer of the next step, {@code reference} being "now" on the escalation's own time
   * line: the due time of the step that just ran, the start of a new escalation, or the wall clock
   * after a restart. Chaining steps this way keeps them exactly {@code after} apart. A delay the
   * scheduler cannot take (a policy stored before policies were bounded) is clamped, never fatal.
   */
  private void armEscalation(State s, Instant reference) {
    if (s.next() == null || !s.open()) return;
    timers.startSingleTimer("escalation", new EscalationDue(s.next().cycle(), s.next().step()),
        EscalationPlan.delay(s.record().policy(), s.next(), reference));
  }

  private void armArrival(State.Acknowledged s) {
    var due = s.acknowledgement().at().plus(EscalationPlan.bounded(s.record().policy().arriveWithin()));
    timers.startSingleTimer("arrival", new ArrivalDue(s.acknowledgement().at()), EscalationPlan.bounded(Duration.between(now(), due)));
  }

  /** Tells every device that pressed, the resident's page and the console what changed. */
  private void announce(State s, Actor by) {
    String state = s.state().equals(RAISED) ? "received" : s.state();
    String name = by == null ? null : by.name();
    String role = by == null ? null : by.role();
    for (String device : s.record().devices()) {
      var ack = new DeviceAck(device, s.id(), state, name, role);
      with.feeds().publish(LiveFeeds.device(device), ack);
      with.feeds().publish(LiveFeeds.DEVICE_ACKS, ack);
    }
    with.feeds().publish(LiveFeeds.resident(s.record().facts().residentId()),
        new DeviceAck(s.record().facts().deviceId(), s.id(), state, name, role));
    with.feeds().publish(LiveFeeds.ALERTS, s.summary());
  }

  private static Notification notification(State s, Responders.Target t) {
    var f = s.record().facts();
    String title = "一键呼叫：" + f.residentName() + " " + f.address();
    String body = f.residentName() + "（" + f.address() + "）按下了呼叫按钮，请立即联系或上门。";
    if (Responders.Target.SMS.equals(t.channel()))
      body = "【三网枢纽】您的家人" + f.residentName() + "（" + f.address() + "）刚刚按下了一键呼叫，社区正在处理。";
    return new Notification(t.notificationId(), t.channel(), t.personId(), t.phone(), "alert", title, body,
        new InboxItem.Ref("alert", s.id()));
  }

  private static AlertStatus status(State s) {
    return new AlertStatus(s.id(), s.state(), s.record().pressCount());
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return Entities.countingJournalFailures(newSignalHandlerBuilder(), ENTITY_KEY.name(), alertId)
        .onSignal(RecoveryCompleted.instance(), s -> {
          if (!s.open()) return;
          if (s.next() != null) armEscalation(s, now());
          else if (s instanceof State.Acknowledged acknowledged) armArrival(acknowledged);
          // A notification whose outcome never came back (the node stopped) is sent again.
          s.record().targets().values().stream()
              .filter(t -> !FINAL_OUTCOMES.contains(s.record().deliveries().getOrDefault(t.notificationId(), "pending")))
              .forEach(t -> with.dispatcher().tell(new Dispatcher.Dispatch(notification(s, t), reports)));
        })
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    var builder = newEventHandlerBuilder();
    builder.forStateType(State.NotRaised.class)
        .onEvent(AlertRaised.class, (s, e) -> new State.Raised(AlertCase.raised(s.id(), e), EscalationPlan.Cursor.from(e.at())));
    builder.forStateType(State.Raised.class)
        .onEvent(Acknowledged.class, (s, e) -> new State.Acknowledged(s.record().noted(acknowledged(e)), new Response(e.by(), e.at()), null))
        .onEvent(Arrived.class, (s, e) -> new State.Arrived(s.record().noted(arrived(e)), new Response(e.by(), e.at()),
            new Response(e.by(), e.at())))
        .onEvent(StepNotified.class, (s, e) -> new State.Raised(s.record().notified(e), EscalationPlan.after(s.record().policy(), s.next())));
    builder.forStateType(State.Acknowledged.class)
        .onEvent(Acknowledged.class, (s, e) -> new State.Acknowledged(s.record().noted(acknowledged(e)), new Response(e.by(), e.at()), null))
        .onEvent(ArrivalOverdue.class, (s, e) -> new State.Acknowledged(s.record().noted(TimelineEntry.of(e.at(), "arrival_overdue",
            "已响应但" + s.record().policy().arriveWithin().toMinutes() + "分钟内无人到达，重新升级")), s.acknowledgement(),
            EscalationPlan.Cursor.from(e.at())))
        .onEvent(Arrived.class, (s, e) -> new State.Arrived(s.record().noted(arrived(e)), s.acknowledgement(), new Response(e.by(), e.at())))
        .onEvent(StepNotified.class, (s, e) -> new State.Acknowledged(s.record().notified(e), s.acknowledgement(),
            EscalationPlan.after(s.record().policy(), s.next())));
    builder.forAnyState()
        .onEvent(PressFolded.class, (s, e) -> s.withRecord(s.record().pressed(e)))
        .onEvent(DeliveryRecorded.class, (s, e) -> s.withRecord(s.record().delivered(e)))
        .onEvent(Closed.class, (s, e) -> new State.Closed(
            s.record().noted(new TimelineEntry(e.at(), e.state(), e.note(), e.by().name(), null, null, null)), e.state(),
            s.acknowledgement(), s.arrival(), new Response(e.by(), e.at())));
    return builder.build();
  }

  private static TimelineEntry acknowledged(Acknowledged e) {
    return new TimelineEntry(e.at(), "acknowledged", e.note(), e.by().name(), null, null, null);
  }

  private static TimelineEntry arrived(Arrived e) {
    return new TimelineEntry(e.at(), "arrived", e.note(), e.by().name(), null, null, null);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return event instanceof AlertRaised || event instanceof Acknowledged || event instanceof Arrived || event instanceof Closed
        ? Set.of(TAG)
        : Set.of();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
