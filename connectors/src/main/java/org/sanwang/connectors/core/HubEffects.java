package org.sanwang.connectors.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.sanwang.hub.community.CommunityEntity;
import org.sanwang.hub.community.CommunityRoster;
import org.sanwang.hub.group.GroupEntity;
import org.sanwang.hub.group.Sender;
import org.sanwang.hub.inbox.InboxEntity;
import org.sanwang.hub.inbox.InboxItem;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgImport;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgRegistry;

/**
 * Carries a network event's {@link Decision.Effect effects} out through the hub's entities, one after
 * another; done when each entity has made its change durable. Applying the same event again changes
 * nothing further in the groups: each message's {@code clientMsgId} is the event's offset and place.
 */
public final class HubEffects {
  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final Duration timeout;
  private final Executor hashing;

  public HubEffects(ActorSystem<?> system, OrgDirectory directory, Duration timeout, Executor hashing) {
    this.system = system;
    this.directory = directory;
    this.timeout = timeout;
    this.hashing = hashing;
  }

  /** The network's own voice in the groups it posts to. */
  public static Sender sender(Network n) {
    return new Sender(n.id() + "-network", n.nameZh(), "system");
  }

  public CompletionStage<Done> run(Network n, long offset, List<Decision.Effect> effects) {
    CompletionStage<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
    for (int i = 0; i < effects.size(); i++) {
      var effect = effects.get(i);
      String place = n.id() + ":" + offset + ":" + i;
      chain = chain.thenCompose(done -> run(n, place, offset, effect));
    }
    return chain;
  }

  private CompletionStage<Done> run(Network n, String place, long offset, Decision.Effect effect) {
    var sharding = ClusterSharding.get(system);
    if (effect instanceof Decision.PostToGroup post)
      return sharding.entityRefFor(GroupEntity.ENTITY_KEY, post.groupId())
          .<GroupEntity.Receipt>ask(r -> new GroupEntity.PostMessage(sender(n), n.id(), post.kind(), post.text(), place, r), timeout)
          .thenApply(receipt -> Done.getInstance());
    if (effect instanceof Decision.Notify notify)
      return sharding.entityRefFor(InboxEntity.ENTITY_KEY, notify.personId())
          .<InboxItem>ask(r -> new InboxEntity.Deliver(notify.kind(), notify.title(), notify.body(),
              new InboxItem.Ref("network-event", n.id() + ":" + offset), r), timeout)
          .thenApply(item -> Done.getInstance());
    if (effect instanceof Decision.UpsertResident upsert)
      return CompletableFuture
          .supplyAsync(() -> OrgImporter.toTree(new OrgImport(List.of(), List.of(), List.of(upsert.resident())),
              directory.index().tree()), hashing)
          .thenCompose(delta -> registry().<OrgRegistry.ImportResult>ask(r -> new OrgRegistry.ImportTree(delta, r), timeout))
          .thenCompose(result -> rosterChanged(upsert.resident().building()));
    var remove = (Decision.RemoveResident) effect;
    var resident = directory.index().tree().residents().get(remove.residentId());
    return registry().<OrgRegistry.ImportResult>ask(r -> new OrgRegistry.RemoveResident(remove.residentId(), r), timeout)
        .thenCompose(result -> resident == null ? CompletableFuture.completedFuture(Done.getInstance())
            : rosterChanged(resident.building()));
  }

  private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<OrgRegistry.Command> registry() {
    return ClusterSharding.get(system).entityRefFor(OrgRegistry.ENTITY_KEY, OrgRegistry.ID);
  }

  /** This node's directory and the building's community entity brought in line with the changed roster. */
  private CompletionStage<Done> rosterChanged(String building) {
    return registry().<OrgRegistry.TreeVersion>ask(OrgRegistry.GetTree::new, timeout).thenCompose(tree -> {
      directory.update(tree.tree());
      var roster = CommunityRoster.all(tree.tree()).get(Codes.communityOf(building));
      if (roster == null) return CompletableFuture.completedFuture(Done.getInstance());
      return ClusterSharding.get(system).entityRefFor(CommunityEntity.ENTITY_KEY, roster.code())
          .<CommunityEntity.State>ask(r -> new CommunityEntity.SyncRoster(roster, r), timeout)
          .thenApply(s -> Done.getInstance());
    });
  }
}
