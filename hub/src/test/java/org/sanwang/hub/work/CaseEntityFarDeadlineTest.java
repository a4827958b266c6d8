package org.sanwang.hub.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanwang.hub.work.WorkFixtures.GOVERNANCE;
import static org.sanwang.hub.work.WorkFixtures.RESIDENT;
import static org.sanwang.hub.work.WorkFixtures.caseFacts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.work.CaseEntity.State;

/**
 * With the real scheduler (not ManualTime, which takes any delay): the scheduler refuses a delay beyond
 * about 248 days (2^31 ticks of 10 ms), and a network may name any deadline when it dispatches a case.
 *
 * <p>BUG (fails until fixed): {@code CaseEntity.arm} hands the whole wait to {@code startSingleTimer}, which
 * throws {@code IllegalArgumentException} for a deadline that far away. The event is already stored, so the
 * dispatch is never answered, the entity stops, and every later recovery throws again in
 * {@code RecoveryCompleted}: the case can no longer be read or changed. Fix: bound the wait in {@code arm}
 * (e.g. to {@link CaseDeadlines#LONGEST}); a timer that fires early is re-armed by {@code overdue}
 * ({@code now().isBefore(deadline)}), as {@code CaseEntityTest} checks under ManualTime.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseEntityFarDeadlineTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  @Test
  void aCaseTheNetworkDispatchesWithADeadlineAYearAwayKeepsAnswering() {
    var underTest = testKit.spawn(CaseEntity.create("far-1", Clock.systemUTC()));
    var replies = testKit.<StatusReply<State>>createTestProbe();
    underTest.tell(new CaseEntity.Report(caseFacts("far-1", "c-shuangan"), CaseDeadlines.DEFAULT, RESIDENT, null, replies.getRef()));
    assertThat(replies.receiveMessage().isSuccess()).isTrue();

    Instant nextYear = Instant.now().plus(Duration.ofDays(365));
    underTest.tell(new CaseEntity.Dispatch(Level.street, nextYear, "转街道", GOVERNANCE, "governance:90", replies.getRef()));
    var dispatched = replies.receiveMessage(Duration.ofSeconds(5));
    assertThat(dispatched.isSuccess()).isTrue();
    assertThat(CaseView.deadline(dispatched.getValue())).isEqualTo(nextYear);

    var state = testKit.<State>createTestProbe();
    underTest.tell(new CaseEntity.GetCase(state.getRef()));
    assertThat(CaseEntity.record(state.receiveMessage(Duration.ofSeconds(5))).level()).isEqualTo(Level.street);
  }

  @Test
  void aCaseWhoseStoredDeadlineIsAYearAwayStillRecovers() {
    Instant now = Instant.now();
    Instant nextYear = now.plus(Duration.ofDays(365));
    PersistenceTestKit.create(testKit.system()).persistForRecovery(PersistenceId.of(CaseEntity.ENTITY_KEY.name(), "far-2").id(),
        List.of(
            new CaseEntity.CaseReported(caseFacts("far-2", "c-shuangan"), CaseDeadlines.DEFAULT, now.plus(Duration.ofHours(24)), null, now),
            new CaseEntity.CaseEscalated(Level.street, nextYear, GOVERNANCE, "转街道", false, "governance:91", now)));

    var underTest = testKit.spawn(CaseEntity.create("far-2", Clock.systemUTC()));
    var state = testKit.<State>createTestProbe();
    underTest.tell(new CaseEntity.GetCase(state.getRef()));
    var recovered = state.receiveMessage(Duration.ofSeconds(5));
    assertThat(CaseEntity.record(recovered).level()).isEqualTo(Level.street);
    assertThat(CaseView.deadline(recovered)).isEqualTo(nextYear);
  }
}
