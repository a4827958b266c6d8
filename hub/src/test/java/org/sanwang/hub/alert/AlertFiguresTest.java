package org.sanwang.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFiguresTest {
  static AlertSummary alert(int ackAfter, Integer arriveAfter) {
    var raised = Instant.parse("2026-11-21T08:00:00Z");
    return new AlertSummary("a", "resolved", "d", "r", "李大爷", "130803001001-B07", "130803001001", "7号楼", 1, raised, 1, 1,
        null, ackAfter < 0 ? null : raised.plusSeconds(ackAfter), arriveAfter == null ? null : raised.plusSeconds(arriveAfter),
        raised.plusSeconds(3600));
  }

  @Test
  void mediansPercentilesAndSharesWithinTheYardsticks() {
    var alerts = new ArrayList<AlertSummary>();
    for (int s : new int[] {10, 20, 30, 40, 50, 70, 90, 120, 200}) alerts.add(alert(s, s + 600));
    alerts.add(alert(-1, null)); // never acknowledged
    var f = AlertFigures.of(alerts);
    assertThat(f.alerts()).isEqualTo(10);
    assertThat(f.acknowledged()).isEqualTo(9);
    assertThat(f.ackMedianSeconds()).isEqualTo(50.0);
    assertThat(f.ackP90Seconds()).isEqualTo(200.0);
    assertThat(f.ackWithin60sShare()).isEqualTo(0.5);
    assertThat(f.ackWithin180sShare()).isEqualTo(0.8);
    assertThat(f.arriveMedianSeconds()).isEqualTo(650.0);
  }

  @Test
  void noAlertsMeansNoFiguresRatherThanZeroes() {
    var f = AlertFigures.of(List.of());
    assertThat(f.alerts()).isZero();
    assertThat(f.ackMedianSeconds()).isNull();
    assertThat(f.ackWithin60sShare()).isNull();
  }
}
