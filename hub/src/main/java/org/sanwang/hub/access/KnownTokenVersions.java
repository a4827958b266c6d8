package org.sanwang.hub.access;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.sanwang.hub.live.LiveFeeds;

/**
 * This node's copy of every user's token version ({@link TokenVersions}), read on every
 * authenticated request. Versions only go up, so updates may arrive in any order and twice.
 * {@link #follow} keeps it current: each revoke arrives on the feed at once, and a full reload
 * every {@code reloadEvery} makes up for a feed message lost on the way (pub-sub is at most once).
 */
public final class KnownTokenVersions {
  private final ConcurrentHashMap<String, Long> versions = new ConcurrentHashMap<>();

  public long versionOf(String userId) {
    return versions.getOrDefault(userId, 0L);
  }

  public void advance(String userId, long version) {
    versions.merge(userId, version, Math::max);
  }

  public void advanceAll(Map<String, Long> all) {
    all.forEach(this::advance);
  }

  private record Reload() {}

  private record Loaded(TokenVersions.Versions versions) {}

  private record Failed(Throwable cause) {}

  /**
   * Subscribes to the feed, then loads every version ({@link TokenVersions#versions}), and reloads
   * every {@code reloadEvery}.
   */
  public static Behavior<Object> follow(KnownTokenVersions known, LiveFeeds feeds,
      Supplier<CompletionStage<TokenVersions.Versions>> load, Duration reloadEvery) {
    return Behaviors.setup(ctx -> {
      feeds.subscribe(TokenVersions.FEED, ctx.getSelf());
      return Behaviors.withTimers(timers -> {
        ctx.getSelf().tell(new Reload());
        timers.startTimerWithFixedDelay(new Reload(), reloadEvery);
        return Behaviors.receiveMessage(msg -> {
          if (msg instanceof TokenVersions.VersionChanged v) {
            known.advance(v.userId(), v.version());
          } else if (msg instanceof Reload) {
            ctx.pipeToSelf(load.get(),
                (ok, err) -> err == null ? new Loaded(ok) : new Failed(err));
          } else if (msg instanceof Loaded l) {
            known.advanceAll(l.versions().versions());
          } else if (msg instanceof Failed f) {
            ctx.getLog().warn("Could not load the token versions, retrying at the next reload: {}", f.cause().toString());
          }
          return Behaviors.same();
        });
      });
    });
  }
}
