package org.sanwang.hub.checkin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
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
 * A community's daily check-in book (平安打卡). Residents who opted in ({@code check_in} flag)
 * check in each day with a device double press or the phone page; at the community's deadline
 * (default 10:00, China time) everyone who has not becomes a task for their building head.
 */
public final class CheckInBook
    extends EventSourcedBehaviorWithEnforcedReplies<CheckInBook.Command, CheckInBook.Event, CheckInBook.State> {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  public static final LocalTime DEFAULT_DEADLINE = LocalTime.of(10, 0);

  public sealed interface Command extends CborSerializable {}

  public record CheckIn(String residentId, Instant at, ActorRef<CheckedIn> replyTo) implements Command {}

  public record SetDeadline(LocalTime deadline, ActorRef<State> replyTo) implements Command {}

  public record GetBook(ActorRef<State> replyTo) implements Command {}

  public record Wake() implements Command {}

  public record DeadlineDue(LocalDate date) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record CheckedIn(String residentId, LocalDate date, Instant at) implements Event {}

  public record DeadlineSet(LocalTime deadline) implements Event {}

  public record DayClosed(LocalDate date, List<String> missing) implements Event {}

  public record State(LocalTime deadline, Map<String, LocalDate> lastCheckIn, LocalDate lastClosed, List<String> lastMissing)
      implements CborSerializable {}

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "CheckInBook");

  public record Collaborators(OrgDirectory directory, ActorRef<Dispatcher.Command> dispatcher, Clock clock) {}

  public static void init(ActorSystem<?> system, Collaborators with) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), with)));
  }

  public static Behavior<Command> create(String community, Collaborators with) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new CheckInBook(community, timers, with, ctx.getSystem().ignoreRef())));
  }

  private final String community;
  private final TimerScheduler<Command> timers;
  private final Collaborators with;

  private final ActorRef<Dispatcher.DeliveryReport> noReports;

  private CheckInBook(String community, TimerScheduler<Command> timers, Collaborators with,
      ActorRef<Dispatcher.DeliveryReport> noReports) {
    super(PersistenceId.of(ENTITY_KEY.name(), community), Entities.ON_JOURNAL_FAILURE);
    this.community = community;
    this.timers = timers;
    this.with = with;
    this.noReports = noReports;
  }

  @Override
  public State emptyState() {
    return new State(DEFAULT_DEADLINE, Map.of(), null, List.of());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(CheckIn.class, (s, c) -> {
          var event = new CheckedIn(c.residentId(), c.at().atZone(CHINA).toLocalDate(), c.at());
          return Effect().persist(event).thenReply(c.replyTo(), after -> event);
        })
        .onCommand(SetDeadline.class, (s, c) -> Effect().persist(new DeadlineSet(c.deadline()))
            .thenRun(after -> arm(after, Instant.now(with.clock())))
            .thenReply(c.replyTo(), after -> after))
        .onCommand(GetBook.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .onCommand(Wake.class, (s, c) -> Effect().noReply())
        .onCommand(DeadlineDue.class, this::onDeadline)
        .build();
  }

  private ReplyEffect<Event, State> onDeadline(State s, DeadlineDue due) {
    if (s.lastClosed() != null && !due.date().isAfter(s.lastClosed())) return Effect().noReply();
    var index = with.directory().index();
    var missing = index.tree().residents().values().stream()
        .filter(r -> r.flags().contains("check_in") && org.sanwang.hub.org.Codes.communityOf(r.building()).equals(community))
        .filter(r -> !due.date().equals(s.lastCheckIn().get(r.id())))
        .map(OrgTree.Resident::id).sorted().toList();
    Instant deadlineInstant = due.date().atTime(s.deadline()).atZone(CHINA).toInstant();
    return Effect().persist(new DayClosed(due.date(), missing))
        .thenRun(after -> {
          for (String id : missing) task(index, index.tree().residents().get(id), due.date());
          arm(after, deadlineInstant.plusSeconds(1));
        })
        .thenNoReply();
  }

  private void task(org.sanwang.hub.org.OrgIndex index, OrgTree.Resident r, LocalDate date) {
    String address = index.addressOf(r);
    for (var head : index.holders(Role.building_head, r.building())) {
      var n = new Notification("checkin-" + r.id() + "-" + date + "-" + head.id(), "inbox", head.id(), head.phone(), "task",
          "平安打卡未完成：" + r.name(), r.name() + "（" + address + "）今天" + date + "没有打卡，请联系或上门看看。",
          new InboxItem.Ref("resident", r.id()));
      with.dispatcher().tell(new Dispatcher.Dispatch(n, noReports));
    }
  }

  /** Arms the next deadline after {@code reference}: today's if still ahead, else tomorrow's. */
  private void arm(State s, Instant reference) {
    var local = reference.atZone(CHINA);
    var date = local.toLocalTime().isBefore(s.deadline()) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
    if (s.lastClosed() != null && !date.isAfter(s.lastClosed())) date = s.lastClosed().plusDays(1);
    var due = date.atTime(s.deadline()).atZone(CHINA).toInstant();
    var delay = Duration.between(reference, due);
    timers.startSingleTimer("deadline", new DeadlineDue(date), delay.isNegative() ? Duration.ZERO : delay);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), s -> arm(s, Instant.now(with.clock()))).build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(CheckedIn.class, (s, e) -> {
          var m = new HashMap<>(s.lastCheckIn());
          m.put(e.residentId(), e.date());
          return new State(s.deadline(), Map.copyOf(m), s.lastClosed(), s.lastMissing());
        })
        .onEvent(DeadlineSet.class, (s, e) -> new State(e.deadline(), s.lastCheckIn(), s.lastClosed(), s.lastMissing()))
        .onEvent(DayClosed.class, (s, e) -> new State(s.deadline(), s.lastCheckIn(), e.date(), e.missing()))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
