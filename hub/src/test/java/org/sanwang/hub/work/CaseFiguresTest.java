package org.sanwang.hub.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanwang.hub.work.WorkFixtures.GOVERNANCE;
import static org.sanwang.hub.work.WorkFixtures.LIU;
import static org.sanwang.hub.work.WorkFixtures.RESIDENT;
import static org.sanwang.hub.work.WorkFixtures.START;
import static org.sanwang.hub.work.WorkFixtures.caseFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanwang.hub.work.CaseEntity.State;
import org.sanwang.hub.work.CaseFigures.Row;

/**
 * The governance figures over cases folded through the entity's own event handler, with the default
 * deadlines (community 24 h, street 72 h, district 7 days). Times are hours after {@code START}.
 */
class CaseFiguresTest {
  private static Instant h(double hours) {
    return START.plus(Duration.ofMinutes(Math.round(hours * 60)));
  }

  private static State reported(String id, String community, double at) {
    return CaseEntity.applied(new CaseEntity.NotReported(id), new CaseEntity.CaseReported(caseFacts(id, community),
        CaseDeadlines.DEFAULT, h(at).plus(CaseDeadlines.DEFAULT.community()), null, h(at)));
  }

  private static State then(State s, CaseEntity.Event... events) {
    for (var e : events) s = CaseEntity.applied(s, e);
    return s;
  }

  private static CaseEntity.Event accepted(double at) {
    return new CaseEntity.CaseAccepted(LIU, null, null, h(at));
  }

  private static CaseEntity.Event escalated(Level to, double at) {
    return new CaseEntity.CaseEscalated(to, h(at).plus(CaseDeadlines.DEFAULT.of(to)), null, "逾期未办结，自动升级", true, null, h(at));
  }

  private static CaseEntity.Event resolved(double at) {
    return new CaseEntity.CaseResolved(LIU, "已处理", List.of(), null, h(at));
  }

  private static CaseEntity.Event rated(double at) {
    return new CaseEntity.CaseRated(RESIDENT, 5, null, null, h(at));
  }

  private static CaseEntity.Event closedByNetwork(double at) {
    return new CaseEntity.CaseClosed(GOVERNANCE, "网络已办结", null, null, h(at));
  }

  // community level
  static final State A = then(reported("A", "c-shuangan", 0), accepted(1), resolved(10)); // 10 h, on time
  static final State B = then(reported("B", "c-shuangan", 0), accepted(2), resolved(30)); // 30 h, late
  static final State C = then(reported("C", "c-dongsheng", 0), accepted(1), resolved(5), rated(50)); // 5 h, on time
  static final State D = reported("D", "c-dongsheng", 100); // open, deadline 124: overdue at 200
  static final State E = reported("E", "c-dongsheng", 190); // open, deadline 214
  // street level (deadline 24 + 72 = 96)
  static final State F = then(reported("F", "c-shuangan", 0), escalated(Level.street, 24), accepted(25), resolved(90)); // 90 h, on time
  static final State G = then(reported("G", "c-dongsheng", 0), escalated(Level.street, 24), closedByNetwork(100)); // 100 h, late
  // district level (deadline 96 + 168 = 264)
  static final State H = then(reported("H", "c-dongsheng", 0), escalated(Level.street, 24), escalated(Level.district, 96));

  static final List<State> ALL = List.of(A, B, C, D, E, F, G, H, new CaseEntity.NotReported("never"));

  @Test
  void eachLevelCountsItsCasesTheDoneOnesThoseDoneInTimeTheMedianHoursAndTheOverdue() {
    var rows = CaseFigures.byLevel(ALL, h(200));

    assertThat(rows).containsExactly(
        new Row("community", 5, 3, 3.0 / 5, 2, 2.0 / 3, 10.0, 1),
        new Row("street", 2, 2, 1.0, 1, 0.5, 95.0, 0),
        new Row("district", 1, 0, 0.0, 0, null, null, 0));
  }

  @Test
  void eachCommunityHasARowOfItsOwnInOrderOfItsCode() {
    var rows = CaseFigures.byCommunity(ALL, h(200));

    assertThat(rows).containsExactly(
        new Row("c-dongsheng", 5, 2, 2.0 / 5, 1, 0.5, (5.0 + 100.0) / 2, 1),
        new Row("c-shuangan", 3, 3, 1.0, 2, 2.0 / 3, 30.0, 0));
  }

  @Test
  void aCaseIsDoneWhenItWasResolvedNotWhenItWasRated() {
    assertThat(CaseView.doneAt(C)).isEqualTo(h(5));
    assertThat(CaseView.doneAt(G)).as("closed without a resolution: done when closed").isEqualTo(h(100));
    assertThat(CaseView.doneAt(D)).isNull();
  }

  @Test
  void aCaseDoneOnItsDeadlineIsOnTimeAndOneDoneAMinuteLaterIsLate() {
    var onTheDot = then(reported("X", "c-shuangan", 0), accepted(1), resolved(24));
    var aMinuteLate = then(reported("Y", "c-shuangan", 0), accepted(1), resolved(24 + 1.0 / 60));

    assertThat(CaseFigures.row("k", List.of(onTheDot), h(48)).onTime()).isEqualTo(1);
    assertThat(CaseFigures.row("k", List.of(aMinuteLate), h(48)).onTime()).isZero();
  }

  @Test
  void anOpenCaseAtTheDistrictPastItsDeadlineCountsAsOverdueAndAClosedOneNever() {
    assertThat(CaseFigures.byLevel(ALL, h(264)).get(2).overdue()).as("on the deadline: not yet").isZero();
    assertThat(CaseFigures.byLevel(ALL, h(265)).get(2).overdue()).isEqualTo(1);
    assertThat(CaseFigures.row("k", List.of(B, G), h(1_000)).overdue()).isZero();
  }

  @Test
  void theMedianIsTheMiddleOfAnOddCountAndTheMeanOfTheTwoMiddlesOfAnEvenOne() {
    assertThat(CaseFigures.median(List.of(5.0))).isEqualTo(5.0);
    assertThat(CaseFigures.median(List.of(1.0, 2.0, 40.0))).isEqualTo(2.0);
    assertThat(CaseFigures.median(List.of(1.0, 2.0, 4.0, 40.0))).isEqualTo(3.0);
    assertThat(CaseFigures.median(List.of())).isNull();

    var ninetyMinutes = then(reported("Z", "c-shuangan", 0), accepted(0.5), resolved(1.5));
    assertThat(CaseFigures.row("k", List.of(ninetyMinutes), h(2)).medianHoursToClose()).isEqualTo(1.5);
  }

  @Test
  void nothingToCountGivesZerosAndNullsAndARowPerLevelAllTheSame() {
    assertThat(CaseFigures.byLevel(List.of(), h(0))).containsExactly(
        new Row("community", 0, 0, null, 0, null, null, 0),
        new Row("street", 0, 0, null, 0, null, null, 0),
        new Row("district", 0, 0, null, 0, null, null, 0));
    assertThat(CaseFigures.byCommunity(List.of(new CaseEntity.NotReported("never")), h(0))).isEmpty();
  }

  @Test
  void openCasesCountInTheTotalButNotInTheRatesOfTheDone() {
    var row = CaseFigures.row("k", List.of(D, E), h(200));
    assertThat(row.total()).isEqualTo(2);
    assertThat(row.closed()).isZero();
    assertThat(row.closureRate()).isEqualTo(0.0);
    assertThat(row.onTimeRate()).isNull();
    assertThat(row.medianHoursToClose()).isNull();
    assertThat(row.overdue()).isEqualTo(1);
  }
}
