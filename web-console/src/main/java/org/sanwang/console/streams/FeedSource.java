package org.sanwang.console.streams;

import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;
import org.sanwang.hub.live.LiveFeeds;

/** A live feed as a stream: subscribed when the stream starts, unsubscribed when it ends, bounded. */
public final class FeedSource {
  private FeedSource() {}

  public static <T> Source<T, NotUsed> of(LiveFeeds feeds, String feed, int buffer, OverflowStrategy overflow) {
    return ActorSource.<T>actorRef(m -> false, m -> Optional.empty(), buffer, overflow)
        .mapMaterializedValue(ref -> {
          feeds.subscribe(feed, ref);
          return ref;
        })
        .watchTermination((ref, done) -> {
          done.whenComplete((d, e) -> feeds.unsubscribe(feed, ref));
          return NotUsed.getInstance();
        });
  }
}
