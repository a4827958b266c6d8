package org.sanwang.hub.org;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;
import org.sanwang.hub.live.LiveFeeds;

/**
 * The single writer of the organisation tree. An import is one event, so it is applied whole or
 * not at all; a re-import that changes nothing writes nothing. After a change every node's
 * {@link OrgDirectory} is told on the {@code org} feed.
 */
public final class OrgRegistry
    extends EventSourcedBehaviorWithEnforcedReplies<OrgRegistry.Command, OrgRegistry.Event, OrgRegistry.State> {

  public static final String ID = "root";
  public static final String FEED = "org";

  // Commands

  public sealed interface Command extends CborSerializable {}

  public record ImportTree(OrgTree delta, ActorRef<ImportResult> replyTo) implements Command {}

  public record GetTree(ActorRef<TreeVersion> replyTo) implements Command {}

  /** Takes a resident off the roster (a network's {@code community.resident.removed}); their history stays. */
  public record RemoveResident(String residentId, ActorRef<ImportResult> replyTo) implements Command {}

  public record ImportResult(boolean changed, long version) implements CborSerializable {}

  public record TreeVersion(long version, OrgTree tree) implements CborSerializable {}

  /** Published on {@link #FEED} after every change. */
  public record TreeChanged(long version) implements CborSerializable {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record TreeImported(OrgTree delta) implements Event {}

  public record ResidentRemoved(String residentId) implements Event {}

  // State

  public record State(long version, OrgTree tree) implements CborSerializable {}

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "OrgRegistry");

  public static void init(ActorSystem<?> system, LiveFeeds feeds) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), feeds)));
  }

  public static Behavior<Command> create(String id, LiveFeeds feeds) {
    return new OrgRegistry(PersistenceId.of(ENTITY_KEY.name(), id), feeds);
  }

  private final LiveFeeds feeds;

  private OrgRegistry(PersistenceId persistenceId, LiveFeeds feeds) {
    super(persistenceId, Entities.ON_JOURNAL_FAILURE);
    this.feeds = feeds;
  }

  @Override
  public State emptyState() {
    return new State(0, OrgTree.EMPTY);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(ImportTree.class, this::onImport)
        .onCommand(RemoveResident.class, this::onRemoveResident)
        .onCommand(GetTree.class, (state, cmd) -> Effect().reply(cmd.replyTo(), new TreeVersion(state.version(), state.tree())))
        .build();
  }

  private ReplyEffect<Event, State> onImport(State state, ImportTree cmd) {
    if (state.tree().alreadyContains(cmd.delta()))
      return Effect().reply(cmd.replyTo(), new ImportResult(false, state.version()));
    return Effect().persist(new TreeImported(cmd.delta()))
        .thenRun(s -> feeds.publish(FEED, new TreeChanged(s.version())))
        .thenReply(cmd.replyTo(), s -> new ImportResult(true, s.version()));
  }

  private ReplyEffect<Event, State> onRemoveResident(State state, RemoveResident cmd) {
    if (!state.tree().residents().containsKey(cmd.residentId()))
      return Effect().reply(cmd.replyTo(), new ImportResult(false, state.version()));
    return Effect().persist(new ResidentRemoved(cmd.residentId()))
        .thenRun(s -> feeds.publish(FEED, new TreeChanged(s.version())))
        .thenReply(cmd.replyTo(), s -> new ImportResult(true, s.version()));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(TreeImported.class, (state, e) -> new State(state.version() + 1, state.tree().merge(e.delta())))
        .onEvent(ResidentRemoved.class, (state, e) -> new State(state.version() + 1, state.tree().withoutResident(e.residentId())))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(20, 2);
  }
}
