package org.sanwang.console.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanwang.hub.live.LiveFeeds;

/**
 * A feed's subscription opened and closed again and again on a cluster node, as phones come and go:
 * the node's cluster receptionist, through which every pub-sub topic finds its subscribers, keeps
 * running, and a feed still reaches a new subscriber afterwards. (An explicit unsubscribe racing
 * the subscriber's own end made Pekko's topic deregister twice, and the receptionist stopped on it.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedSourceClusterTest {
  private ActorTestKit testKit;

  @BeforeAll
  void startOneNodeCluster() {
    testKit = ActorTestKit.create("feeds", ConfigFactory.parseString("""
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = 127.0.0.1
        pekko.remote.artery.canonical.port = 0
        pekko.cluster.jmx.enabled = off
        """).withFallback(ConfigFactory.load()));
    var cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    await().until(() -> cluster.selfMember().status() == MemberStatus.up());
  }

  @AfterAll
  void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void subscriptionsThatComeAndGoLeaveTheReceptionistRunningAndTheFeedDelivering() {
    var system = testKit.system();
    var feeds = LiveFeeds.get(system);
    for (int i = 0; i < 300; i++) {
      var kill = FeedSource.<String>subscription(feeds, "churn:" + (i % 3)).viaMat(KillSwitches.single(), Keep.right())
          .to(Sink.ignore()).run(system);
      kill.shutdown();
    }
    ServiceKey<String> probeKey = ServiceKey.create(String.class, "still-there");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(), r -> Receptionist.find(probeKey, r),
            Duration.ofSeconds(1), system.scheduler()).toCompletableFuture().get()).isNotNull());

    var received = new CopyOnWriteArrayList<String>();
    FeedSource.<String>subscription(feeds, "churn:1").to(Sink.foreach(received::add)).run(system);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      feeds.publish("churn:1", "after the churn");
      assertThat(received).contains("after the churn");
    });
  }
}
