package org.sanwang.hub.work;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The governance figures (pure): per level and per community, how many cases, how many done (办结:
 * resolved or closed), the closure rate, how many were done before their level's deadline and that
 * rate, and the median hours from report to done. A case counts at the level it is at, or was done at.
 */
public final class CaseFigures {
  private CaseFigures() {}

  public record Row(String key, int total, int closed, Double closureRate, int onTime, Double onTimeRate,
      Double medianHoursToClose, int overdue) {}

  public static List<Row> byLevel(Collection<CaseEntity.State> cases, Instant now) {
    var rows = new ArrayList<Row>();
    for (var level : Level.values())
      rows.add(row(level.name(), cases.stream().filter(s -> CaseEntity.record(s) != null && CaseEntity.record(s).level() == level)
          .toList(), now));
    return rows;
  }

  public static List<Row> byCommunity(Collection<CaseEntity.State> cases, Instant now) {
    Map<String, List<CaseEntity.State>> grouped = cases.stream().filter(s -> CaseEntity.record(s) != null)
        .collect(Collectors.groupingBy(s -> CaseEntity.record(s).facts().community(), TreeMap::new, Collectors.toList()));
    return grouped.entrySet().stream().map(e -> row(e.getKey(), e.getValue(), now)).toList();
  }

  static Row row(String key, List<CaseEntity.State> cases, Instant now) {
    var done = cases.stream().filter(s -> CaseView.doneAt(s) != null).toList();
    int onTime = (int) done.stream().filter(s -> {
      var deadline = CaseView.lastDeadline(s);
      return deadline == null || !CaseView.doneAt(s).isAfter(deadline);
    }).count();
    var hours = done.stream()
        .map(s -> Duration.between(CaseEntity.record(s).reportedAt(), CaseView.doneAt(s)).toSeconds() / 3600.0)
        .sorted().toList();
    int overdue = (int) cases.stream().filter(s -> CaseView.overdue(s, now)).count();
    return new Row(key, cases.size(), done.size(), rate(done.size(), cases.size()), onTime, rate(onTime, done.size()),
        median(hours), overdue);
  }

  private static Double rate(int part, int whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  static Double median(List<Double> sorted) {
    if (sorted.isEmpty()) return null;
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Groups by anything (used by the tests to cross-check). */
  static <K> Map<K, Long> count(Collection<CaseEntity.State> cases, Function<CaseEntity.State, K> by) {
    return cases.stream().collect(Collectors.groupingBy(by, Collectors.counting()));
  }
}
