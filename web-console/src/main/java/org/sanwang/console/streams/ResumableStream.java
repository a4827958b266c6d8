package org.sanwang.console.streams;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.japi.Pair;
import org.sanwang.hub.live.LiveFeeds;

/**
 * An offset-ordered stream that first replays everything after a given offset, then goes live,
 * with no gap and no duplicate: live elements are taken from a pub-sub feed (subscribed before the
 * replay starts), any hole before a live element is filled from durable history, a periodic check
 * catches an element whose live copy was lost, and elements at or below the last one sent are dropped.
 * A reader that falls {@code buffer} elements behind is dropped (the stream fails) and resumes by offset.
 */
public final class ResumableStream<T> {
  private static final Object CHECK = new Object();

  private final LiveFeeds feeds;
  private final Class<T> type;
  private final ToLongFunction<T> offsetOf;
  private final int buffer;
  private final Duration checkEvery;

  public ResumableStream(LiveFeeds feeds, Class<T> type, ToLongFunction<T> offsetOf, int buffer, Duration checkEvery) {
    this.feeds = feeds;
    this.type = type;
    this.offsetOf = offsetOf;
    this.buffer = buffer;
    this.checkEvery = checkEvery;
  }

  /**
   * @param range durable elements with offsets in {@code [from, to]}, in order; the source completes
   */
  public Source<T, NotUsed> after(String feed, long after, BiFunction<Long, Long, Source<T, NotUsed>> range) {
    Source<Object, NotUsed> live = FeedSource.<Object>of(feeds, feed, buffer, OverflowStrategy.fail())
        .merge(Source.tick(checkEvery, checkEvery, CHECK));

    Source<Object, NotUsed> all = range.apply(after + 1, Long.MAX_VALUE).map(x -> (Object) x).concat(live);

    return all
        .statefulMap(() -> after, (Long seen, Object element) -> plan(seen, element, range), last -> Optional.empty())
        .flatMapConcat(s -> s)
        .statefulMap(() -> after, (Long last, T element) -> {
          long offset = offsetOf.applyAsLong(element);
          return offset > last ? Pair.create(offset, Optional.of(element)) : Pair.create(last, Optional.<T>empty());
        }, last -> Optional.empty())
        .filter(Optional::isPresent)
        .map(Optional::get);
  }

  /** Decides, for each incoming element, what to read: the element itself, with any hole before it filled. */
  private Pair<Long, Source<T, NotUsed>> plan(Long seen, Object element, BiFunction<Long, Long, Source<T, NotUsed>> range) {
    if (element == CHECK) return Pair.create(seen, range.apply(seen + 1, Long.MAX_VALUE));
    if (!type.isInstance(element)) return Pair.create(seen, Source.empty());
    T t = type.cast(element);
    long offset = offsetOf.applyAsLong(t);
    if (offset <= seen) return Pair.create(seen, Source.empty());
    if (offset == seen + 1) return Pair.create(offset, Source.single(t));
    return Pair.create(offset, range.apply(seen + 1, offset - 1).concat(Source.single(t)));
  }
}
