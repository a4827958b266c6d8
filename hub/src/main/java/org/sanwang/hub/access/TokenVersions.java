package org.sanwang.hub.access;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
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
 * Every user's token version: a counter an admin's revoke raises, so that tokens issued before it
 * are refused. One entity ({@link #ID}) holds them all (revokes are rare and the map is small); each
 * node keeps a copy ({@link KnownTokenVersions}) that the {@link #FEED} keeps current, so checking
 * a token never asks an actor. Password and role changes need no counter: a token carries a
 * fingerprint of both, compared with the organisation directory on every request.
 */
public final class TokenVersions
    extends EventSourcedBehaviorWithEnforcedReplies<TokenVersions.Command, TokenVersions.Event, TokenVersions.State> {

  public static final String ID = "all";
  public static final String FEED = "token-versions";

  // Commands

  public sealed interface Command extends CborSerializable {}

  /** Raises {@code userId}'s token version by one; replies with the new version. */
  public record RevokeTokens(String userId, ActorRef<VersionChanged> replyTo) implements Command {}

  public record GetVersions(ActorRef<Versions> replyTo) implements Command {}

  /** A user's new token version: the reply to a revoke, and what {@link #FEED} carries to every node. */
  public record VersionChanged(String userId, long version) implements CborSerializable {}

  public record Versions(Map<String, Long> versions) implements CborSerializable {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record TokensRevoked(String userId, long version) implements Event {}

  // State

  /** Users never revoked are at version 0 and not listed. */
  public record State(Map<String, Long> versions) implements CborSerializable {
    public State {
      versions = Map.copyOf(versions);
    }

    public long versionOf(String userId) {
      return versions.getOrDefault(userId, 0L);
    }

    State with(String userId, long version) {
      var next = new HashMap<>(versions);
      next.put(userId, version);
      return new State(next);
    }
  }

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "TokenVersions");

  public static void init(ActorSystem<?> system, LiveFeeds feeds) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), feeds)));
  }

  /** Every user's token version, from the sharded entity. */
  public static CompletionStage<Versions> versions(ActorSystem<?> system, Duration timeout) {
    return ClusterSharding.get(system).entityRefFor(ENTITY_KEY, ID).ask(GetVersions::new, timeout);
  }

  public static Behavior<Command> create(String id, LiveFeeds feeds) {
    return new TokenVersions(PersistenceId.of(ENTITY_KEY.name(), id), feeds);
  }

  private final LiveFeeds feeds;

  private TokenVersions(PersistenceId persistenceId, LiveFeeds feeds) {
    super(persistenceId, Entities.ON_JOURNAL_FAILURE);
    this.feeds = feeds;
  }

  @Override
  public State emptyState() {
    return new State(Map.of());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(RevokeTokens.class, this::onRevoke)
        .onCommand(GetVersions.class, (state, cmd) -> Effect().reply(cmd.replyTo(), new Versions(state.versions())))
        .build();
  }

  private ReplyEffect<Event, State> onRevoke(State state, RevokeTokens cmd) {
    var revoked = new TokensRevoked(cmd.userId(), state.versionOf(cmd.userId()) + 1);
    var changed = new VersionChanged(revoked.userId(), revoked.version());
    return Effect().persist(revoked)
        .thenRun(s -> feeds.publish(FEED, changed))
        .thenReply(cmd.replyTo(), s -> changed);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(TokensRevoked.class, (state, e) -> state.with(e.userId(), e.version()))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
