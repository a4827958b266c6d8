package org.sanwang.console.streams;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;
import org.sanwang.hub.live.LiveFeeds;

/**
 * An offset-ordered stream that first replays everything after a given offset, then goes live,
 * with no gap and no duplicate. The live part is shared by this node's clients of the feed
 * ({@link SharedFeeds}): one pub-sub subscription, which fills any hole before a live element
 * from durable history and checks history periodically for an element whose live copy was lost,
 * once for all of them. Each client replays its own history up to the live part, fills a hole of
 * its own (it attached while an element went by), and drops elements at or below the last it sent.
 * A reader that falls {@code buffer} elements behind is dropped (the stream fails) and resumes by offset.
 */
public final class ResumableStream<T> {
  private static final Object CHECK = new Object();

  private final ActorSystem<?> system;
  private final Class<T> type;
  private final ToLongFunction<T> offsetOf;
  private final int buffer;
  private final Duration checkEvery;

  public ResumableStream(ActorSystem<?> system, Class<T> type, ToLongFunction<T> offsetOf, int buffer,
      Duration checkEvery) {
    this.system = system;
    this.type = type;
    this.offsetOf = offsetOf;
    this.buffer = buffer;
    this.checkEvery = checkEvery;
  }

  /** The newest offset this node's shared live part of {@code feed} has passed on, if one runs: where "now" is, without asking. */
  public OptionalLong newest(String feed) {
    return SharedFeeds.get(system).last(key(feed));
  }

  /**
   * The elements after {@code after}: replayed up to {@code newest}, then live.
   *
   * @param newest the offset up to which everything is written, as the feed's source said when
   *     asked (its newest then): the replay reads {@code (after, newest]}, nothing when {@code after}
   *     is there already; anything later comes live, a hole filled from history. {@code
   *     Long.MAX_VALUE} when not known: the replay reads whatever is written
   * @param range durable elements with offsets in {@code [from, to]}, in order; the source completes
   */
  public Source<T, NotUsed> after(String feed, long after, long newest, BiFunction<Long, Long, Source<T, NotUsed>> range) {
    var shared = SharedFeeds.get(system);
    String key = key(feed);
    Source<Object, NotUsed> live = shared.<Object>attach(key, () -> sharedLive(key, feed, after, range))
        .buffer(buffer, OverflowStrategy.fail());
    // Caught up with what the live part has passed on, or with the newest written: nothing to replay.
    long upTo = Math.min(newest, newest(feed).orElse(Long.MAX_VALUE));
    Source<Object, NotUsed> all = upTo <= after ? live : widen(range.apply(after + 1, upTo)).concat(live);
    return all
        .statefulMap(() -> after, (Long seen, Object element) -> plan(seen, element, range), last -> Optional.empty())
        .flatMapConcat(s -> s)
        .via(this.<T>increasing(after));
  }

  /**
   * Only the elements above the last one passed on (starting above {@code start}): no duplicate,
   * nothing stale. Anything that is not an element (the shared live part's markers) passes as it is.
   */
  private <X> Flow<X, X, NotUsed> increasing(long start) {
    return Flow.<X>create()
        .statefulMap(() -> start, (Long last, X element) -> {
          if (!type.isInstance(element)) return Pair.create(last, Optional.of(element));
          long offset = offsetOf.applyAsLong(type.cast(element));
          return offset > last ? Pair.create(offset, Optional.of(element)) : Pair.create(last, Optional.<X>empty());
        }, last -> Optional.empty())
        .filter(Optional::isPresent)
        .map(Optional::get);
  }

  /** A source of {@code X} seen as one of objects: a cast, not a stage. */
  @SuppressWarnings("unchecked")
  private static <X> Source<Object, NotUsed> widen(Source<X, NotUsed> source) {
    return (Source<Object, NotUsed>) (Source<?, NotUsed>) source;
  }

  private static String key(String feed) {
    return "ordered:" + feed;
  }

  /**
   * The node's live part of a feed, in order and without holes from its first element on: the one
   * subscription, with holes filled from history and a periodic look for elements whose live copy
   * was lost, from the last one passed on (before any, from {@code hint}: where its first client was).
   * After each look it passes on {@link Passed}, the newest offset passed so far: a client that
   * attached just after an element went by learns of it there and reads it from history.
   */
  private Source<Object, NotUsed> sharedLive(String key, String feed, long hint, BiFunction<Long, Long, Source<T, NotUsed>> range) {
    var shared = SharedFeeds.get(system);
    return FeedSource.<Object>subscription(LiveFeeds.get(system), feed)
        .merge(Source.tick(checkEvery, checkEvery, CHECK))
        .statefulMap(() -> -1L, (Long seen, Object element) -> {
          long known = Math.max(seen, shared.last(key).orElse(-1));
          if (element == CHECK)
            return Pair.create(seen, widen(range.apply(Math.max(known, hint) + 1, Long.MAX_VALUE)).concat(Source.single(CHECK)));
          var plan = plan(known < 0 ? firstSeen(element) : known, element, range);
          return Pair.create(plan.first(), widen(plan.second()));
        }, last -> Optional.empty())
        .flatMapConcat(s -> s)
        .via(this.<Object>increasing(-1))
        .map(element -> {
          if (element == CHECK) return new Passed(shared.last(key).orElse(-1));
          shared.passed(key, offsetOf.applyAsLong(type.cast(element)));
          return element;
        });
  }

  /** The shared live part's word, after a look at history, that everything up to {@code offset} has gone by. */
  private record Passed(long offset) {}

  /** Before its first element the live part knows no offset: it starts just before that element. */
  private long firstSeen(Object element) {
    return type.isInstance(element) ? offsetOf.applyAsLong(type.cast(element)) - 1 : -1;
  }

  /** Decides, for each incoming element, what to read: the element itself, with any hole before it filled. */
  private Pair<Long, Source<T, NotUsed>> plan(Long seen, Object element, BiFunction<Long, Long, Source<T, NotUsed>> range) {
    if (element instanceof Passed passed)
      return passed.offset() > seen ? Pair.create(passed.offset(), range.apply(seen + 1, passed.offset())) : Pair.create(seen, Source.empty());
    if (!type.isInstance(element)) return Pair.create(seen, Source.empty());
    T t = type.cast(element);
    long offset = offsetOf.applyAsLong(t);
    if (offset <= seen) return Pair.create(seen, Source.empty());
    if (offset == seen + 1) return Pair.create(offset, Source.single(t));
    return Pair.create(offset, range.apply(seen + 1, offset - 1).concat(Source.single(t)));
  }
}
