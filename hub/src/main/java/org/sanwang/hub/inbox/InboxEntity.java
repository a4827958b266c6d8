package org.sanwang.hub.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.pcollections.PVector;
import org.pcollections.TreePVector;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;
import org.sanwang.hub.live.LiveFeeds;

/**
 * A person's durable inbox: alerts, tasks and notices with their own offsets, and read receipts.
 * The newest {@code retained} items are kept in memory for paging and streaming.
 */
public final class InboxEntity
    extends EventSourcedBehaviorWithEnforcedReplies<InboxEntity.Command, InboxEntity.Event, InboxEntity.State> {

  // Commands

  public sealed interface Command extends CborSerializable {}

  public record Deliver(String kind, String title, String body, InboxItem.Ref ref, ActorRef<InboxItem> replyTo)
      implements Command {}

  public record MarkRead(long offset, ActorRef<ReadReceipt> replyTo) implements Command {}

  public record GetItems(long after, int limit, ActorRef<InboxPage> replyTo) implements Command {}

  public record FallbackDue(long offset) implements Command {}

  /** {@code found} is false for an offset this inbox never had. */
  public record ReadReceipt(long offset, Instant readAt, boolean found) implements CborSerializable {}

  public record InboxPage(List<InboxItem> items, long next, long lastOffset) implements CborSerializable {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record ItemDelivered(InboxItem item) implements Event {}

  public record ItemRead(long offset, Instant at) implements Event {}

  public record FallbackSent(long offset, List<String> channels, Instant at) implements Event {}

  // State

  public record State(long lastOffset, PVector<InboxItem> recent, org.pcollections.PSet<Long> fellBack) {
    static final State EMPTY = new State(0, TreePVector.empty(), org.pcollections.HashTreePSet.empty());

    int indexOf(long offset) {
      if (recent.isEmpty()) return -1;
      long first = recent.get(0).offset();
      int i = (int) (offset - first);
      return i >= 0 && i < recent.size() ? i : -1;
    }
  }

  public record Snapshot(long lastOffset, List<InboxItem> recent, List<Long> fellBack) implements CborSerializable {}

  /** Where unread alerts and tasks go after {@code fallbackAfter}: the dispatcher, and the person's phone. */
  public record Fallback(ActorRef<org.sanwang.hub.notify.Dispatcher.Command> dispatcher,
      java.util.function.Function<String, java.util.Optional<String>> phoneOf, List<String> channels) {
    /** Channels that reach a person by phone number are used only when the person has one. */
    List<String> channelsFor(java.util.Optional<String> phone) {
      return channels.stream().filter(c -> phone.isPresent() || c.equals("webpush")).toList();
    }
  }

  static final java.util.Set<String> URGENT = java.util.Set.of("alert", "task");

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Inbox");

  public static void init(ActorSystem<?> system, LiveFeeds feeds, InboxSettings settings, Fallback fallback) {
    ClusterSharding.get(system).init(Entities.onCallPath(Entity.of(ENTITY_KEY,
        ctx -> create(ctx.getEntityId(), feeds, settings, Clock.systemUTC(), fallback))));
  }

  public static Behavior<Command> create(String personId, LiveFeeds feeds, InboxSettings settings, Clock clock) {
    return create(personId, feeds, settings, clock, null);
  }

  public static Behavior<Command> create(String personId, LiveFeeds feeds, InboxSettings settings, Clock clock,
      Fallback fallback) {
    return org.apache.pekko.actor.typed.javadsl.Behaviors.setup(ctx -> org.apache.pekko.actor.typed.javadsl.Behaviors.withTimers(
        timers -> new InboxEntity(personId, feeds, settings, clock, fallback, timers, ctx.getSystem().ignoreRef())));
  }

  private final String personId;
  private final LiveFeeds feeds;
  private final InboxSettings settings;
  private final Clock clock;

  private final Fallback fallback;
  private final org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers;
  private final ActorRef<org.sanwang.hub.notify.Dispatcher.DeliveryReport> noReports;

  private InboxEntity(String personId, LiveFeeds feeds, InboxSettings settings, Clock clock, Fallback fallback,
      org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers,
      ActorRef<org.sanwang.hub.notify.Dispatcher.DeliveryReport> noReports) {
    super(PersistenceId.of(ENTITY_KEY.name(), personId),
        Entities.ON_JOURNAL_FAILURE);
    this.personId = personId;
    this.feeds = feeds;
    this.settings = settings;
    this.clock = clock;
    this.fallback = fallback;
    this.timers = timers;
    this.noReports = noReports;
  }

  @Override
  public String journalPluginId() {
    return settings.journal();
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Deliver.class, this::onDeliver)
        .onCommand(MarkRead.class, this::onMarkRead)
        .onCommand(GetItems.class, this::onGetItems)
        .onCommand(FallbackDue.class, this::onFallbackDue)
        .build();
  }

  private ReplyEffect<Event, State> onDeliver(State state, Deliver cmd) {
    var item = new InboxItem(state.lastOffset() + 1, Instant.now(clock), cmd.kind(), cmd.title(), cmd.body(), cmd.ref(), null);
    return Effect().persist(new ItemDelivered(item))
        .thenRun(Entities.timingWrite(journalPluginId()))
        .thenRun(s -> {
          feeds.publish(LiveFeeds.inbox(personId), item);
          armFallback(item);
        })
        .thenReply(cmd.replyTo(), s -> item);
  }

  private ReplyEffect<Event, State> onMarkRead(State state, MarkRead cmd) {
    if (cmd.offset() < 1 || cmd.offset() > state.lastOffset())
      return Effect().reply(cmd.replyTo(), new ReadReceipt(cmd.offset(), null, false));
    int i = state.indexOf(cmd.offset());
    if (i >= 0 && state.recent().get(i).readAt() != null)
      return Effect().reply(cmd.replyTo(), new ReadReceipt(cmd.offset(), state.recent().get(i).readAt(), true));
    var at = Instant.now(clock);
    return Effect().persist(new ItemRead(cmd.offset(), at))
        .thenRun(Entities.timingWrite(journalPluginId()))
        .thenReply(cmd.replyTo(), s -> new ReadReceipt(cmd.offset(), at, true));
  }

  private void armFallback(InboxItem item) {
    if (fallback == null || settings.fallbackAfter().isZero() || !URGENT.contains(item.kind())) return;
    var delay = java.time.Duration.between(Instant.now(clock), item.at().plus(settings.fallbackAfter()));
    timers.startSingleTimer("fallback-" + item.offset(), new FallbackDue(item.offset()),
        delay.isNegative() ? java.time.Duration.ZERO : delay);
  }

  /** Still unread: out it goes on Web Push, and by SMS when the person has a phone. */
  private ReplyEffect<Event, State> onFallbackDue(State state, FallbackDue due) {
    int i = state.indexOf(due.offset());
    if (i < 0 || state.recent().get(i).readAt() != null || state.fellBack().contains(due.offset())) return Effect().noReply();
    var item = state.recent().get(i);
    var phone = fallback.phoneOf().apply(personId);
    var channels = fallback.channelsFor(phone);
    return Effect().persist(new FallbackSent(due.offset(), channels, Instant.now(clock)))
        .thenRun(Entities.timingWrite(journalPluginId()))
        .thenRun(s -> channels.forEach(channel -> fallback.dispatcher().tell(new org.sanwang.hub.notify.Dispatcher.Dispatch(
            new org.sanwang.hub.notify.Notification("inbox-" + personId + "-" + item.offset() + "-" + channel, channel, personId,
                phone.orElse(null), item.kind(), item.title(), item.body(), item.ref()), noReports))))
        .thenNoReply();
  }

  @Override
  public org.apache.pekko.persistence.typed.javadsl.SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(org.apache.pekko.persistence.typed.RecoveryCompleted.instance(), s -> s.recent()
        .stream().filter(item -> item.readAt() == null && !s.fellBack().contains(item.offset())).forEach(this::armFallback))
        .build();
  }

  private ReplyEffect<Event, State> onGetItems(State state, GetItems cmd) {
    var items = state.recent().stream()
        .filter(item -> item.offset() > cmd.after())
        .limit(cmd.limit())
        .toList();
    long next = items.isEmpty() ? Math.max(cmd.after(), 0) : items.get(items.size() - 1).offset();
    return Effect().reply(cmd.replyTo(), new InboxPage(items, next, state.lastOffset()));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(ItemDelivered.class, (state, e) -> {
          var recent = state.recent().plus(e.item());
          while (recent.size() > settings.retained()) recent = recent.minus(0);
          return new State(e.item().offset(), recent, state.fellBack());
        })
        .onEvent(ItemRead.class, (state, e) -> {
          int i = state.indexOf(e.offset());
          if (i < 0) return state;
          return new State(state.lastOffset(), state.recent().with(i, state.recent().get(i).read(e.at())), state.fellBack());
        })
        .onEvent(FallbackSent.class, (state, e) -> {
          var fellBack = state.fellBack().plus(e.offset());
          long oldest = state.recent().isEmpty() ? 0 : state.recent().get(0).offset();
          for (Long o : fellBack) if (o < oldest) fellBack = fellBack.minus(o);
          return new State(state.lastOffset(), state.recent(), fellBack);
        })
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }

  @Override
  public SnapshotAdapter<State> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(State state) {
        return new Snapshot(state.lastOffset(), List.copyOf(state.recent()), List.copyOf(state.fellBack()));
      }

      @Override
      public State fromJournal(Object from) {
        var snap = (Snapshot) from;
        return new State(snap.lastOffset(), TreePVector.from(snap.recent()),
            org.pcollections.HashTreePSet.from(snap.fellBack() == null ? List.of() : snap.fellBack()));
      }
    };
  }
}
