package org.sanwang.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * What every node of the hub must agree on about its secrets, without holding a key that could
 * sign anything: the admin password hash, the fingerprint of the key that signs bearer tokens, and
 * the Web Push (VAPID) public key. The keys themselves live in each node's key file (or
 * environment); a node whose keys do not match what the running nodes use, as this entity records
 * it, is refused at start instead of silently refusing their tokens.
 *
 * <p>Older versions kept the keys here in clear ({@link SecretsCreated}, {@link VapidKeysCreated}).
 * Those events still recover, since events are never deleted, but they only leave a note that
 * their keys are exposed: an exposed key is never adopted again.
 */
public final class HubSecrets
    extends EventSourcedBehaviorWithEnforcedReplies<HubSecrets.Command, HubSecrets.Event, HubSecrets.State> {

  public static final String ID = "hub";

  public sealed interface Command extends CborSerializable {}

  public record GetSecrets(ActorRef<State> replyTo) implements Command {}

  /** Records the admin password hash unless the hub has one already; replies with what is now in force. */
  public record CreateAdmin(String adminPasswordHash, ActorRef<State> replyTo) implements Command {}

  public record ChangeAdminPassword(String adminPasswordHash, ActorRef<State> replyTo) implements Command {}

  /**
   * A starting node's keys, by fingerprint ({@link #fingerprint}): its token keys, the signing one
   * first, and its VAPID public key. While other nodes are running ({@code othersRunning}) they
   * must include the key the hub last signed with and the same VAPID key, so that every node
   * accepts every other's tokens; a node alone may bring new keys (after a leak, or a lost key
   * file). Keys an older version wrote here in clear are refused either way. The node's signing
   * key then becomes the recorded one.
   */
  public record AdoptKeys(List<String> tokenKeyFingerprints, String vapidPublicKey, boolean othersRunning,
      ActorRef<KeysAnswer> replyTo) implements Command {
    public AdoptKeys {
      tokenKeyFingerprints = List.copyOf(tokenKeyFingerprints);
      if (tokenKeyFingerprints.isEmpty()) throw new IllegalArgumentException("tokenKeyFingerprints: at least one");
      if (vapidPublicKey == null) throw new IllegalArgumentException("vapidPublicKey: missing");
    }
  }

  public sealed interface KeysAnswer extends CborSerializable {}

  public record KeysAccepted(State state) implements KeysAnswer {}

  /** {@code recorded}: the fingerprint or VAPID public key the refusal is about, as this entity knows it. */
  public record KeysRefused(Refusal why, String recorded) implements KeysAnswer {}

  public enum Refusal {
    /** One of the token keys was written to the journal in clear by an older version. */
    TOKEN_KEY_EXPOSED,
    /** The VAPID key pair was written to the journal in clear by an older version. */
    VAPID_KEY_EXPOSED,
    /** The other nodes sign with a token key that is not among the node's keys. */
    TOKEN_KEY_UNKNOWN,
    /** The other nodes push with another VAPID key pair than the node's. */
    VAPID_KEY_DIFFERS
  }

  public sealed interface Event extends CborSerializable {}

  /** Written by older versions only, with the token key in clear: recovered as an exposed key. */
  public record SecretsCreated(String tokenKey, String adminPasswordHash, Map<String, String> networkSecrets)
      implements Event {}

  /** Written by older versions only, with the private key in clear: recovered as an exposed key. */
  public record VapidKeysCreated(String publicKey, String privateKey) implements Event {}

  public record AdminCreated(String adminPasswordHash) implements Event {}

  public record AdminPasswordChanged(String adminPasswordHash) implements Event {}

  /** The hub now signs tokens with the key of this fingerprint and pushes with this VAPID key pair. */
  public record KeysRecorded(String tokenKeyFingerprint, String vapidPublicKey) implements Event {}

  /**
   * {@code adminPasswordHash} null until first start has run; {@code tokenKeyFingerprint} and
   * {@code vapidPublicKey} null until a node has recorded its keys; the {@code exposed…} fields
   * name the keys an older version wrote here in clear (null when none).
   */
  public record State(String adminPasswordHash, String tokenKeyFingerprint, String vapidPublicKey,
      String exposedTokenKeyFingerprint, String exposedVapidPublicKey) implements CborSerializable {
    public boolean initialised() {
      return adminPasswordHash != null;
    }

    /** An older version wrote keys here in clear, and no node has replaced them with keys of its own yet. */
    public boolean keysInClear() {
      return tokenKeyFingerprint == null && (exposedTokenKeyFingerprint != null || exposedVapidPublicKey != null);
    }

    State withAdmin(String hash) {
      return new State(hash, tokenKeyFingerprint, vapidPublicKey, exposedTokenKeyFingerprint, exposedVapidPublicKey);
    }

    State withKeys(String fingerprint, String vapid) {
      return new State(adminPasswordHash, fingerprint, vapid, exposedTokenKeyFingerprint, exposedVapidPublicKey);
    }

    State exposing(String tokenKeyFingerprint, String vapidPublicKey) {
      return new State(adminPasswordHash, this.tokenKeyFingerprint, this.vapidPublicKey,
          tokenKeyFingerprint != null ? tokenKeyFingerprint : exposedTokenKeyFingerprint,
          vapidPublicKey != null ? vapidPublicKey : exposedVapidPublicKey);
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

  /**
   * Names a token key without revealing it: HMAC-SHA256 keyed with the key over a fixed label, the
   * first 16 bytes in hex. Knowing it helps no more to guess the key than any token the key signed.
   */
  public static String fingerprint(byte[] tokenKey) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(tokenKey, "HmacSHA256"));
      byte[] tag = mac.doFinal("sanwang-hub token key fingerprint v1".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(tag, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  @Override
  public State emptyState() {
    return new State(null, null, null, null, null);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(GetSecrets.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .onCommand(CreateAdmin.class, (s, c) -> s.initialised() ? Effect().reply(c.replyTo(), s)
            : Effect().persist(new AdminCreated(c.adminPasswordHash())).thenReply(c.replyTo(), after -> after))
        .onCommand(ChangeAdminPassword.class, (s, c) -> Effect().persist(new AdminPasswordChanged(c.adminPasswordHash()))
            .thenReply(c.replyTo(), after -> after))
        .onCommand(AdoptKeys.class, this::onAdoptKeys)
        .build();
  }

  private ReplyEffect<Event, State> onAdoptKeys(State state, AdoptKeys cmd) {
    var fingerprints = cmd.tokenKeyFingerprints();
    if (state.exposedTokenKeyFingerprint() != null && fingerprints.contains(state.exposedTokenKeyFingerprint()))
      return Effect().reply(cmd.replyTo(), new KeysRefused(Refusal.TOKEN_KEY_EXPOSED, state.exposedTokenKeyFingerprint()));
    if (cmd.vapidPublicKey().equals(state.exposedVapidPublicKey()))
      return Effect().reply(cmd.replyTo(), new KeysRefused(Refusal.VAPID_KEY_EXPOSED, state.exposedVapidPublicKey()));
    if (cmd.othersRunning() && state.tokenKeyFingerprint() != null && !fingerprints.contains(state.tokenKeyFingerprint()))
      return Effect().reply(cmd.replyTo(), new KeysRefused(Refusal.TOKEN_KEY_UNKNOWN, state.tokenKeyFingerprint()));
    if (cmd.othersRunning() && state.vapidPublicKey() != null && !state.vapidPublicKey().equals(cmd.vapidPublicKey()))
      return Effect().reply(cmd.replyTo(), new KeysRefused(Refusal.VAPID_KEY_DIFFERS, state.vapidPublicKey()));
    String signing = fingerprints.get(0);
    if (signing.equals(state.tokenKeyFingerprint()) && cmd.vapidPublicKey().equals(state.vapidPublicKey()))
      return Effect().reply(cmd.replyTo(), new KeysAccepted(state));
    return Effect().persist(new KeysRecorded(signing, cmd.vapidPublicKey()))
        .thenReply(cmd.replyTo(), KeysAccepted::new);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(SecretsCreated.class, (s, e) -> s.withAdmin(e.adminPasswordHash())
            .exposing(fingerprint(Base64.getDecoder().decode(e.tokenKey())), null))
        .onEvent(VapidKeysCreated.class, (s, e) -> s.exposing(null, e.publicKey()))
        .onEvent(AdminCreated.class, (s, e) -> s.withAdmin(e.adminPasswordHash()))
        .onEvent(AdminPasswordChanged.class, (s, e) -> s.withAdmin(e.adminPasswordHash()))
        .onEvent(KeysRecorded.class, (s, e) -> s.withKeys(e.tokenKeyFingerprint(), e.vapidPublicKey()))
        .build();
  }
}
