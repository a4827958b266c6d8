package org.sanwang.hub.notify;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.sanwang.hub.inbox.InboxEntity;
import org.sanwang.hub.inbox.InboxItem;

/** Delivers into the person's durable inbox; done once the item is persisted (and streamed). */
public final class InboxChannel implements NotificationChannel {
  private final ActorSystem<?> system;
  private final Duration timeout;

  public InboxChannel(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "inbox";
  }

  @Override
  public CompletionStage<Void> send(Notification n) {
    return ClusterSharding.get(system).entityRefFor(InboxEntity.ENTITY_KEY, n.personId())
        .<InboxItem>ask(r -> new InboxEntity.Deliver(n.kind(), n.title(), n.body(), n.ref(), r), timeout)
        .thenApply(item -> null);
  }
}
