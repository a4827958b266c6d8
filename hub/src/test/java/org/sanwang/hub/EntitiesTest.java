package org.sanwang.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.community.CommunityEntity;
import org.sanwang.hub.community.EscalationPolicy;

/** An entity whose journal write fails restarts with backoff and serves again, instead of staying stopped. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class EntitiesTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  @Test
  void theRestartStrategyIsDefined() {
    assertThat(Entities.ON_JOURNAL_FAILURE).isNotNull();
  }

  @Test
  void anEntityWhoseWriteFailedRecoversAndAnswersAgain() {
    var persistence = PersistenceTestKit.create(testKit.system());
    var underTest = testKit.spawn(CommunityEntity.create("130803001001"));
    var replies = testKit.<CommunityEntity.PolicyResult>createTestProbe();
    var policy = new EscalationPolicy(EscalationPolicy.DEFAULT.steps(), Duration.ofMinutes(10), Duration.ofMinutes(20));

    persistence.failNextPersisted();
    underTest.tell(new CommunityEntity.SetEscalationPolicy(policy, replies.getRef()));
    replies.expectNoMessage(Duration.ofMillis(100));

    var state = testKit.<CommunityEntity.State>createTestProbe();
    underTest.tell(new CommunityEntity.GetCommunity(state.getRef()));
    assertThat(state.receiveMessage(Duration.ofSeconds(10)).policy()).as("restarted from the journal: the failed write is not there")
        .isEqualTo(EscalationPolicy.DEFAULT);
    underTest.tell(new CommunityEntity.SetEscalationPolicy(policy, replies.getRef()));
    assertThat(replies.receiveMessage(Duration.ofSeconds(10)).errors()).isEmpty();
  }
}
