package org.sanwang.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanwang.hub.community.EscalationPolicy;

/** The projection of every alert: its times and who acted, from its raise, first acknowledgement, arrival and close. */
class AlertHistoryTest {
  static final AlertFacts FACTS = new AlertFacts("dev-0001", "r-001", "李大爷", "130803001001-B07", "7号楼", 2, "302",
      "130803001001", List.of());
  static final Instant T0 = Instant.parse("2026-11-21T02:00:00Z");
  static final Actor WANG = new Actor("p-001", "王芳", "building_head");
  static final Actor ZHAO = new Actor("p-002", "赵强", "grid_member");

  @Test
  void anAlertsTimesFollowItsEventsAndTheFirstAcknowledgementCounts() {
    var raised = AlertHistory.applied("r-001-1", null, new AlertEntity.AlertRaised(FACTS, EscalationPolicy.DEFAULT, T0, 1L));
    assertThat(raised.community()).isEqualTo("130803001001");
    assertThat(raised.raisedAt()).isEqualTo(T0);
    var acknowledged = AlertHistory.applied("r-001-1", raised, new AlertEntity.Acknowledged(WANG, null, T0.plusSeconds(40)));
    var again = AlertHistory.applied("r-001-1", acknowledged, new AlertEntity.Acknowledged(ZHAO, null, T0.plusSeconds(1000)));
    assertThat(again.acknowledgedAt()).as("acknowledged again after nobody arrived: the first time counts").isEqualTo(T0.plusSeconds(40));
    var arrived = AlertHistory.applied("r-001-1", again, new AlertEntity.Arrived(ZHAO, null, T0.plusSeconds(1200)));
    var closed = AlertHistory.applied("r-001-1", arrived, new AlertEntity.Closed("resolved", ZHAO, null, T0.plusSeconds(1500)));
    assertThat(closed.state()).isEqualTo("resolved");
    assertThat(closed.acknowledgedBy()).isEqualTo(WANG);
    assertThat(closed.arrivedAt()).isEqualTo(T0.plusSeconds(1200));
    assertThat(closed.closedAt()).isEqualTo(T0.plusSeconds(1500));
    assertThat(AlertFigures.of(List.of(closed)).ackMedianSeconds()).isEqualTo(40.0);
  }

  @Test
  void anArrivalWithoutAcknowledgementCountsAsBoth() {
    var raised = AlertHistory.applied("r-001-2", null, new AlertEntity.AlertRaised(FACTS, EscalationPolicy.DEFAULT, T0, null));
    var arrived = AlertHistory.applied("r-001-2", raised, new AlertEntity.Arrived(WANG, null, T0.plusSeconds(90)));
    assertThat(arrived.acknowledgedAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(arrived.arrivedAt()).isEqualTo(T0.plusSeconds(90));
  }

  @Test
  void whoArrivedAndWhoClosedAreKeptApartFromWhoAcknowledged() {
    var raised = AlertHistory.applied("r-001-3", null, new AlertEntity.AlertRaised(FACTS, EscalationPolicy.DEFAULT, T0, null));
    assertThat(raised.arrivedBy()).isNull();
    assertThat(raised.closedBy()).isNull();
    var acknowledged = AlertHistory.applied("r-001-3", raised, new AlertEntity.Acknowledged(WANG, null, T0.plusSeconds(30)));
    var arrived = AlertHistory.applied("r-001-3", acknowledged, new AlertEntity.Arrived(ZHAO, null, T0.plusSeconds(600)));
    var closed = AlertHistory.applied("r-001-3", arrived, new AlertEntity.Closed("cancelled", WANG, "误按", T0.plusSeconds(700)));
    assertThat(closed.acknowledgedBy()).isEqualTo(WANG);
    assertThat(closed.arrivedBy()).isEqualTo(ZHAO);
    assertThat(closed.closedBy()).isEqualTo(WANG);
    assertThat(closed.closedAt()).isEqualTo(T0.plusSeconds(700));
    assertThat(closed.closed()).isTrue();
    assertThat(arrived.closed()).isFalse();
  }

  @Test
  void anArrivalWithoutAcknowledgementNamesTheSamePersonForBoth() {
    var raised = AlertHistory.applied("r-001-4", null, new AlertEntity.AlertRaised(FACTS, EscalationPolicy.DEFAULT, T0, null));
    var arrived = AlertHistory.applied("r-001-4", raised, new AlertEntity.Arrived(ZHAO, null, T0.plusSeconds(90)));
    assertThat(arrived.acknowledgedBy()).isEqualTo(ZHAO);
    assertThat(arrived.arrivedBy()).isEqualTo(ZHAO);
  }

  @Test
  void theCloseBringsTheAlertsFinalPressesAndStepAndAnOlderCloseKeepsWhatTheRaiseSaid() {
    var raised = AlertHistory.applied("r-001-4", null, new AlertEntity.AlertRaised(FACTS, EscalationPolicy.DEFAULT, T0, 1L));
    var closed = AlertHistory.applied("r-001-4", raised,
        new AlertEntity.Closed("resolved", WANG, null, T0.plusSeconds(600), 3, 2, 1));
    assertThat(closed.pressCount()).isEqualTo(3);
    assertThat(closed.step()).isEqualTo(2);
    assertThat(closed.cycle()).isEqualTo(1);
    assertThat(closed.closedBy()).isEqualTo(WANG);
    var older = AlertHistory.applied("r-001-5", raised, new AlertEntity.Closed("cancelled", WANG, null, T0.plusSeconds(60)));
    assertThat(older.pressCount()).isEqualTo(1);
  }
}
