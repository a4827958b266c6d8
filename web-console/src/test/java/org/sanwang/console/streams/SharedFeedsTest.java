package org.sanwang.console.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.live.LiveFeeds;

/** A node's clients of one feed share one subscription, each with a buffer of its own. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedFeedsTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void manyClientsOfAFeedShareOneSubscriptionWhichEndsWithTheLastClient() {
    var system = testKit.system();
    var shared = SharedFeeds.get(system);
    shared.bindTo(registry);
    var feeds = LiveFeeds.get(system);
    int clients = 200;
    List<CopyOnWriteArrayList<String>> received = new ArrayList<>();
    List<UniqueKillSwitch> switches = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      var got = new CopyOnWriteArrayList<String>();
      received.add(got);
      switches.add(shared.client("alerts", () -> FeedSource.<String>of(system, "shared:a", 16, OverflowStrategy.fail()))
          .viaMat(KillSwitches.single(), Keep.right()).toMat(Sink.foreach(got::add), Keep.left()).run(system));
    }
    await().untilAsserted(() -> assertThat(gauge("sanwang_stream_clients", "kind", "alerts")).isEqualTo(clients));
    assertThat(gauge("sanwang_stream_subscriptions")).as("one subscription for all of them").isEqualTo(1);
    // Every client hears what is published once the subscription is in place.
    await().untilAsserted(() -> {
      feeds.publish("shared:a", "ping");
      assertThat(received).allSatisfy(got -> assertThat(got).contains("ping"));
    });
    switches.forEach(UniqueKillSwitch::shutdown);
    await().untilAsserted(() -> {
      assertThat(gauge("sanwang_stream_clients", "kind", "alerts")).isZero();
      assertThat(gauge("sanwang_stream_subscriptions")).as("gone with the last client").isZero();
    });
  }

  @Test
  void aClientThatStopsReadingIsDroppedWhileTheOthersGoOn() {
    var system = testKit.system();
    var feeds = LiveFeeds.get(system);
    var slow = FeedSource.<Integer>of(system, "shared:b", 4, OverflowStrategy.fail())
        .runWith(Sink.<Integer>asPublisher(org.apache.pekko.stream.javadsl.AsPublisher.WITHOUT_FANOUT), system);
    var failed = new java.util.concurrent.CompletableFuture<Throwable>();
    slow.subscribe(new org.reactivestreams.Subscriber<>() {
      public void onSubscribe(org.reactivestreams.Subscription s) {} // never asks: a phone gone quiet

      public void onNext(Integer i) {}

      public void onError(Throwable t) {
        failed.complete(t);
      }

      public void onComplete() {}
    });
    var got = new CopyOnWriteArrayList<Integer>();
    FeedSource.<Integer>of(system, "shared:b", 1000, OverflowStrategy.fail()).runWith(Sink.foreach(got::add), system);
    await().untilAsserted(() -> {
      feeds.publish("shared:b", -1);
      assertThat(got).contains(-1);
    });
    for (int i = 0; i < 100; i++) feeds.publish("shared:b", i);
    assertThat(failed).succeedsWithin(Duration.ofSeconds(5));
    await().untilAsserted(() -> assertThat(got).contains(99));
  }
}
