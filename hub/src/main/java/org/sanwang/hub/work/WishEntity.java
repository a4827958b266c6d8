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
 * A micro-wish (微心愿): posted → claimed → fulfilled → confirmed, or cancelled before it is fulfilled.
 * The first claim wins (the entity is the one place claims meet, so two members pressing at once get
 * one success and one refusal naming the winner); the confirmation awards the wish's points to the
 * member who claimed it. A network's change carries its event's key and is applied once.
 */
public final class WishEntity
    extends EventSourcedBehaviorWithEnforcedReplies<WishEntity.Command, WishEntity.Event, WishEntity.State> {

  public static final String TAG = "wish";
  public static final String NO_SUCH_WISH = "no such wish";

  // Commands

  public sealed interface Command extends CborSerializable {}

  public sealed interface Action extends Command {
    /** The network event's key, or null for a person's action in the hub. */
    String key();

    ActorRef<StatusReply<State>> replyTo();
  }

  public record Post(WishFacts facts, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Claim(Actor member, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Fulfil(Actor by, String note, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Confirm(Actor by, Integer rating, String note, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record Cancel(Actor by, String note, String key, ActorRef<StatusReply<State>> replyTo) implements Action {}

  public record GetWish(ActorRef<State> replyTo) implements Command {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record WishPosted(WishFacts facts, String key, Instant at) implements Event {}

  public record WishClaimed(Actor member, String key, Instant at) implements Event {}

  public record WishFulfilled(Actor by, String note, String key, Instant at) implements Event {}

  /** Awards the wish's points to the member who claimed it. */
  public record WishConfirmed(Actor by, Integer rating, String note, String key, Instant at) implements Event {}

  public record WishCancelled(Actor by, String note, String key, Instant at) implements Event {}

  // State: one type per stage

  /** What every stage keeps. {@code claimedBy} is the member once claimed. */
  public record WishRecord(WishFacts facts, Instant postedAt, List<WorkStep> timeline, Set<String> keys, Actor claimedBy,
      Instant claimedAt) implements CborSerializable {
    public WishRecord {
      timeline = List.copyOf(timeline);
      keys = Set.copyOf(keys);
    }

    WishRecord noted(WorkStep step, String key) {
      var steps = new ArrayList<>(timeline);
      steps.add(step);
      var seen = new HashSet<>(keys);
      if (key != null) seen.add(key);
      return new WishRecord(facts, postedAt, steps, seen, claimedBy, claimedAt);
    }

    WishRecord claimed(Actor member, Instant at) {
      return new WishRecord(facts, postedAt, timeline, keys, member, at);
    }
  }

  public sealed interface State extends CborSerializable {
    String id();

    /** Null before the wish is posted. */
    WishRecord record();

    /** The stage as the API names it. */
    String state();
  }

  public record NotPosted(String id) implements State {
    public WishRecord record() {
      return null;
    }

    public String state() {
      return "none";
    }
  }

  public record Posted(WishRecord record) implements State {
    public String id() {
      return record.facts().wishId();
    }

    public String state() {
      return "posted";
    }
  }

  public record Claimed(WishRecord record) implements State {
    public String id() {
      return record.facts().wishId();
    }

    public String state() {
      return "claimed";
    }
  }

  public record Fulfilled(WishRecord record, String note, Instant fulfilledAt) implements State {
    public String id() {
      return record.facts().wishId();
    }

    public String state() {
      return "fulfilled";
    }
  }

  /** Done: {@code points} went to the member who claimed it. */
  public record Confirmed(WishRecord record, Instant fulfilledAt, Actor confirmedBy, Integer rating, Instant confirmedAt)
      implements State {
    public String id() {
      return record.facts().wishId();
    }

    public String state() {
      return "confirmed";
    }
  }

  public record Cancelled(WishRecord record, Actor by, Instant cancelledAt) implements State {
    public String id() {
      return record.facts().wishId();
    }

    public String state() {
      return "cancelled";
    }
  }

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Wish");

  public static void init(ActorSystem<?> system, WorkNotifier notifier) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), Clock.systemUTC(), notifier)));
  }

  public static Behavior<Command> create(String wishId, Clock clock) {
    return create(wishId, clock, WorkNotifier.NONE);
  }

  public static Behavior<Command> create(String wishId, Clock clock, WorkNotifier notifier) {
    return Entities.restartingOnRefusedWrites(new WishEntity(wishId, clock, notifier));
  }

  private final String wishId;
  private final Clock clock;
  private final WorkNotifier notifier;

  private WishEntity(String wishId, Clock clock, WorkNotifier notifier) {
    super(PersistenceId.of(ENTITY_KEY.name(), wishId), Entities.ON_JOURNAL_FAILURE);
    this.wishId = wishId;
    this.clock = clock;
    this.notifier = notifier;
  }

  @Override
  public State emptyState() {
    return new NotPosted(wishId);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder.forState(s -> !(s instanceof NotPosted))
        .onCommand(Post.class, (s, c) -> refuse(s, c, "the wish " + s.id() + " is already posted"));
    builder.forStateType(NotPosted.class)
        .onCommand(Post.class, (s, c) -> applied(s, c, () -> new WishPosted(c.facts(), c.key(), now())))
        .onCommand(Action.class, (s, c) -> Effect().reply(c.replyTo(), StatusReply.error(NO_SUCH_WISH)));
    builder.forStateType(Posted.class)
        .onCommand(Claim.class, (s, c) -> applied(s, c, () -> new WishClaimed(c.member(), c.key(), now())))
        .onCommand(Cancel.class, (s, c) -> applied(s, c, () -> new WishCancelled(c.by(), c.note(), c.key(), now())))
        .onCommand(Action.class, (s, c) -> refuse(s, c, "the wish is not claimed yet"));
    builder.forStateType(Claimed.class)
        .onCommand(Claim.class, (s, c) -> c.member().id().equals(s.record().claimedBy().id())
            ? Effect().reply(c.replyTo(), StatusReply.success(s)) // the same member pressing twice
            : refuse(s, c, "already claimed by " + s.record().claimedBy().name()))
        .onCommand(Fulfil.class, (s, c) -> applied(s, c, () -> new WishFulfilled(c.by(), c.note(), c.key(), now())))
        .onCommand(Cancel.class, (s, c) -> applied(s, c, () -> new WishCancelled(c.by(), c.note(), c.key(), now())))
        .onCommand(Action.class, (s, c) -> refuse(s, c, "the wish is claimed but not fulfilled yet"));
    builder.forStateType(Fulfilled.class)
        .onCommand(Confirm.class, (s, c) -> applied(s, c, () -> new WishConfirmed(c.by(), c.rating(), c.note(), c.key(), now())))
        .onCommand(Claim.class, (s, c) -> refuse(s, c, "already claimed by " + s.record().claimedBy().name()))
        .onCommand(Action.class, (s, c) -> refuse(s, c, "the wish is fulfilled"));
    builder.forStateType(Confirmed.class)
        .onCommand(Claim.class, (s, c) -> refuse(s, c, "already claimed by " + s.record().claimedBy().name()))
        .onCommand(Action.class, (s, c) -> refuse(s, c, "the wish is confirmed"));
    builder.forStateType(Cancelled.class)
        .onCommand(Action.class, (s, c) -> refuse(s, c, "the wish is cancelled"));
    builder.forAnyState()
        .onCommand(GetWish.class, (s, c) -> Effect().reply(c.replyTo(), s));
    return builder.build();
  }

  private Instant now() {
    return clock.instant();
  }

  private ReplyEffect<Event, State> applied(State s, Action c, Supplier<Event> change) {
    if (seen(s, c.key())) return Effect().reply(c.replyTo(), StatusReply.success(s));
    var event = change.get();
    return Effect().persist(event).thenRun(after -> notifier.wishChanged(after, event)).thenReply(c.replyTo(), StatusReply::success);
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
    return newEventHandlerBuilder().forAnyState().onAnyEvent(WishEntity::applied);
  }

  /** The wish after one more event (pure): the entity's event handler, and the projection's. */
  public static State applied(State s, Event event) {
    if (event instanceof WishPosted e)
      return new Posted(new WishRecord(e.facts(), e.at(), List.of(WorkStep.of(e.at(), "posted", e.facts().postedBy(), null)),
          e.key() == null ? Set.of() : Set.of(e.key()), null, null));
    var r = s.record();
    if (r == null) return s;
    if (event instanceof WishClaimed e)
      return new Claimed(r.noted(WorkStep.of(e.at(), "claimed", e.member(), null), e.key()).claimed(e.member(), e.at()));
    if (event instanceof WishFulfilled e)
      return new Fulfilled(r.noted(WorkStep.of(e.at(), "fulfilled", e.by(), e.note()), e.key()), e.note(), e.at());
    if (event instanceof WishConfirmed e)
      return new Confirmed(r.noted(new WorkStep(e.at(), "confirmed", e.by(), e.note(), null, null, e.rating(), false), e.key()),
          s instanceof Fulfilled f ? f.fulfilledAt() : e.at(), e.by(), e.rating(), e.at());
    if (event instanceof WishCancelled e)
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
