package org.sanwang.console.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.live.LiveFeeds;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumableStreamTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  record Item(long offset) {}

  /** Durable history: what has been "persisted" so far, read by offset range. */
  static final class History {
    final List<Item> items = new CopyOnWriteArrayList<>();
    final List<long[]> reads = new CopyOnWriteArrayList<>();

    void persist(long offset) {
      items.add(new Item(offset));
    }

    Source<Item, NotUsed> range(long from, long to) {
      reads.add(new long[] {from, to});
      return Source.from(items.stream().filter(i -> i.offset() >= from && i.offset() <= to).toList());
    }
  }

  private ResumableStream<Item> underTest(int buffer) {
    return underTest(buffer, Duration.ofMillis(200));
  }

  private ResumableStream<Item> underTest(int buffer, Duration checkEvery) {
    return new ResumableStream<>(testKit.system(), Item.class, Item::offset, buffer, checkEvery);
  }

  @Test
  void aClientThatIsUpToDateIsReplayedNothingAndOneBehindOnlyWhatIsWritten() {
    var feeds = LiveFeeds.get(testKit.system());
    var history = new History();
    for (long o = 1; o <= 5; o++) history.persist(o);
    var streams = underTest(64, Duration.ofHours(1)); // no periodic look: every read is a replay
    var upToDate = new CopyOnWriteArrayList<Long>();
    streams.after("test:e", 5, 5, history::range).map(Item::offset).runWith(Sink.foreach(upToDate::add), testKit.system());
    var behind = new CopyOnWriteArrayList<Long>();
    streams.after("test:e", 3, 5, history::range).map(Item::offset).runWith(Sink.foreach(behind::add), testKit.system());
    await().until(() -> behind.size() == 2);
    history.persist(6);
    feeds.publish("test:e", new Item(6));
    await().untilAsserted(() -> {
      assertThat(upToDate).containsExactly(6L);
      assertThat(behind).containsExactly(4L, 5L, 6L);
    });
    assertThat(history.reads).as("one bounded replay, of the client that was behind").singleElement()
        .satisfies(r -> assertThat(r).containsExactly(4, 5));
  }

  @Test
  void aClientThatAttachesJustAfterAnElementWentByReadsItAtTheNextLook() {
    var feeds = LiveFeeds.get(testKit.system());
    var history = new History();
    var streams = underTest(64);
    var first = new CopyOnWriteArrayList<Long>();
    streams.after("test:f", 0, 0, history::range).map(Item::offset).runWith(Sink.foreach(first::add), testKit.system());
    await().until(() -> !history.reads.isEmpty()); // the live part runs: its first look at history is done
    history.persist(1);
    feeds.publish("test:f", new Item(1));
    await().until(() -> first.size() == 1);
    // A client whose "newest" was asked before 1 was written, and whose live part attaches after 1 went by.
    var late = new CopyOnWriteArrayList<Long>();
    streams.after("test:f", 0, 0, history::range).map(Item::offset).runWith(Sink.foreach(late::add), testKit.system());
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(late).containsExactly(1L));
  }

  @Test
  void replaysHistoryAfterTheOffsetThenGoesLiveWithoutGapsOrDuplicates() {
    var feeds = LiveFeeds.get(testKit.system());
    var history = new History();
    for (long o = 1; o <= 5; o++) history.persist(o);
    var received = new CopyOnWriteArrayList<Long>();
    underTest(64).after("test:a", 2, Long.MAX_VALUE, history::range).map(Item::offset).runWith(Sink.foreach(received::add), testKit.system());
    await().until(() -> received.size() == 3);
    for (long o = 6; o <= 9; o++) {
      history.persist(o);
      feeds.publish("test:a", new Item(o));
      feeds.publish("test:a", new Item(o)); // a duplicate delivery is dropped
    }
    await().untilAsserted(() -> assertThat(received).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L));
  }

  @Test
  void aHoleBeforeALiveElementIsFilledFromHistory() {
    var feeds = LiveFeeds.get(testKit.system());
    var history = new History();
    var received = new CopyOnWriteArrayList<Long>();
    underTest(64).after("test:b", 0, Long.MAX_VALUE, history::range).map(Item::offset).runWith(Sink.foreach(received::add), testKit.system());
    await().until(() -> !history.reads.isEmpty());
    for (long o = 1; o <= 4; o++) history.persist(o);
    feeds.publish("test:b", new Item(4)); // 1..3 were never published live
    await().untilAsserted(() -> assertThat(received).containsExactly(1L, 2L, 3L, 4L));
  }

  @Test
  void anElementWhoseLiveCopyWasLostArrivesByThePeriodicCheck() {
    var history = new History();
    var received = new CopyOnWriteArrayList<Long>();
    underTest(64).after("test:c", 0, Long.MAX_VALUE, history::range).map(Item::offset).runWith(Sink.foreach(received::add), testKit.system());
    await().until(() -> !history.reads.isEmpty()); // the replay is done: only the periodic check can find what comes next
    int readsBefore = history.reads.size();
    history.persist(1); // persisted, but its live message never arrives
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received).containsExactly(1L));
    assertThat(history.reads.size()).as("found by a later read of history").isGreaterThan(readsBefore);
  }

  @Test
  void aReaderThatFallsBehindIsDroppedAndThePublisherCarriesOn() {
    var feeds = LiveFeeds.get(testKit.system());
    var history = new History();
    var failure = new CompletableFuture<Throwable>();
    underTest(4).after("test:d", 0, Long.MAX_VALUE, history::range).runWith(Sink.fromSubscriber(new Subscriber<Item>() {
      @Override
      public void onSubscribe(Subscription s) {
        // subscribed, but never asks for an element: a reader that stopped reading
      }

      @Override
      public void onNext(Item item) {}

      @Override
      public void onError(Throwable t) {
        failure.complete(t);
      }

      @Override
      public void onComplete() {}
    }), testKit.system());
    await().until(() -> !history.reads.isEmpty());
    for (long o = 1; o <= 100; o++) {
      history.persist(o);
      feeds.publish("test:d", new Item(o)); // returns at once: fire-and-forget
    }
    assertThat(failure).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(BufferOverflowException.class);
  }
}
