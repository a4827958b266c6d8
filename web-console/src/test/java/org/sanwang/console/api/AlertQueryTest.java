package org.sanwang.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanwang.hub.alert.AlertSummary;

/** The alert list's parameters: each bad one named in a 400; the filters, order and limit of the closed list. */
class AlertQueryTest {
  static final String B07 = "130803001001-B07";
  static final String B08 = "130803001001-B08";

  static AlertSummary alert(String id, String state, String residentId, String name, String building, String raisedAt) {
    return new AlertSummary(id, state, "dev", residentId, name, building, building.substring(0, 12), "addr", 1,
        Instant.parse(raisedAt), 0, 0, null, null, null, null);
  }

  // Raised 2026-11-21 00:30 China time is still 2026-11-20 in UTC: the dates are China's.
  static final AlertSummary LI = alert("a1", "resolved", "r-001", "李大爷", B07, "2026-11-20T16:30:00Z");
  static final AlertSummary ZHANG = alert("a2", "cancelled", "r-002", "张奶奶", B08, "2026-11-22T02:00:00Z");
  static final AlertSummary LI_AGAIN = alert("a3", "resolved", "r-001", "李大爷", B07, "2026-11-23T02:00:00Z");
  static final AlertSummary OPEN = alert("a4", "acknowledged", "r-001", "李大爷", B07, "2026-11-24T02:00:00Z");
  static final List<AlertSummary> ALL = List.of(LI, ZHANG, LI_AGAIN, OPEN);

  static List<String> closed(Map<String, String> params) {
    return AlertQuery.parse(params).closedOf(ALL, a -> true).stream().map(AlertSummary::id).toList();
  }

  static String refused(Map<String, String> params) {
    var e = catchThrowableOfType(ProblemException.class, () -> AlertQuery.parse(params));
    assertThat(e).as("%s should be refused", params).isNotNull();
    assertThat(e.problem().status()).isEqualTo(400);
    return e.problem().detail();
  }

  @Test
  void theClosedListIsNewestFirstAndLeavesOpenAlertsOut() {
    assertThat(closed(Map.of("state", "closed"))).containsExactly("a3", "a2", "a1");
  }

  @Test
  void eachFilterNarrowsTheClosedList() {
    assertThat(closed(Map.of("state", "closed", "outcome", "cancelled"))).containsExactly("a2");
    assertThat(closed(Map.of("state", "closed", "building", B07))).containsExactly("a3", "a1");
    assertThat(closed(Map.of("state", "closed", "community", "130803001001"))).containsExactly("a3", "a2", "a1");
    assertThat(closed(Map.of("state", "closed", "community", "130803001002"))).isEmpty();
    assertThat(closed(Map.of("state", "closed", "q", "奶奶"))).containsExactly("a2");
    assertThat(closed(Map.of("state", "closed", "q", "R-001"))).as("an id, in any case").containsExactly("a3", "a1");
    assertThat(closed(Map.of("state", "closed", "limit", "1"))).containsExactly("a3");
  }

  @Test
  void datesAreInclusiveDaysInChinaTime() {
    assertThat(closed(Map.of("state", "closed", "from", "2026-11-21", "to", "2026-11-21"))).containsExactly("a1");
    assertThat(closed(Map.of("state", "closed", "to", "2026-11-22"))).containsExactly("a2", "a1");
    assertThat(closed(Map.of("state", "closed", "from", "2026-11-22"))).containsExactly("a3", "a2");
  }

  @Test
  void onlyWhatTheCallerMaySeeIsListed() {
    assertThat(AlertQuery.parse(Map.of("state", "closed")).closedOf(ALL, a -> a.building().equals(B08)))
        .extracting(AlertSummary::id).containsExactly("a2");
  }

  @Test
  void theLimitIs100UnlessGivenForClosedAndEverythingForOpen() {
    assertThat(AlertQuery.parse(Map.of("state", "closed")).limit()).isEqualTo(100);
    assertThat(AlertQuery.parse(Map.of()).limit()).isNull();
    assertThat(AlertQuery.parse(Map.of()).closed()).isFalse();
    assertThat(AlertQuery.parse(Map.of("limit", "500")).limit()).isEqualTo(500);
  }

  @Test
  void aBadParameterIsNamedInTheRefusal() {
    assertThat(refused(Map.of("state", "all"))).startsWith("state:");
    assertThat(refused(Map.of("state", "closed", "from", "2026-13-01"))).startsWith("from: must be a date YYYY-MM-DD");
    assertThat(refused(Map.of("state", "closed", "to", "yesterday"))).startsWith("to:");
    assertThat(refused(Map.of("state", "closed", "from", "2026-11-22", "to", "2026-11-21"))).startsWith("from:");
    assertThat(refused(Map.of("state", "closed", "outcome", "lost"))).startsWith("outcome:");
    assertThat(refused(Map.of("outcome", "resolved"))).as("outcome only of closed alerts").startsWith("outcome:");
    assertThat(refused(Map.of("state", "closed", "limit", "0"))).startsWith("limit:");
    assertThat(refused(Map.of("state", "closed", "limit", "501"))).startsWith("limit:");
    assertThat(refused(Map.of("state", "closed", "limit", "ten"))).startsWith("limit:");
    assertThat(refused(Map.of("state", "closed", "building", "B07"))).startsWith("building:");
    assertThat(refused(Map.of("state", "closed", "community", "1308"))).startsWith("community:");
    assertThat(refused(Map.of("state", "closed", "q", "x".repeat(101)))).startsWith("q:");
    assertThat(refused(Map.of("state", "closed", "q", "李\u0000"))).startsWith("q:");
  }
}
