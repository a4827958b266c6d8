package org.sanwang.console.streams;

import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSource;
import org.sanwang.hub.live.LiveFeeds;

/**
 * A live feed as a stream for one client: the node's one subscription to the feed (shared by its
 * clients, {@link SharedFeeds}), behind a buffer of the client's own that keeps {@code buffer}
 * elements and then applies {@code overflow}.
 */
public final class FeedSource {
  /** What the node's one subscription to a feed holds while its clients' buffers take the elements over. */
  static final int SUBSCRIPTION_BUFFER = 4096;

  private FeedSource() {}

  public static <T> Source<T, NotUsed> of(ActorSystem<?> system, String feed, int buffer, OverflowStrategy overflow) {
    return SharedFeeds.get(system).<T>attach("live:" + feed, () -> subscription(LiveFeeds.get(system), feed))
        .buffer(buffer, overflow);
  }

  /**
   * One subscription to a pub-sub feed: subscribed when the stream starts, and gone when it ends,
   * because the topic watches its subscribers. Never unsubscribed as well: an unsubscribe that
   * reaches Pekko's topic after it saw the subscriber end makes it deregister from the receptionist
   * twice, and the cluster receptionist stops on that, taking every topic of the node with it.
   */
  static <T> Source<T, NotUsed> subscription(LiveFeeds feeds, String feed) {
    return ActorSource.<T>actorRef(m -> false, m -> Optional.empty(), SUBSCRIPTION_BUFFER, OverflowStrategy.fail())
        .mapMaterializedValue(ref -> {
          feeds.subscribe(feed, ref);
          return NotUsed.getInstance();
        });
  }
}
