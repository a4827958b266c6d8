package org.sanwang.hub.group;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.TreePVector;
import org.pcollections.PVector;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;
import org.sanwang.hub.live.LiveFeeds;

/**
 * A building group or community channel: an ordered, durable log of messages. A message's offset
 * is its event's sequence number, so history pages and resumable streams read the journal directly
 * and are gap-free by construction. The entity keeps only the last offset and a bounded window of
 * (sender, clientMsgId) receipts for idempotent posts.
 */
public final class GroupEntity
    extends EventSourcedBehaviorWithEnforcedReplies<GroupEntity.Command, GroupEntity.Event, GroupEntity.State> {

  // Commands

  public sealed interface Command extends CborSerializable {}

  public record PostMessage(Sender sender, String source, String kind, String text, String clientMsgId,
      ActorRef<Receipt> replyTo) implements Command {}

  public record GetLastOffset(ActorRef<LastOffset> replyTo) implements Command {}

  /** How many messages were posted on the days {@code from} to {@code to} (China time), inclusive. */
  public record GetVolume(java.time.LocalDate from, java.time.LocalDate to, ActorRef<Volume> replyTo) implements Command {}

  public record Volume(long messages) implements CborSerializable {}

  public record Receipt(long offset, String id, boolean duplicate) implements CborSerializable {}

  /** A message as the live traffic view sees it: which group it went to. */
  public record Traffic(String groupId, GroupMessage message) implements CborSerializable {}

  public record LastOffset(long offset) implements CborSerializable {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record MessagePosted(GroupMessage message, String clientMsgId) implements Event {}

  // State

  /**
   * The receipts window (newest keys at the end of {@code order}) and messages per day (China
   * time, the last {@link #DAYS} days) for the figures.
   */
  public record State(long lastOffset, PMap<String, Receipt> receipts, PVector<String> order,
      PMap<java.time.LocalDate, Integer> daily) {
    static final State EMPTY = new State(0, HashTreePMap.empty(), TreePVector.empty(), HashTreePMap.empty());

    State counted(Instant at) {
      // China keeps UTC+8 all year: the day is plain arithmetic, no time-zone rules on the hot path.
      var day = java.time.LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond() + 8 * 3600, 86_400));
      var d = daily.plus(day, daily.getOrDefault(day, 0) + 1);
      if (d.size() > DAYS) d = d.minus(java.util.Collections.min(d.keySet()));
      return new State(lastOffset, receipts, order, d);
    }

    State remember(String key, Receipt receipt, int window) {
      if (key == null) return new State(receipt.offset(), receipts, order, daily);
      var r = receipts.plus(key, receipt);
      var o = order.plus(key);
      while (o.size() > window) {
        r = r.minus(o.get(0));
        o = o.minus(0);
      }
      return new State(receipt.offset(), r, o, daily);
    }
  }

  static final int DAYS = 400;

  /** The snapshot form of {@link State}: plain lists Jackson can write and read. */
  public record Snapshot(long lastOffset, List<String> keys, List<Receipt> receipts, java.util.Map<java.time.LocalDate, Integer> daily)
      implements CborSerializable {}

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Group");

  public static void init(ActorSystem<?> system, LiveFeeds feeds, GroupSettings settings) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY,
        ctx -> create(ctx.getEntityId(), feeds, settings, Clock.systemUTC())));
  }

  public static Behavior<Command> create(String groupId, LiveFeeds feeds, GroupSettings settings, Clock clock) {
    return new GroupEntity(groupId, feeds, settings, clock);
  }

  public static PersistenceId persistenceId(String groupId) {
    return PersistenceId.of(ENTITY_KEY.name(), groupId);
  }

  private final String groupId;
  private final LiveFeeds feeds;
  private final GroupSettings settings;
  private final Clock clock;

  private GroupEntity(String groupId, LiveFeeds feeds, GroupSettings settings, Clock clock) {
    super(persistenceId(groupId), Entities.ON_JOURNAL_FAILURE);
    this.groupId = groupId;
    this.feeds = feeds;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(PostMessage.class, this::onPost)
        .onCommand(GetLastOffset.class, (s, c) -> Effect().reply(c.replyTo(), new LastOffset(s.lastOffset())))
        .onCommand(GetVolume.class, (s, c) -> Effect().reply(c.replyTo(), new Volume(s.daily().entrySet().stream()
            .filter(e -> !e.getKey().isBefore(c.from()) && !e.getKey().isAfter(c.to())).mapToLong(e -> e.getValue()).sum())))
        .build();
  }

  private ReplyEffect<Event, State> onPost(State state, PostMessage cmd) {
    String key = dedupeKey(cmd.sender(), cmd.clientMsgId());
    if (key != null && state.receipts().containsKey(key)) {
      var first = state.receipts().get(key);
      return Effect().reply(cmd.replyTo(), new Receipt(first.offset(), first.id(), true));
    }
    var message = new GroupMessage(state.lastOffset() + 1, UUID.randomUUID().toString(), Instant.now(clock),
        cmd.sender(), cmd.source(), cmd.kind(), cmd.text());
    return Effect().persist(new MessagePosted(message, cmd.clientMsgId()))
        .thenRun(Entities.timingWrite(journalPluginId()))
        .thenRun(s -> {
          feeds.publish(LiveFeeds.group(groupId), message);
          feeds.publish(LiveFeeds.TRAFFIC, new Traffic(groupId, message));
        })
        .thenReply(cmd.replyTo(), s -> new Receipt(message.offset(), message.id(), false));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(MessagePosted.class, (state, e) -> state.remember(
            dedupeKey(e.message().sender(), e.clientMsgId()),
            new Receipt(e.message().offset(), e.message().id(), false),
            settings.dedupeWindow()).counted(e.message().at()))
        .build();
  }

  private static String dedupeKey(Sender sender, String clientMsgId) {
    return clientMsgId == null ? null : sender.id() + "\u0000" + clientMsgId;
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
        var receipts = new ArrayList<Receipt>(state.order().size());
        state.order().forEach(k -> receipts.add(state.receipts().get(k)));
        return new Snapshot(state.lastOffset(), List.copyOf(state.order()), receipts, java.util.Map.copyOf(state.daily()));
      }

      @Override
      public State fromJournal(Object from) {
        var snap = (Snapshot) from;
        PMap<String, Receipt> receipts = HashTreePMap.empty();
        for (int i = 0; i < snap.keys().size(); i++) receipts = receipts.plus(snap.keys().get(i), snap.receipts().get(i));
        return new State(snap.lastOffset(), receipts, TreePVector.from(snap.keys()),
            snap.daily() == null ? HashTreePMap.empty() : HashTreePMap.from(snap.daily()));
      }
    };
  }
}
