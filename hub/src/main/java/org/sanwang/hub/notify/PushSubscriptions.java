package org.sanwang.hub.notify;

import java.util.List;
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
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;

/** A person's Web Push subscriptions (one per browser or phone), a fallback channel of the inbox. */
public final class PushSubscriptions
    extends EventSourcedBehaviorWithEnforcedReplies<PushSubscriptions.Command, PushSubscriptions.Event, PushSubscriptions.State> {

  public record Subscription(String endpoint, String p256dh, String auth) implements CborSerializable {}

  public sealed interface Command extends CborSerializable {}

  public record Subscribe(Subscription subscription, ActorRef<State> replyTo) implements Command {}

  public record Unsubscribe(String endpoint, ActorRef<State> replyTo) implements Command {}

  public record GetSubscriptions(ActorRef<State> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record Subscribed(Subscription subscription) implements Event {}

  public record Unsubscribed(String endpoint) implements Event {}

  public record State(List<Subscription> subscriptions) implements CborSerializable {}

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "PushSubscriptions");
  static final int MAX = 10;

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String personId) {
    return new PushSubscriptions(PersistenceId.of(ENTITY_KEY.name(), personId));
  }

  private PushSubscriptions(PersistenceId id) {
    super(id, Entities.ON_JOURNAL_FAILURE);
  }

  @Override
  public State emptyState() {
    return new State(List.of());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Subscribe.class, (s, c) -> s.subscriptions().contains(c.subscription()) ? Effect().reply(c.replyTo(), s)
            : Effect().persist(new Subscribed(c.subscription())).thenReply(c.replyTo(), after -> after))
        .onCommand(Unsubscribe.class, (s, c) -> s.subscriptions().stream().noneMatch(x -> x.endpoint().equals(c.endpoint()))
            ? Effect().reply(c.replyTo(), s)
            : Effect().persist(new Unsubscribed(c.endpoint())).thenReply(c.replyTo(), after -> after))
        .onCommand(GetSubscriptions.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(Subscribed.class, (s, e) -> {
          var list = new java.util.ArrayList<>(s.subscriptions().stream()
              .filter(x -> !x.endpoint().equals(e.subscription().endpoint())).toList());
          list.add(e.subscription());
          while (list.size() > MAX) list.remove(0);
          return new State(List.copyOf(list));
        })
        .onEvent(Unsubscribed.class, (s, e) -> new State(s.subscriptions().stream()
            .filter(x -> !x.endpoint().equals(e.endpoint())).toList()))
        .build();
  }
}
