package org.sanwang.hub.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;
import org.sanwang.hub.access.Passwords;

/**
 * Personal links to the big-button page ({@code /call/{token}}) for residents without a device.
 * A token is shown once when issued; only its SHA-256 is kept. Links are revocable.
 */
public final class CallLinks
    extends EventSourcedBehaviorWithEnforcedReplies<CallLinks.Command, CallLinks.Event, CallLinks.State> {

  public static final String ID = "all";

  public sealed interface Command extends CborSerializable {}

  public record Issue(String residentId, String issuedBy, ActorRef<Issued> replyTo) implements Command {}

  public record Revoke(String residentId, String linkId, ActorRef<Optional<Link>> replyTo) implements Command {}

  public record Resolve(String tokenHash, ActorRef<Optional<Link>> replyTo) implements Command {}

  public record ListLinks(String residentId, ActorRef<List<Link>> replyTo) implements Command {}

  /** {@code token} is only in this reply, never stored. */
  public record Issued(Link link, String token) implements CborSerializable {}

  public record Link(String linkId, String residentId, Instant issuedAt, String issuedBy, Instant revokedAt)
      implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record LinkIssued(String tokenHash, Link link) implements Event {}

  public record LinkRevoked(String tokenHash, Instant at) implements Event {}

  public record State(Map<String, Link> byHash) implements CborSerializable {}

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "CallLinks");

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String id) {
    return new CallLinks(PersistenceId.of(ENTITY_KEY.name(), id));
  }

  public static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private CallLinks(PersistenceId id) {
    super(id, Entities.ON_JOURNAL_FAILURE);
  }

  @Override
  public State emptyState() {
    return new State(Map.of());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Issue.class, (s, c) -> {
          String token = Passwords.randomSecret() + Passwords.randomSecret();
          var link = new Link(hash(token).substring(0, 12), c.residentId(), Instant.now(), c.issuedBy(), null);
          return Effect().persist(new LinkIssued(hash(token), link)).thenReply(c.replyTo(), after -> new Issued(link, token));
        })
        .onCommand(Revoke.class, (s, c) -> {
          var found = s.byHash().entrySet().stream()
              .filter(e -> e.getValue().residentId().equals(c.residentId()) && e.getValue().linkId().equals(c.linkId()))
              .findFirst();
          if (found.isEmpty()) return Effect().reply(c.replyTo(), Optional.empty());
          if (found.get().getValue().revokedAt() != null) return Effect().reply(c.replyTo(), Optional.of(found.get().getValue()));
          return Effect().persist(new LinkRevoked(found.get().getKey(), Instant.now()))
              .thenReply(c.replyTo(), after -> Optional.of(after.byHash().get(found.get().getKey())));
        })
        .onCommand(Resolve.class, (s, c) -> Effect().reply(c.replyTo(),
            Optional.ofNullable(s.byHash().get(c.tokenHash())).filter(l -> l.revokedAt() == null)))
        .onCommand(ListLinks.class, (s, c) -> Effect().reply(c.replyTo(), s.byHash().values().stream()
            .filter(l -> l.residentId().equals(c.residentId())).sorted((a, b) -> a.issuedAt().compareTo(b.issuedAt())).toList()))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(LinkIssued.class, (s, e) -> {
          var m = new HashMap<>(s.byHash());
          m.put(e.tokenHash(), e.link());
          return new State(Map.copyOf(m));
        })
        .onEvent(LinkRevoked.class, (s, e) -> {
          var m = new HashMap<>(s.byHash());
          var l = m.get(e.tokenHash());
          m.put(e.tokenHash(), new Link(l.linkId(), l.residentId(), l.issuedAt(), l.issuedBy(), e.at()));
          return new State(Map.copyOf(m));
        })
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }
}
