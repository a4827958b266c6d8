package org.sanwang.hub.community;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.sanwang.hub.org.OrgTree;

/**
 * Brings every community entity in line with the organisation tree. Idempotent (an unchanged
 * roster writes nothing), so it runs after each import and once at start, which also repairs a
 * crash between an import and its sync.
 */
public final class CommunitySync {
  private CommunitySync() {}

  public static CompletionStage<Void> syncAll(ActorSystem<?> system, OrgTree tree, Duration timeout) {
    var sharding = ClusterSharding.get(system);
    var asks = CommunityRoster.all(tree).values().stream()
        .map(roster -> sharding.entityRefFor(CommunityEntity.ENTITY_KEY, roster.code())
            .<CommunityEntity.State>ask(r -> new CommunityEntity.SyncRoster(roster, r), timeout)
            .toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(asks);
  }
}
