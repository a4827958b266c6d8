package org.sanwang.hub.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;
import org.sanwang.hub.device.CallLinks;

/**
 * One-time activation links (双报到: a reported Party member sets their password on it). One entity
 * per link, named by the SHA-256 of its token: the token is only in the SMS, never stored. A link
 * works once, within {@link #VALID_FOR} of being issued.
 */
public final class Activations
    extends EventSourcedBehaviorWithEnforcedReplies<Activations.Command, Activations.Event, Activations.State> {

  public static final Duration VALID_FOR = Duration.ofHours(72);

  public sealed interface Command extends CborSerializable {}

  public record Issue(Link link, ActorRef<Link> replyTo) implements Command {}

  public record Get(ActorRef<Optional<Link>> replyTo) implements Command {}

  /** Marks the link used; refused when it is used or expired. */
  public record Use(ActorRef<StatusReply<Link>> replyTo) implements Command {}

  public record Link(String personId, String username, String community, Instant issuedAt, Instant expiresAt, Instant usedAt)
      implements CborSerializable {
    public boolean expired(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  public sealed interface Event extends CborSerializable {}

  public record Issued(Link link) implements Event {}

  public record Used(Instant at) implements Event {}

  /** {@code link} is null until issued. */
  public record State(Link link) implements CborSerializable {}

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Activation");

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), Clock.systemUTC())));
  }

  public static Behavior<Command> create(String tokenHash, Clock clock) {
    return new Activations(tokenHash, clock);
  }

  /** The entity id of a token. */
  public static String idOf(String token) {
    return CallLinks.hash(token);
  }

  /** A new token: 256 random bits, URL-safe. */
  public static String newToken() {
    return Passwords.randomSecret() + Passwords.randomSecret();
  }

  private final Clock clock;

  private Activations(String tokenHash, Clock clock) {
    super(PersistenceId.of(ENTITY_KEY.name(), tokenHash), Entities.ON_JOURNAL_FAILURE);
    this.clock = clock;
  }

  @Override
  public State emptyState() {
    return new State(null);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Issue.class, (s, c) -> s.link() != null ? Effect().reply(c.replyTo(), s.link())
            : Effect().persist(new Issued(c.link())).thenReply(c.replyTo(), State::link))
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), Optional.ofNullable(s.link())))
        .onCommand(Use.class, (s, c) -> {
          if (s.link() == null) return Effect().reply(c.replyTo(), StatusReply.error("no such link"));
          if (s.link().usedAt() != null) return Effect().reply(c.replyTo(), StatusReply.error("used"));
          if (s.link().expired(clock.instant())) return Effect().reply(c.replyTo(), StatusReply.error("expired"));
          return Effect().persist(new Used(clock.instant())).thenReply(c.replyTo(), after -> StatusReply.success(after.link()));
        })
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(Issued.class, (s, e) -> new State(e.link()))
        .onEvent(Used.class, (s, e) -> {
          var l = s.link();
          return new State(new Link(l.personId(), l.username(), l.community(), l.issuedAt(), l.expiresAt(), e.at()));
        })
        .build();
  }
}
