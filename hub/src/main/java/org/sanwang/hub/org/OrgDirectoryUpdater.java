package org.sanwang.hub.org;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.sanwang.hub.live.LiveFeeds;

/**
 * Keeps this node's {@link OrgDirectory} current: loads the tree at start and again whenever the
 * registry announces a change, retrying until the registry answers.
 */
public final class OrgDirectoryUpdater {
  private OrgDirectoryUpdater() {}

  private record Refresh() {}

  private record Loaded(OrgRegistry.TreeVersion tree) {}

  private record Failed(Throwable cause) {}

  public static Behavior<Object> create(OrgDirectory directory, LiveFeeds feeds, Duration askTimeout) {
    return Behaviors.setup(ctx -> {
      feeds.subscribe(OrgRegistry.FEED, ctx.getSelf());
      var registry = ClusterSharding.get(ctx.getSystem()).entityRefFor(OrgRegistry.ENTITY_KEY, OrgRegistry.ID);
      ctx.getSelf().tell(new Refresh());
      long[] loaded = {-1};
      return Behaviors.withTimers(timers -> Behaviors.receiveMessage(msg -> {
        if (msg instanceof Refresh || msg instanceof OrgRegistry.TreeChanged) {
          ctx.pipeToSelf(registry.ask(OrgRegistry.GetTree::new, askTimeout),
              (ok, err) -> err == null ? new Loaded(ok) : new Failed(err));
        } else if (msg instanceof Loaded l && l.tree().version() > loaded[0]) {
          directory.update(l.tree().tree());
          loaded[0] = l.tree().version();
          ctx.getLog().info("Organisation tree version {} loaded: {} entries", l.tree().version(), l.tree().tree().size());
        } else if (msg instanceof Failed f) {
          ctx.getLog().warn("Could not load the organisation tree, retrying: {}", f.cause().toString());
          timers.startSingleTimer(new Refresh(), Duration.ofSeconds(1));
        }
        return Behaviors.same();
      }));
    });
  }
}
