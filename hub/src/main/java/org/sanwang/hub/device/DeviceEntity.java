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
import org.sanwang.hub.inbox.InboxItem;
import org.sanwang.hub.notify.Dispatcher;
import org.sanwang.hub.notify.Notification;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.Role;

/**
 * A one-key call device as a thing that must keep working: its heartbeats and battery, telling the
 * grid member when it goes silent for {@code missedHeartbeats} intervals, comes back, or runs low.
 * A redelivered heartbeat is recognised by its {@code seq}. Presses do not pass through here: the
 * resident's {@link org.sanwang.hub.alert.CallerEntity} routes them, whichever device pressed. Its
 * events hold no personal data; the owner is looked up in the organisation when someone is told.
 */
public final class DeviceEntity
    extends EventSourcedBehaviorWithEnforcedReplies<DeviceEntity.Command, DeviceEntity.Event, DeviceEntity.State> {

  // Commands

  public sealed interface Command extends CborSerializable {}

  public record Heartbeat(Instant at, Integer battery, Long seq, ActorRef<DeviceStatus> replyTo) implements Command {}

  public record GetDevice(ActorRef<DeviceStatus> replyTo) implements Command {}

  public record SilenceDue(Instant lastHeartbeat) implements Command {}

  public record DeviceStatus(String deviceId, Instant lastHeartbeat, Integer battery, boolean offline) implements CborSerializable {}

  // Events (names frozen)

  public sealed interface Event extends CborSerializable {}

  /** Written before presses were routed by the resident's caller; recovered, and ignored. */
  public record PressRouted(Long seq, String alertId, boolean opened, Instant at) implements Event {}

  public record HeartbeatRecorded(Instant at, Integer battery, Long seq) implements Event {}

  /** Written before presses were routed by the resident's caller; recovered, and ignored. */
  public record AlertEndedRecorded(String alertId) implements Event {}

  public record WentSilent(Instant at) implements Event {}

  // State

  public record State(String deviceId, List<Long> recentSeqs, Instant lastHeartbeat, Integer battery, boolean offline,
      boolean batteryLow) implements CborSerializable {}

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Device");
  static final int REMEMBERED_SEQS = 64;
  public static final int LOW_BATTERY = 20;

  public record Collaborators(OrgDirectory directory, ActorRef<Dispatcher.Command> dispatcher, Duration heartbeatInterval,
      int missedHeartbeats, Clock clock, String journal) {}

  public static void init(ActorSystem<?> system, Collaborators with) {
    ClusterSharding.get(system).init(Entities.onCallPath(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), with))));
  }

  public static Behavior<Command> create(String deviceId, Collaborators with) {
    return Entities.restartingOnRefusedWrites(
        Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new DeviceEntity(deviceId, ctx, timers, with))));
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
    return new State(deviceId, List.of(), null, null, false, false);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Heartbeat.class, this::onHeartbeat)
        .onCommand(GetDevice.class, (s, c) -> Effect().reply(c.replyTo(), status(s)))
        .onCommand(SilenceDue.class, (s, c) -> !s.offline() && c.lastHeartbeat().equals(s.lastHeartbeat())
            ? Effect().persist(new WentSilent(Instant.now(with.clock())))
                .thenRun(after -> notifyGrid("设备离线", owner -> "呼叫器 " + deviceId + "（" + owner.name() + "，"
                    + with.directory().index().addressOf(owner) + "）已超过" + with.missedHeartbeats() + "个心跳周期未上报，请上门查看。"))
                .thenNoReply()
            : Effect().noReply())
        .build();
  }

  private ReplyEffect<Event, State> onHeartbeat(State s, Heartbeat cmd) {
    if (cmd.seq() != null && s.recentSeqs().contains(cmd.seq())) return Effect().reply(cmd.replyTo(), status(s));
    boolean wasOffline = s.offline();
    boolean wasLow = s.batteryLow();
    return Effect().persist(new HeartbeatRecorded(cmd.at(), cmd.battery(), cmd.seq()))
        .thenRun(after -> {
          armSilence(after);
          if (wasOffline) notifyGrid("设备恢复在线", owner -> "呼叫器 " + deviceId + "（" + owner.name() + "）已恢复上报。");
          if (!wasLow && after.batteryLow())
            notifyGrid("设备电量低", owner -> "呼叫器 " + deviceId + "（" + owner.name() + "，" + with.directory().index().addressOf(owner)
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

  /** Tells the grid members of the owner's building; nobody when the device has no owner on the roster any more. */
  private void notifyGrid(String title, java.util.function.Function<OrgTree.Resident, String> body) {
    var index = with.directory().index();
    var owner = index.deviceOwner(deviceId);
    if (owner.isEmpty()) return;
    int n = 0;
    for (var p : index.holders(Role.grid_member, owner.get().building())) {
      var notification = new Notification(deviceId + "-" + title + "-" + (n++) + "-" + System.nanoTime(), "inbox", p.id(),
          p.phone(), "device", title, body.apply(owner.get()), new InboxItem.Ref("device", deviceId));
      with.dispatcher().tell(new Dispatcher.Dispatch(notification, ctx.getSystem().ignoreRef()));
    }
  }

  private static DeviceStatus status(State s) {
    return new DeviceStatus(s.deviceId(), s.lastHeartbeat(), s.battery(), s.offline());
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return Entities.countingJournalFailures(newSignalHandlerBuilder(), ENTITY_KEY.name(), deviceId)
        .onSignal(RecoveryCompleted.instance(), s -> {
          if (!s.offline()) armSilence(s);
        })
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(HeartbeatRecorded.class, (s, e) -> new State(s.deviceId(), remember(s.recentSeqs(), e.seq()), e.at(),
            e.battery() == null ? s.battery() : e.battery(), false, e.battery() == null ? s.batteryLow() : e.battery() < LOW_BATTERY))
        .onEvent(WentSilent.class, (s, e) -> new State(s.deviceId(), s.recentSeqs(), s.lastHeartbeat(), s.battery(), true, s.batteryLow()))
        .onEvent(PressRouted.class, (s, e) -> s)
        .onEvent(AlertEndedRecorded.class, (s, e) -> s)
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
