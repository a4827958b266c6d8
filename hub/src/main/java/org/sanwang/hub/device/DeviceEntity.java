package org.sanwang.hub.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.alert.AlertFacts;
import org.sanwang.hub.community.EscalationPolicy;
import org.sanwang.hub.inbox.InboxItem;
import org.sanwang.hub.notify.Dispatcher;
import org.sanwang.hub.notify.Notification;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.Role;

/**
 * A one-key call device. Routes each press to the device's open alert, opening a new one when
 * there is none (a press is persisted here before the alert sees it); recognises a redelivered
 * press by its {@code seq}; tracks heartbeats and battery, telling the grid member when the device
 * goes silent for {@code missedHeartbeats} intervals, comes back, or runs low.
 */
public final class DeviceEntity
    extends EventSourcedBehaviorWithEnforcedReplies<DeviceEntity.Command, DeviceEntity.Event, DeviceEntity.State> {

  // Commands

  public sealed interface Command extends CborSerializable {}

  public record Press(AlertFacts facts, EscalationPolicy policy, Instant at, Long seq,
      ActorRef<AlertEntity.AlertStatus> replyTo) implements Command {}

  public record Heartbeat(AlertFacts facts, Instant at, Integer battery, Long seq, ActorRef<DeviceStatus> replyTo)
      implements Command {}

  public record AlertEnded(String alertId) implements Command {}

  /** A press that reached an alert already closed: the device records the end and opens a new alert. */
  public record PressAfterClose(String closedAlertId, AlertEntity.Press press) implements Command {}

  public record GetDevice(ActorRef<DeviceStatus> replyTo) implements Command {}

  public record SilenceDue(Instant lastHeartbeat) implements Command {}

  public record DeviceStatus(String deviceId, Instant lastHeartbeat, Integer battery, boolean offline, String openAlertId)
      implements CborSerializable {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record PressRouted(Long seq, String alertId, boolean opened, Instant at) implements Event {}

  public record HeartbeatRecorded(AlertFacts facts, Instant at, Integer battery, Long seq) implements Event {}

  public record AlertEndedRecorded(String alertId) implements Event {}

  public record WentSilent(Instant at) implements Event {}

  // State

  public record State(String deviceId, String openAlertId, int alerts, List<Long> recentSeqs, String lastAlertId,
      AlertFacts facts, Instant lastHeartbeat, Integer battery, boolean offline, boolean batteryLow)
      implements CborSerializable {}

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Device");
  static final int REMEMBERED_SEQS = 64;
  public static final int LOW_BATTERY = 20;

  public record Collaborators(OrgDirectory directory, ActorRef<Dispatcher.Command> dispatcher, Duration heartbeatInterval,
      int missedHeartbeats, Clock clock, String journal) {}

  public static void init(ActorSystem<?> system, Collaborators with) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), with)));
  }

  public static Behavior<Command> create(String deviceId, Collaborators with) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new DeviceEntity(deviceId, ctx, timers, with)));
  }

  /** Called by a closed alert that received a press meant for a new one. */
  public static void pressAfterClose(ActorSystem<?> system, String closedAlertId, AlertEntity.Press press) {
    ClusterSharding.get(system).entityRefFor(ENTITY_KEY, press.facts().deviceId()).tell(new PressAfterClose(closedAlertId, press));
  }

  /** Called by an alert when it is resolved or cancelled, so the next press opens a new one. */
  public static void alertEnded(ActorSystem<?> system, String deviceId, String alertId) {
    ClusterSharding.get(system).entityRefFor(ENTITY_KEY, deviceId).tell(new AlertEnded(alertId));
  }

  private final String deviceId;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Collaborators with;

  private DeviceEntity(String deviceId, ActorContext<Command> ctx, TimerScheduler<Command> timers, Collaborators with) {
    super(PersistenceId.of(ENTITY_KEY.name(), deviceId), Entities.ON_JOURNAL_FAILURE);
    this.deviceId = deviceId;
    this.ctx = ctx;
    this.timers = timers;
    this.with = with;
  }

  @Override
  public String journalPluginId() {
    return with.journal();
  }

  @Override
  public State emptyState() {
    return new State(deviceId, null, 0, List.of(), null, null, null, null, false, false);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Press.class, this::onPress)
        .onCommand(Heartbeat.class, this::onHeartbeat)
        .onCommand(AlertEnded.class, (s, c) -> c.alertId().equals(s.openAlertId())
            ? Effect().persist(new AlertEndedRecorded(c.alertId())).thenNoReply()
            : Effect().noReply())
        .onCommand(PressAfterClose.class, this::onPressAfterClose)
        .onCommand(GetDevice.class, (s, c) -> Effect().reply(c.replyTo(), status(s)))
        .onCommand(SilenceDue.class, (s, c) -> !s.offline() && c.lastHeartbeat().equals(s.lastHeartbeat())
            ? Effect().persist(new WentSilent(Instant.now(with.clock())))
                .thenRun(after -> notifyGrid(after, "设备离线", "呼叫器 " + deviceId + "（" + after.facts().residentName() + "，"
                    + after.facts().address() + "）已超过" + with.missedHeartbeats() + "个心跳周期未上报，请上门查看。"))
                .thenNoReply()
            : Effect().noReply())
        .build();
  }

  private ReplyEffect<Event, State> onPress(State s, Press cmd) {
    var alerts = ClusterSharding.get(ctx.getSystem());
    if (cmd.seq() != null && s.recentSeqs().contains(cmd.seq()) && s.lastAlertId() != null) {
      alerts.entityRefFor(AlertEntity.ENTITY_KEY, s.lastAlertId())
          .tell(new AlertEntity.Press(cmd.facts(), cmd.policy(), cmd.at(), true, cmd.replyTo()));
      return Effect().noReply();
    }
    boolean opens = s.openAlertId() == null;
    String alertId = opens ? deviceId + "-" + (s.alerts() + 1) : s.openAlertId();
    return Effect().persist(new PressRouted(cmd.seq(), alertId, opens, cmd.at()))
        .thenRun(after -> alerts.entityRefFor(AlertEntity.ENTITY_KEY, alertId)
            .tell(new AlertEntity.Press(cmd.facts(), cmd.policy(), cmd.at(), false, cmd.replyTo())))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onPressAfterClose(State s, PressAfterClose cmd) {
    var alerts = ClusterSharding.get(ctx.getSystem());
    var press = cmd.press();
    if (s.openAlertId() != null && !s.openAlertId().equals(cmd.closedAlertId())) {
      alerts.entityRefFor(AlertEntity.ENTITY_KEY, s.openAlertId()).tell(press); // a newer alert is open already
      return Effect().noReply();
    }
    String alertId = deviceId + "-" + (s.alerts() + 1);
    var events = new ArrayList<Event>();
    if (s.openAlertId() != null) events.add(new AlertEndedRecorded(s.openAlertId()));
    events.add(new PressRouted(null, alertId, true, press.at()));
    return Effect().persist(events)
        .thenRun(after -> alerts.entityRefFor(AlertEntity.ENTITY_KEY, alertId).tell(press))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onHeartbeat(State s, Heartbeat cmd) {
    if (cmd.seq() != null && s.recentSeqs().contains(cmd.seq())) return Effect().reply(cmd.replyTo(), status(s));
    boolean wasOffline = s.offline();
    boolean wasLow = s.batteryLow();
    return Effect().persist(new HeartbeatRecorded(cmd.facts(), cmd.at(), cmd.battery(), cmd.seq()))
        .thenRun(after -> {
          armSilence(after);
          if (wasOffline)
            notifyGrid(after, "设备恢复在线", "呼叫器 " + deviceId + "（" + after.facts().residentName() + "）已恢复上报。");
          if (!wasLow && after.batteryLow())
            notifyGrid(after, "设备电量低", "呼叫器 " + deviceId + "（" + after.facts().residentName() + "，" + after.facts().address()
                + "）电量 " + after.battery() + "%，请尽快更换电池或充电。");
        })
        .thenReply(cmd.replyTo(), DeviceEntity::status);
  }

  private void armSilence(State s) {
    if (s.lastHeartbeat() == null) return;
    var due = s.lastHeartbeat().plus(with.heartbeatInterval().multipliedBy(with.missedHeartbeats()));
    var delay = Duration.between(Instant.now(with.clock()), due);
    timers.startSingleTimer("silence", new SilenceDue(s.lastHeartbeat()), delay.isNegative() ? Duration.ZERO : delay);
  }

  private void notifyGrid(State s, String title, String body) {
    if (s.facts() == null) return;
    var index = with.directory().index();
    int n = 0;
    for (var p : index.holders(Role.grid_member, s.facts().building())) {
      var notification = new Notification(deviceId + "-" + title + "-" + (n++) + "-" + System.nanoTime(), "inbox", p.id(),
          p.phone(), "device", title, body, new InboxItem.Ref("device", deviceId));
      with.dispatcher().tell(new Dispatcher.Dispatch(notification, ctx.getSystem().ignoreRef()));
    }
  }

  private static DeviceStatus status(State s) {
    return new DeviceStatus(s.deviceId(), s.lastHeartbeat(), s.battery(), s.offline(), s.openAlertId());
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), s -> {
      if (!s.offline()) armSilence(s);
    }).build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(PressRouted.class, (s, e) -> new State(s.deviceId(), e.alertId(), e.opened() ? s.alerts() + 1 : s.alerts(),
            remember(s.recentSeqs(), e.seq()), e.alertId(), s.facts(), s.lastHeartbeat(), s.battery(), s.offline(), s.batteryLow()))
        .onEvent(HeartbeatRecorded.class, (s, e) -> new State(s.deviceId(), s.openAlertId(), s.alerts(),
            remember(s.recentSeqs(), e.seq()), s.lastAlertId(), e.facts(), e.at(), e.battery() == null ? s.battery() : e.battery(),
            false, e.battery() == null ? s.batteryLow() : e.battery() < LOW_BATTERY))
        .onEvent(AlertEndedRecorded.class, (s, e) -> new State(s.deviceId(), null, s.alerts(), s.recentSeqs(), s.lastAlertId(),
            s.facts(), s.lastHeartbeat(), s.battery(), s.offline(), s.batteryLow()))
        .onEvent(WentSilent.class, (s, e) -> new State(s.deviceId(), s.openAlertId(), s.alerts(), s.recentSeqs(), s.lastAlertId(),
            s.facts(), s.lastHeartbeat(), s.battery(), true, s.batteryLow()))
        .build();
  }

  private static List<Long> remember(List<Long> seqs, Long seq) {
    if (seq == null) return seqs;
    var out = new ArrayList<>(seqs);
    out.add(seq);
    while (out.size() > REMEMBERED_SEQS) out.remove(0);
    return List.copyOf(out);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
