package org.sanwang.hub.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sanwang.hub.work.WorkFixtures.GOVERNANCE;
import static org.sanwang.hub.work.WorkFixtures.LIU;
import static org.sanwang.hub.work.WorkFixtures.RESIDENT;
import static org.sanwang.hub.work.WorkFixtures.START;
import static org.sanwang.hub.work.WorkFixtures.STREET_DUTY;
import static org.sanwang.hub.work.WorkFixtures.ZHAO;
import static org.sanwang.hub.work.WorkFixtures.caseFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.ManualTimePersistence;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.work.CaseEntity.CaseEscalated;
import org.sanwang.hub.work.CaseEntity.Command;
import org.sanwang.hub.work.CaseEntity.Event;
import org.sanwang.hub.work.CaseEntity.State;

/**
 * A case under ManualTime and a clock moved with it: the deadline of each level lifts the case to the
 * next (community → street → district, where it stays and is overdue), by hand too; the lifecycle's
 * refusals; a network's change applied once by its key; and the deadline re-armed after a restart.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseEntityTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(ManualTimePersistence.config()).build();

  static final CaseDeadlines QUICK = new CaseDeadlines(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3));

  private ManualTime manualTime;
  private MutableClock clock;
  private EventSourcedBehaviorTestKit<Command, Event, State> underTest;
  private String caseId;
  private int n;

  @BeforeEach
  void setUp() {
    manualTime = ManualTime.get(testKit.system());
    clock = new MutableClock(START);
    caseId = "case-" + (++n);
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(), CaseEntity.create(caseId, clock));
    underTest.clear();
  }

  /** The clock first, then the timers: a timer that fires sees the time it was set for. */
  private void timePasses(Duration d) {
    clock.advance(d);
    manualTime.timePasses(d);
  }

  private CommandResultWithReply<Command, Event, State, StatusReply<State>> run(
      Function<ActorRef<StatusReply<State>>, Command> command) {
    return underTest.runCommand(command);
  }

  private StatusReply<State> report(CaseDeadlines deadlines) {
    return run(r -> new CaseEntity.Report(caseFacts(caseId, "c-shuangan"), deadlines, RESIDENT, null, r)).reply();
  }

  private StatusReply<State> accept(Actor by, String key) {
    return run(r -> new CaseEntity.Accept(by, "收到", key, r)).reply();
  }

  private StatusReply<State> escalate(Actor by) {
    return run(r -> new CaseEntity.Escalate(by, "需要街道协调", null, r)).reply();
  }

  private StatusReply<State> resolve(Actor by, String key) {
    return run(r -> new CaseEntity.Resolve(by, "已清理", List.of("ph-2"), key, r)).reply();
  }

  private Level level() {
    return CaseEntity.record(underTest.getState()).level();
  }

  private List<WorkStep> escalations() {
    return CaseEntity.record(underTest.getState()).timeline().stream().filter(s -> s.what().equals("escalated")).toList();
  }

  private List<Object> stored() {
    return underTest.persistenceTestKit().persistedInStorage(PersistenceId.of(CaseEntity.ENTITY_KEY.name(), caseId).id());
  }

  @Test
  void aReportOpensTheCaseAtTheCommunityWithTheCommunityDeadline() {
    var reply = report(CaseDeadlines.DEFAULT);
    assertThat(reply.isSuccess()).isTrue();
    assertThat(reply.getValue()).isInstanceOf(CaseEntity.Waiting.class);
    assertThat(reply.getValue().state()).isEqualTo("reported");
    assertThat(reply.getValue().open()).isTrue();
    var record = CaseEntity.record(reply.getValue());
    assertThat(record.level()).isEqualTo(Level.community);
    assertThat(record.reportedAt()).isEqualTo(START);
    assertThat(CaseView.deadline(reply.getValue())).isEqualTo(START.plus(Duration.ofHours(24)));
    assertThat(record.timeline()).extracting(WorkStep::what).containsExactly("reported");
    assertThat(record.timeline().get(0).by()).isEqualTo(RESIDENT);
  }

  @Test
  void anUnattendedCaseClimbsToTheStreetAfterADayThenToTheDistrictAfterThreeMoreAndStaysThereOverdue() {
    report(CaseDeadlines.DEFAULT);

    timePasses(Duration.ofHours(23));
    assertThat(level()).as("an hour before the community's deadline").isEqualTo(Level.community);
    timePasses(Duration.ofHours(1));
    await().until(() -> level() == Level.street);
    var toStreet = escalations().get(0);
    assertThat(toStreet.auto()).isTrue();
    assertThat(toStreet.by()).isNull();
    assertThat(toStreet.at()).isEqualTo(START.plus(Duration.ofHours(24)));
    assertThat(toStreet.deadline()).isEqualTo(START.plus(Duration.ofHours(24 + 72)));
    assertThat(underTest.getState()).isInstanceOf(CaseEntity.Waiting.class);
    assertThat(CaseView.overdue(underTest.getState(), clock.instant())).isFalse();

    timePasses(Duration.ofHours(71));
    assertThat(level()).isEqualTo(Level.street);
    timePasses(Duration.ofHours(1));
    await().until(() -> level() == Level.district);
    var toDistrict = escalations().get(1);
    assertThat(toDistrict.auto()).isTrue();
    assertThat(toDistrict.level()).isEqualTo("district");
    Instant districtDeadline = START.plus(Duration.ofHours(96)).plus(Duration.ofDays(7));
    assertThat(toDistrict.deadline()).isEqualTo(districtDeadline);
    assertThat(CaseView.deadline(underTest.getState())).isEqualTo(districtDeadline);

    timePasses(Duration.ofDays(7).plusHours(1));
    assertThat(level()).as("the district is the top").isEqualTo(Level.district);
    assertThat(underTest.getState()).isInstanceOf(CaseEntity.Waiting.class);
    assertThat(escalations()).hasSize(2);
    assertThat(stored()).hasSize(3);
    assertThat(CaseView.overdue(underTest.getState(), clock.instant())).isTrue();
  }

  @Test
  void aCommunitysOwnDeadlinesSetWhenEachLevelGivesUp() {
    report(QUICK);
    assertThat(CaseView.deadline(underTest.getState())).isEqualTo(START.plus(Duration.ofHours(1)));

    timePasses(Duration.ofHours(1));
    await().until(() -> level() == Level.street);
    assertThat(CaseView.deadline(underTest.getState())).isEqualTo(START.plus(Duration.ofHours(3)));

    timePasses(Duration.ofHours(2));
    await().until(() -> level() == Level.district);
    assertThat(CaseView.deadline(underTest.getState())).isEqualTo(START.plus(Duration.ofHours(6)));
    assertThat(CaseView.overdue(underTest.getState(), clock.instant())).isFalse();

    timePasses(Duration.ofHours(3).plusMinutes(1));
    assertThat(CaseView.overdue(underTest.getState(), clock.instant())).isTrue();
    assertThat(escalations()).extracting(WorkStep::level).containsExactly("street", "district");
  }

  @Test
  void anAcceptedCaseThatMissesItsDeadlineClimbsAndWaitsToBeAcceptedAtTheNextLevel() {
    report(CaseDeadlines.DEFAULT);
    var accepted = accept(LIU, null);
    assertThat(accepted.getValue()).isInstanceOf(CaseEntity.InHand.class);
    assertThat(CaseView.deadline(accepted.getValue())).as("accepting does not move the deadline")
        .isEqualTo(START.plus(Duration.ofHours(24)));

    timePasses(Duration.ofHours(24));
    await().until(() -> level() == Level.street);
    assertThat(underTest.getState()).isInstanceOf(CaseEntity.Waiting.class);
    assertThat(CaseEntity.record(underTest.getState()).acceptedBy()).isNull();
    assertThat(accept(STREET_DUTY, null).getValue()).isInstanceOf(CaseEntity.InHand.class);
  }

  @Test
  void escalatingByHandMovesTheCaseUpWithTheNextLevelsFullDeadlineAndTheOldTimerNoLongerCounts() {
    report(CaseDeadlines.DEFAULT);
    timePasses(Duration.ofHours(5));

    var result = run(r -> new CaseEntity.Escalate(LIU, "需要街道协调", null, r));
    assertThat(result.reply().isSuccess()).isTrue();
    var event = result.eventOfType(CaseEscalated.class);
    assertThat(event.level()).isEqualTo(Level.street);
    assertThat(event.auto()).isFalse();
    assertThat(event.by()).isEqualTo(LIU);
    assertThat(event.deadline()).isEqualTo(START.plus(Duration.ofHours(5 + 72)));

    timePasses(Duration.ofHours(19)); // the community's deadline: nothing happens
    timePasses(Duration.ofHours(53)); // the street's: to the district
    await().until(() -> level() == Level.district);
    assertThat(escalations()).extracting(WorkStep::at)
        .as("the district was reached when the street's deadline passed, not the community's")
        .containsExactly(START.plus(Duration.ofHours(5)), START.plus(Duration.ofHours(77)));
  }

  @Test
  void theNetworkDispatchesTheCaseToTheLevelItNamesWithItsOwnDeadlineOrTheLevels() {
    report(CaseDeadlines.DEFAULT);
    Instant theirs = START.plus(Duration.ofHours(10));
    var dispatched = run(r -> new CaseEntity.Dispatch(Level.street, theirs, "转街道", GOVERNANCE, "governance:30", r));
    assertThat(dispatched.eventOfType(CaseEscalated.class).auto()).isFalse();
    assertThat(level()).isEqualTo(Level.street);
    assertThat(CaseView.deadline(underTest.getState())).isEqualTo(theirs);

    timePasses(Duration.ofHours(10));
    await().until(() -> level() == Level.district);
    assertThat(CaseView.deadline(underTest.getState())).as("the district's own deadline from when it got there")
        .isEqualTo(START.plus(Duration.ofHours(10)).plus(Duration.ofDays(7)));
  }

  @Test
  void aDeadlineFurtherAwayThanTheLongestDeadlineStillLiftsTheCaseOnlyWhenItComes() {
    report(CaseDeadlines.DEFAULT);
    Instant farAway = START.plus(Duration.ofDays(200));
    run(r -> new CaseEntity.Dispatch(Level.street, farAway, null, GOVERNANCE, "governance:31", r));

    timePasses(CaseDeadlines.LONGEST);
    assertThat(level()).as("after %s, still before the network's deadline", CaseDeadlines.LONGEST).isEqualTo(Level.street);
    timePasses(Duration.ofDays(200).minus(CaseDeadlines.LONGEST));
    await().until(() -> level() == Level.district);
    assertThat(escalations().get(1).at()).isEqualTo(farAway);
  }

  @Test
  void escalatingAtTheDistrictIsRefused() {
    report(CaseDeadlines.DEFAULT);
    escalate(LIU);
    escalate(STREET_DUTY);
    assertThat(level()).isEqualTo(Level.district);

    var result = run(r -> new CaseEntity.Escalate(STREET_DUTY, null, null, r));
    assertThat(result.reply().isError()).isTrue();
    assertThat(result.reply().getError().getMessage()).contains("district");
    assertThat(result.hasNoEvents()).isTrue();
  }

  @Test
  void aSecondAcceptanceIsRefusedNamingWhoAcceptedIt() {
    report(CaseDeadlines.DEFAULT);
    accept(LIU, null);

    var result = run(r -> new CaseEntity.Accept(ZHAO, null, null, r));
    assertThat(result.reply().isError()).isTrue();
    assertThat(result.reply().getError().getMessage()).contains("刘建国");
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(CaseEntity.record(underTest.getState()).acceptedBy()).isEqualTo(LIU);
  }

  @Test
  void aPersonMayNotResolveACaseNobodyAcceptedButTheNetworkMayResolveItsOwn() {
    report(CaseDeadlines.DEFAULT);

    var byPerson = run(r -> new CaseEntity.Resolve(LIU, "已清理", List.of(), null, r));
    assertThat(byPerson.reply().isError()).isTrue();
    assertThat(byPerson.reply().getError().getMessage()).contains("accept");
    assertThat(byPerson.hasNoEvents()).isTrue();

    var byNetwork = resolve(GOVERNANCE, "governance:41");
    assertThat(byNetwork.getValue()).isInstanceOf(CaseEntity.Resolved.class);
    var resolved = (CaseEntity.Resolved) byNetwork.getValue();
    assertThat(resolved.resolution().by()).isEqualTo(GOVERNANCE);
    assertThat(resolved.resolution().photos()).containsExactly("ph-2");
    assertThat(CaseView.deadline(resolved)).isNull();
  }

  @Test
  void rateBeforeTheCaseIsResolvedIsRefused() {
    report(CaseDeadlines.DEFAULT);
    var waiting = run(r -> new CaseEntity.Rate(RESIDENT, 5, null, null, r));
    assertThat(waiting.reply().getError().getMessage()).contains("not resolved");
    assertThat(waiting.hasNoEvents()).isTrue();

    accept(LIU, null);
    var inHand = run(r -> new CaseEntity.Rate(RESIDENT, 5, null, null, r));
    assertThat(inHand.reply().getError().getMessage()).contains("not resolved");
    assertThat(inHand.hasNoEvents()).isTrue();
  }

  @Test
  void aRatingClosesTheResolvedCaseAndKeepsTheResolution() {
    report(CaseDeadlines.DEFAULT);
    accept(LIU, null);
    timePasses(Duration.ofHours(3));
    resolve(LIU, null);
    timePasses(Duration.ofHours(2));

    var rated = run(r -> new CaseEntity.Rate(RESIDENT, 4, "挺快的", null, r)).reply();
    assertThat(rated.getValue()).isInstanceOf(CaseEntity.Closed.class);
    var closed = (CaseEntity.Closed) rated.getValue();
    assertThat(closed.rating()).isEqualTo(4);
    assertThat(closed.closedAt()).isEqualTo(START.plus(Duration.ofHours(5)));
    assertThat(closed.resolution().by()).isEqualTo(LIU);
    assertThat(closed.open()).isFalse();
    assertThat(CaseView.doneAt(closed)).as("done when resolved, not when rated").isEqualTo(START.plus(Duration.ofHours(3)));
    assertThat(closed.record().timeline()).extracting(WorkStep::what).containsExactly("reported", "accepted", "resolved", "rated");
    assertThat(closed.record().timeline().get(3).rating()).isEqualTo(4);

    var again = run(r -> new CaseEntity.Rate(RESIDENT, 1, null, null, r));
    assertThat(again.reply().getError().getMessage()).contains("closed");
    assertThat(again.hasNoEvents()).isTrue();
  }

  @Test
  void theNetworkClosesItsCaseAndAClosedCaseTakesNoMoreActions() {
    report(CaseDeadlines.DEFAULT);
    timePasses(Duration.ofHours(2));

    var result = run(r -> new CaseEntity.Close(GOVERNANCE, "网络已办结", null, "governance:77", r));
    assertThat(result.reply().getValue()).isInstanceOf(CaseEntity.Closed.class);
    var closed = (CaseEntity.Closed) result.reply().getValue();
    assertThat(closed.resolution()).isNull();
    assertThat(closed.rating()).isNull();
    assertThat(CaseView.doneAt(closed)).isEqualTo(START.plus(Duration.ofHours(2)));
    assertThat(CaseView.deadline(closed)).isNull();

    assertThat(accept(LIU, null).getError().getMessage()).contains("closed");
    assertThat(escalate(LIU).getError().getMessage()).contains("closed");
    timePasses(Duration.ofHours(24));
    assertThat(underTest.getState()).isInstanceOf(CaseEntity.Closed.class);
    assertThat(stored()).hasSize(2);
  }

  @Test
  void aResolvedCaseNoLongerClimbs() {
    report(CaseDeadlines.DEFAULT);
    accept(LIU, null);
    resolve(LIU, null);
    timePasses(Duration.ofHours(25));
    assertThat(underTest.getState()).isInstanceOf(CaseEntity.Resolved.class);
    assertThat(level()).isEqualTo(Level.community);
    assertThat(stored()).hasSize(3);
  }

  @Test
  void theSameNetworkChangeAppliedTwiceIsStoredOnce() {
    report(CaseDeadlines.DEFAULT);
    var first = run(r -> new CaseEntity.Accept(GOVERNANCE, "已受理", "governance:7", r));
    assertThat(first.events()).hasSize(1);

    var again = run(r -> new CaseEntity.Accept(GOVERNANCE, "已受理", "governance:7", r));
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.reply().isSuccess()).as("the repeat is answered with the case, not refused").isTrue();
    assertThat(again.reply().getValue()).isEqualTo(first.reply().getValue());

    var dispatched = run(r -> new CaseEntity.Dispatch(Level.street, null, null, GOVERNANCE, "governance:9", r));
    assertThat(dispatched.events()).hasSize(1);
    var redispatched = run(r -> new CaseEntity.Dispatch(Level.street, null, null, GOVERNANCE, "governance:9", r));
    assertThat(redispatched.hasNoEvents()).as("a dispatch would apply again if the key were not checked").isTrue();
    assertThat(escalations()).hasSize(1);

    resolve(GOVERNANCE, "governance:8");
    var late = run(r -> new CaseEntity.Accept(GOVERNANCE, "已受理", "governance:7", r));
    assertThat(late.hasNoEvents()).isTrue();
    assertThat(late.reply().getValue()).isInstanceOf(CaseEntity.Resolved.class);
    var resolvedAgain = run(r -> new CaseEntity.Resolve(GOVERNANCE, "已清理", List.of(), "governance:8", r));
    assertThat(resolvedAgain.hasNoEvents()).isTrue();
    assertThat(resolvedAgain.reply().isSuccess()).isTrue();
    assertThat(stored()).hasSize(4);
    assertThat(CaseEntity.record(underTest.getState()).keys()).containsExactlyInAnyOrder("governance:7", "governance:9",
        "governance:8");
  }

  @Test
  void aRestartKeepsTheCaseAndItsDeadlineStillLiftsIt() {
    report(CaseDeadlines.DEFAULT);
    accept(LIU, null);
    timePasses(Duration.ofHours(10));
    var before = underTest.getState();

    var restarted = underTest.restart();
    assertThat(restarted.state()).isEqualTo(before);

    timePasses(Duration.ofHours(14));
    await().until(() -> level() == Level.street);
    assertThat(escalations().get(0).auto()).isTrue();
    assertThat(escalations().get(0).at()).isEqualTo(START.plus(Duration.ofHours(24)));
  }

  @Test
  void aCaseWhoseDeadlinePassedWhileItWasDownClimbsAsSoonAsItRecovers() {
    report(CaseDeadlines.DEFAULT);
    clock.advance(Duration.ofHours(30)); // down: no timer ran meanwhile

    underTest.restart();
    await().until(() -> level() == Level.street);
    var escalated = escalations().get(0);
    assertThat(escalated.auto()).isTrue();
    assertThat(escalated.at()).isEqualTo(START.plus(Duration.ofHours(30)));
    assertThat(escalated.deadline()).isEqualTo(START.plus(Duration.ofHours(30 + 72)));
  }

  @Test
  void aReportOfACaseAlreadyReportedIsRefusedUnlessItIsTheSameNetworkEventAgain() {
    var first = run(r -> new CaseEntity.Report(caseFacts(caseId, "c-shuangan"), CaseDeadlines.DEFAULT, GOVERNANCE,
        "governance:1", r));
    assertThat(first.events()).hasSize(1);

    var other = run(r -> new CaseEntity.Report(caseFacts(caseId, "c-other"), QUICK, RESIDENT, null, r));
    assertThat(other.reply().isError()).isTrue();
    assertThat(other.reply().getError().getMessage()).contains("already reported").contains(caseId);
    assertThat(other.hasNoEvents()).isTrue();

    var redelivered = run(r -> new CaseEntity.Report(caseFacts(caseId, "c-shuangan"), CaseDeadlines.DEFAULT, GOVERNANCE,
        "governance:1", r));
    assertThat(redelivered.hasNoEvents()).isTrue();
    assertThat(redelivered.reply().isSuccess()).isTrue();
    assertThat(CaseEntity.record(underTest.getState()).facts().community()).isEqualTo("c-shuangan");
  }

  @Test
  void anActionOnACaseNeverReportedIsAnsweredNoSuchCase() {
    var result = run(r -> new CaseEntity.Accept(LIU, null, null, r));
    assertThat(result.reply().getError().getMessage()).isEqualTo(CaseEntity.NO_SUCH_CASE);
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(underTest.getState()).isEqualTo(new CaseEntity.NotReported(caseId));
  }
}
