package org.sanwang.hub.access;

import java.time.Duration;
import java.util.Map;
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
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;

/**
 * The hub's own secrets, made once at first start and shared by every node: the key that signs
 * bearer tokens, the admin password hash and the generated HMAC secrets of the three networks.
 * Hashing happens outside (it is slow); this entity only records.
 */
public final class HubSecrets
    extends EventSourcedBehaviorWithEnforcedReplies<HubSecrets.Command, HubSecrets.Event, HubSecrets.State> {

  public static final String ID = "hub";

  public sealed interface Command extends CborSerializable {}

  public record GetSecrets(ActorRef<State> replyTo) implements Command {}

  /** Records these secrets unless secrets exist already; replies with what is now in force. */
  public record CreateSecrets(String tokenKey, String adminPasswordHash, Map<String, String> networkSecrets,
      ActorRef<State> replyTo) implements Command {}

  public record ChangeAdminPassword(String adminPasswordHash, ActorRef<State> replyTo) implements Command {}

  /** Records the Web Push (VAPID) key pair unless one exists; replies with the secrets in force. */
  public record EnsureVapidKeys(String publicKey, String privateKey, ActorRef<State> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record SecretsCreated(String tokenKey, String adminPasswordHash, Map<String, String> networkSecrets)
      implements Event {}

  public record AdminPasswordChanged(String adminPasswordHash) implements Event {}

  public record VapidKeysCreated(String publicKey, String privateKey) implements Event {}

  /** {@code tokenKey} null until first start has run. */
  public record State(String tokenKey, String adminPasswordHash, Map<String, String> networkSecrets, String vapidPublicKey,
      String vapidPrivateKey) implements CborSerializable {
    public boolean initialised() {
      return tokenKey != null;
    }
  }

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "HubSecrets");

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String id) {
    return new HubSecrets(PersistenceId.of(ENTITY_KEY.name(), id));
  }

  private HubSecrets(PersistenceId id) {
    super(id, Entities.ON_JOURNAL_FAILURE);
  }

  @Override
  public State emptyState() {
    return new State(null, null, Map.of(), null, null);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(GetSecrets.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .onCommand(CreateSecrets.class, this::onCreate)
        .onCommand(EnsureVapidKeys.class, (s, c) -> s.vapidPublicKey() != null ? Effect().reply(c.replyTo(), s)
            : Effect().persist(new VapidKeysCreated(c.publicKey(), c.privateKey())).thenReply(c.replyTo(), after -> after))
        .onCommand(ChangeAdminPassword.class, (s, c) -> Effect().persist(new AdminPasswordChanged(c.adminPasswordHash()))
            .thenReply(c.replyTo(), after -> after))
        .build();
  }

  private ReplyEffect<Event, State> onCreate(State state, CreateSecrets cmd) {
    if (state.initialised()) return Effect().reply(cmd.replyTo(), state);
    return Effect().persist(new SecretsCreated(cmd.tokenKey(), cmd.adminPasswordHash(), Map.copyOf(cmd.networkSecrets())))
        .thenReply(cmd.replyTo(), after -> after);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(SecretsCreated.class, (s, e) -> new State(e.tokenKey(), e.adminPasswordHash(), e.networkSecrets(),
            s.vapidPublicKey(), s.vapidPrivateKey()))
        .onEvent(AdminPasswordChanged.class, (s, e) -> new State(s.tokenKey(), e.adminPasswordHash(), s.networkSecrets(),
            s.vapidPublicKey(), s.vapidPrivateKey()))
        .onEvent(VapidKeysCreated.class, (s, e) -> new State(s.tokenKey(), s.adminPasswordHash(), s.networkSecrets(),
            e.publicKey(), e.privateKey()))
        .build();
  }
}
