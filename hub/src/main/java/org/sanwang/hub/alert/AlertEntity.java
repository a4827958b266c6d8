package org.sanwang.hub.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
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
import org.sanwang.hub.community.EscalationPolicy;
import org.sanwang.hub.inbox.InboxItem;
import org.sanwang.hub.live.LiveFeeds;
import org.sanwang.hub.notify.Dispatcher;
import org.sanwang.hub.notify.Notification;
import org.sanwang.hub.org.OrgDirectory;

/**
 * One one-key call (一键呼叫), from the first press to a closed case. Lifecycle
 * {@code raised → acknowledged → arrived → resolved} ({@code cancelled} by a responder). While
 * raised, the escalation policy frozen at the first press runs step after step and repeats until
 * someone acknowledges; an acknowledged alert with nobody at the door within {@code arriveWithin}
 * escalates again. Every notification, delivery outcome, press and action is on the timeline.
 * Timers are re-armed from the state after a restart (the {@link AlertBoard} wakes open alerts).
 */
public final class AlertEntity
    extends EventSourcedBehaviorWithEnforcedReplies<AlertEntity.Command, AlertEntity.Event, AlertEntity.State> {

  public static final String RAISED = "raised";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String ARRIVED = "arrived";
  public static final String RESOLVED = "resolved";
  public static final String CANCELLED = "cancelled";
  static final Set<String> OPEN = Set.of(RAISED, ACKNOWLEDGED, ARRIVED);
  static final Set<String> FINAL_OUTCOMES = Set.of("delivered", "gave_up", "unavailable");

  // Commands

  public sealed interface Command extends CborSerializable {}

  /** A press of the device; {@code redelivery} answers the status without counting a press. */
  public record Press(AlertFacts facts, EscalationPolicy policy, Instant at, boolean redelivery,
      ActorRef<AlertStatus> replyTo) implements Command {}

  /** {@code action}: acknowledge, arrive, resolve or cancel. */
  public record Act(String action, Actor by, String note, ActorRef<ActResult> replyTo) implements Command {}

  public record GetAlert(ActorRef<State> replyTo) implements Command {}

  /** Sent at start to open alerts so their timers run again. */
  public record Wake() implements Command {}

  public record EscalationDue(int cycle, int step) implements Command {}

  public record ArrivalDue(Instant acknowledgedAt) implements Command {}

  public record Delivery(Dispatcher.DeliveryReport report) implements Command {}

  public record AlertStatus(String alertId, String state, int pressCount) implements CborSerializable {}

  /** {@code error} is null on success, else why the action does not apply (a conflict). */
  public record ActResult(State alert, String error) implements CborSerializable {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record AlertRaised(AlertFacts facts, EscalationPolicy policy, Instant at) implements Event {}

  public record PressFolded(Instant at) implements Event {}

  public record StepNotified(int cycle, int step, Instant at, List<Responders.Target> targets, List<String> emptyRoles)
      implements Event {}

  public record DeliveryRecorded(String notificationId, String outcome, int attempt, String detail, Instant at)
      implements Event {}

  public record Acknowledged(Actor by, String note, Instant at) implements Event {}

  public record ArrivalOverdue(Instant at) implements Event {}

  public record Arrived(Actor by, String note, Instant at) implements Event {}

  public record Closed(String state, Actor by, String note, Instant at) implements Event {}

  // State

  /** {@code state} is null before the first press; {@code cursor} is null while not escalating. */
  public record State(
      String id,
      String state,
      AlertFacts facts,
      EscalationPolicy policy,
      Instant raisedAt,
      int pressCount,
      EscalationPlan.Cursor cursor,
      int lastStep,
      int lastCycle,
      Actor acknowledgedBy,
      Instant acknowledgedAt,
      Actor arrivedBy,
      Instant arrivedAt,
      Instant closedAt,
      Map<String, Responders.Target> targets,
      Map<String, String> deliveries,
      List<TimelineEntry> timeline)
      implements CborSerializable {

    public boolean open() {
      return state != null && OPEN.contains(state);
    }

    public AlertSummary summary() {
      return new AlertSummary(id, state, facts.deviceId(), facts.residentId(), facts.residentName(), facts.building(),
          facts.community(), facts.address(), pressCount, raisedAt, lastStep, lastCycle, acknowledgedBy, acknowledgedAt, arrivedAt,
          closedAt);
    }

    State with(String newState, EscalationPlan.Cursor newCursor, TimelineEntry entry) {
      return new State(id, newState, facts, policy, raisedAt, pressCount, newCursor, lastStep, lastCycle, acknowledgedBy,
          acknowledgedAt, arrivedBy, arrivedAt, closedAt, targets, deliveries, append(timeline, entry));
    }
  }

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Alert");

  /**
   * Everything an alert talks to besides its own journal: the org tree (responders), the live
   * feeds (device acks, the console), the dispatcher, the board of open alerts and the device.
   */
  public record Collaborators(OrgDirectory directory, LiveFeeds feeds, ActorRef<Dispatcher.Command> dispatcher, Clock clock,
      Consumer<AlertSummary> track, Consumer<AlertSummary> untrack, BiConsumer<String, String> deviceAlertEnded,
      BiConsumer<String, Press> pressAfterClose, String journal) {

    /** The production wiring: the board and devices are sharded entities. */
    public static Collaborators sharded(ActorSystem<?> system, OrgDirectory directory, ActorRef<Dispatcher.Command> dispatcher,
        String journal) {
      return new Collaborators(directory, LiveFeeds.get(system), dispatcher, Clock.systemUTC(),
          summary -> AlertBoard.track(system, summary),
          closed -> AlertBoard.untrack(system, closed),
          (device, alert) -> org.sanwang.hub.device.DeviceEntity.alertEnded(system, device, alert),
          (closedAlert, press) -> org.sanwang.hub.device.DeviceEntity.pressAfterClose(system, closedAlert, press), journal);
    }
  }

  public static void init(ActorSystem<?> system, Collaborators with) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), with)));
  }

  public static Behavior<Command> create(String alertId, Collaborators with) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new AlertEntity(alertId, ctx, timers, with)));
  }

  private final String alertId;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Collaborators with;
  private final ActorRef<Dispatcher.DeliveryReport> reports;

  private AlertEntity(String alertId, ActorContext<Command> ctx, TimerScheduler<Command> timers, Collaborators with) {
    super(PersistenceId.of(ENTITY_KEY.name(), alertId), Entities.ON_JOURNAL_FAILURE);
    this.alertId = alertId;
    this.ctx = ctx;
    this.timers = timers;
    this.with = with;
    this.reports = ctx.messageAdapter(Dispatcher.DeliveryReport.class, Delivery::new);
  }

  /** The call path may write through its own journal instance, so it never queues behind chat. */
  @Override
  public String journalPluginId() {
    return with.journal();
  }

  @Override
  public State emptyState() {
    return new State(alertId, null, null, null, null, 0, null, 0, 0, null, null, null, null, null, Map.of(), Map.of(), List.of());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Press.class, this::onPress)
        .onCommand(Act.class, this::onAct)
        .onCommand(GetAlert.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .onCommand(Wake.class, (s, c) -> {
          if (s.open()) with.track().accept(s.summary());
          return Effect().noReply();
        })
        .onCommand(EscalationDue.class, this::onEscalationDue)
        .onCommand(ArrivalDue.class, this::onArrivalDue)
        .onCommand(Delivery.class, this::onDelivery)
        .build();
  }

  private Instant now() {
    return Instant.now(with.clock());
  }

  private ReplyEffect<Event, State> onPress(State s, Press cmd) {
    if (s.state() == null) {
      var raised = new AlertRaised(cmd.facts(), cmd.policy(), cmd.at());
      if (!cmd.policy().steps().get(0).after().isZero())
        return Effect().persist(raised)
            .thenRun(after -> {
              armEscalation(after, after.cursor().start());
              announce(after, null);
            })
            .thenReply(cmd.replyTo(), after -> status(after));
      // A first step due at once is written with the raise: one write less between the press and the people.
      var first = EscalationPlan.Cursor.from(cmd.at());
      var found = Responders.forStep(with.directory().index(), cmd.facts(), cmd.policy().steps().get(0).roles(),
          s.id() + "-0-0");
      return Effect().persist(List.of(raised, new StepNotified(0, 0, cmd.at(), found.targets(), found.emptyRoles())))
          .thenRun(after -> {
            found.targets().forEach(t -> with.dispatcher().tell(new Dispatcher.Dispatch(notification(after, t), reports)));
            armEscalation(after, EscalationPlan.dueAt(cmd.policy(), first));
            announce(after, null);
          })
          .thenReply(cmd.replyTo(), after -> status(after));
    }
    if (!s.open() && !cmd.redelivery()) {
      // The device had not yet heard this alert was closed: it opens a new one for this press.
      with.pressAfterClose().accept(s.id(), cmd);
      return Effect().noReply();
    }
    if (cmd.redelivery()) return Effect().reply(cmd.replyTo(), status(s));
    return Effect().persist(new PressFolded(cmd.at()))
        .thenRun(after -> {
          with.track().accept(after.summary());
          with.feeds().publish(LiveFeeds.ALERTS, after.summary());
        })
        .thenReply(cmd.replyTo(), after -> status(after));
  }

  private ReplyEffect<Event, State> onAct(State s, Act cmd) {
    if (s.state() == null) return Effect().reply(cmd.replyTo(), new ActResult(s, "no such alert"));
    if (!s.open()) return Effect().reply(cmd.replyTo(), new ActResult(s, "the alert is already " + s.state()));
    var at = now();
    Event event;
    switch (cmd.action()) {
      case "acknowledge" -> {
        if (!s.state().equals(RAISED) && s.cursor() == null)
          return Effect().reply(cmd.replyTo(), new ActResult(s, "already " + s.state() + " by " + s.acknowledgedBy().name()));
        event = new Acknowledged(cmd.by(), cmd.note(), at);
      }
      case "arrive" -> {
        if (s.state().equals(ARRIVED))
          return Effect().reply(cmd.replyTo(), new ActResult(s, "already arrived: " + s.arrivedBy().name()));
        event = new Arrived(cmd.by(), cmd.note(), at);
      }
      case "resolve" -> event = new Closed(RESOLVED, cmd.by(), cmd.note(), at);
      case "cancel" -> event = new Closed(CANCELLED, cmd.by(), cmd.note(), at);
      default -> throw new IllegalArgumentException("unknown action " + cmd.action());
    }
    return Effect().persist(event)
        .thenRun(after -> {
          timers.cancel("escalation");
          timers.cancel("arrival");
          if (after.state().equals(ACKNOWLEDGED)) armArrival(after);
          announce(after, cmd.by());
          if (!after.open()) {
            with.untrack().accept(after.summary());
            with.deviceAlertEnded().accept(after.facts().deviceId(), after.id());
          }
        })
        .thenReply(cmd.replyTo(), after -> new ActResult(after, null));
  }

  private ReplyEffect<Event, State> onEscalationDue(State s, EscalationDue due) {
    var c = s.cursor();
    if (!s.open() || c == null || c.cycle() != due.cycle() || c.step() != due.step()) return Effect().noReply();
    var step = s.policy().steps().get(c.step());
    var found = Responders.forStep(with.directory().index(), s.facts(), step.roles(),
        s.id() + "-" + c.cycle() + "-" + c.step());
    return Effect().persist(new StepNotified(c.cycle(), c.step(), now(), found.targets(), found.emptyRoles()))
        .thenRun(after -> {
          found.targets().forEach(t -> with.dispatcher().tell(new Dispatcher.Dispatch(notification(after, t), reports)));
          armEscalation(after, EscalationPlan.dueAt(s.policy(), c));
          with.track().accept(after.summary());
          with.feeds().publish(LiveFeeds.ALERTS, after.summary());
        })
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onArrivalDue(State s, ArrivalDue due) {
    if (!ACKNOWLEDGED.equals(s.state()) || !due.acknowledgedAt().equals(s.acknowledgedAt())) return Effect().noReply();
    return Effect().persist(new ArrivalOverdue(now())).thenRun(after -> armEscalation(after, after.cursor().start())).thenNoReply();
  }

  private ReplyEffect<Event, State> onDelivery(State s, Delivery d) {
    var r = d.report();
    if (!s.targets().containsKey(r.notificationId())) return Effect().noReply();
    return Effect().persist(new DeliveryRecorded(r.notificationId(), r.outcome(), r.attempt(), r.detail(), now()))
        .thenNoReply();
  }

  /**
   * Arms the timer of the next step, {@code reference} being "now" on the escalation's own time
   * line: the due time of the step that just ran, the start of a new escalation, or the wall clock
   * after a restart. Chaining steps this way keeps them exactly {@code after} apart.
   */
  private void armEscalation(State s, Instant reference) {
    if (s.cursor() == null || !s.open()) return;
    timers.startSingleTimer("escalation", new EscalationDue(s.cursor().cycle(), s.cursor().step()),
        EscalationPlan.delay(s.policy(), s.cursor(), reference));
  }

  private void armArrival(State s) {
    var due = s.acknowledgedAt().plus(s.policy().arriveWithin());
    var delay = java.time.Duration.between(now(), due);
    // (acknowledgedAt is 'now' when this runs right after the acknowledgement)
    timers.startSingleTimer("arrival", new ArrivalDue(s.acknowledgedAt()), delay.isNegative() ? java.time.Duration.ZERO : delay);
  }

  /** Tells the device and the board (and through the feeds, the console) what changed. */
  private void announce(State s, Actor by) {
    var ack = new DeviceAck(s.facts().deviceId(), s.id(), s.state().equals(RAISED) ? "received" : s.state(),
        by == null ? null : by.name(), by == null ? null : by.role());
    with.feeds().publish(LiveFeeds.device(s.facts().deviceId()), ack);
    with.feeds().publish(LiveFeeds.DEVICE_ACKS, ack);
    with.feeds().publish(LiveFeeds.ALERTS, s.summary());
    if (s.open()) with.track().accept(s.summary());
  }

  /** What a device is told: {@code state} is received, acknowledged, arrived, resolved or cancelled. */
  public record DeviceAck(String deviceId, String alertId, String state, String by, String byRole) implements CborSerializable {}

  private static Notification notification(State s, Responders.Target t) {
    var f = s.facts();
    String title = "一键呼叫：" + f.residentName() + " " + f.address();
    String body = f.residentName() + "（" + f.address() + "）按下了呼叫按钮，请立即联系或上门。";
    if (Responders.Target.SMS.equals(t.channel()))
      body = "【三网枢纽】您的家人" + f.residentName() + "（" + f.address() + "）刚刚按下了一键呼叫，社区正在处理。";
    return new Notification(t.notificationId(), t.channel(), t.personId(), t.phone(), "alert", title, body,
        new InboxItem.Ref("alert", s.id()));
  }

  private static AlertStatus status(State s) {
    return new AlertStatus(s.id(), s.state(), s.pressCount());
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), s -> {
          if (!s.open()) return;
          if (s.cursor() != null) armEscalation(s, now());
          else if (ACKNOWLEDGED.equals(s.state())) armArrival(s);
          // A notification whose outcome never came back (the node stopped) is sent again.
          s.targets().values().stream()
              .filter(t -> !FINAL_OUTCOMES.contains(s.deliveries().getOrDefault(t.notificationId(), "pending")))
              .forEach(t -> with.dispatcher().tell(new Dispatcher.Dispatch(notification(s, t), reports)));
        })
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(AlertRaised.class, (s, e) -> new State(s.id(), RAISED, e.facts(), e.policy(), e.at(), 1,
            EscalationPlan.Cursor.from(e.at()), 0, 0, null, null, null, null, null, Map.of(), Map.of(),
            List.of(TimelineEntry.of(e.at(), "raised", e.facts().residentName() + "（" + e.facts().address() + "）按下了呼叫"))))
        .onEvent(PressFolded.class, (s, e) -> new State(s.id(), s.state(), s.facts(), s.policy(), s.raisedAt(),
            s.pressCount() + 1, s.cursor(), s.lastStep(), s.lastCycle(), s.acknowledgedBy(), s.acknowledgedAt(), s.arrivedBy(),
            s.arrivedAt(), s.closedAt(), s.targets(), s.deliveries(),
            append(s.timeline(), TimelineEntry.of(e.at(), "press", "再次按下（第" + (s.pressCount() + 1) + "次）"))))
        .onEvent(StepNotified.class, (s, e) -> {
          var timeline = new ArrayList<>(s.timeline());
          timeline.add(TimelineEntry.of(e.at(), "step", "升级第" + (e.step() + 1) + "步" + (e.cycle() > 0 ? "（第" + (e.cycle() + 1) + "轮）" : "")));
          e.emptyRoles().forEach(r -> timeline.add(new TimelineEntry(e.at(), "empty_role", "无人担任 " + r + "，继续升级", null, null, r, null)));
          var targets = new HashMap<>(s.targets());
          for (var t : e.targets()) {
            targets.put(t.notificationId(), t);
            timeline.add(new TimelineEntry(e.at(), "notified", t.role(), null, t.channel(), t.name(), null));
          }
          return new State(s.id(), s.state(), s.facts(), s.policy(), s.raisedAt(), s.pressCount(),
              EscalationPlan.after(s.policy(), s.cursor()), e.step() + 1, e.cycle() + 1, s.acknowledgedBy(), s.acknowledgedAt(),
              s.arrivedBy(), s.arrivedAt(), s.closedAt(), Map.copyOf(targets), s.deliveries(), List.copyOf(timeline));
        })
        .onEvent(DeliveryRecorded.class, (s, e) -> {
          var t = s.targets().get(e.notificationId());
          var deliveries = new HashMap<>(s.deliveries());
          deliveries.put(e.notificationId(), e.outcome());
          return new State(s.id(), s.state(), s.facts(), s.policy(), s.raisedAt(), s.pressCount(), s.cursor(), s.lastStep(),
              s.lastCycle(), s.acknowledgedBy(), s.acknowledgedAt(), s.arrivedBy(), s.arrivedAt(), s.closedAt(), s.targets(),
              Map.copyOf(deliveries), append(s.timeline(),
                  new TimelineEntry(e.at(), e.outcome(), e.detail(), null, t.channel(), t.name(), e.attempt())));
        })
        .onEvent(Acknowledged.class, (s, e) -> new State(s.id(), ACKNOWLEDGED, s.facts(), s.policy(), s.raisedAt(),
            s.pressCount(), null, s.lastStep(), s.lastCycle(), e.by(), e.at(), s.arrivedBy(), s.arrivedAt(), s.closedAt(),
            s.targets(), s.deliveries(), append(s.timeline(), new TimelineEntry(e.at(), "acknowledged", e.note(), e.by().name(), null, null, null))))
        .onEvent(ArrivalOverdue.class, (s, e) -> s.with(ACKNOWLEDGED, EscalationPlan.Cursor.from(e.at()),
            TimelineEntry.of(e.at(), "arrival_overdue", "已响应但" + s.policy().arriveWithin().toMinutes() + "分钟内无人到达，重新升级")))
        .onEvent(Arrived.class, (s, e) -> new State(s.id(), ARRIVED, s.facts(), s.policy(), s.raisedAt(), s.pressCount(), null,
            s.lastStep(), s.lastCycle(), s.acknowledgedBy() == null ? e.by() : s.acknowledgedBy(),
            s.acknowledgedAt() == null ? e.at() : s.acknowledgedAt(), e.by(), e.at(), s.closedAt(), s.targets(), s.deliveries(),
            append(s.timeline(), new TimelineEntry(e.at(), "arrived", e.note(), e.by().name(), null, null, null))))
        .onEvent(Closed.class, (s, e) -> new State(s.id(), e.state(), s.facts(), s.policy(), s.raisedAt(), s.pressCount(), null,
            s.lastStep(), s.lastCycle(), s.acknowledgedBy(), s.acknowledgedAt(), s.arrivedBy(), s.arrivedAt(), e.at(), s.targets(),
            s.deliveries(), append(s.timeline(), new TimelineEntry(e.at(), e.state(), e.note(), e.by().name(), null, null, null))))
        .build();
  }

  static List<TimelineEntry> append(List<TimelineEntry> timeline, TimelineEntry entry) {
    var out = new ArrayList<>(timeline);
    out.add(entry);
    return List.copyOf(out);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
