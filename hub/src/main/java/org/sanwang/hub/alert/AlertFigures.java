package org.sanwang.hub.alert;

import java.time.Duration;
import java.util.List;

/**
 * What leaders ask of the one-key calls of a community and period (pure): how many, how fast
 * someone acknowledged (median, 90th percentile, share within 60 s and within 180 s — the social
 * alarm centres' 97.5 % / 99 % yardsticks) and how fast someone was at the door.
 */
public record AlertFigures(
    int alerts,
    int acknowledged,
    Double ackMedianSeconds,
    Double ackP90Seconds,
    Double ackWithin60sShare,
    Double ackWithin180sShare,
    int arrived,
    Double arriveMedianSeconds,
    Double arriveP90Seconds) {

  public static AlertFigures of(List<AlertSummary> alerts) {
    var ack = alerts.stream().filter(a -> a.acknowledgedAt() != null && a.raisedAt() != null)
        .map(a -> seconds(Duration.between(a.raisedAt(), a.acknowledgedAt()))).sorted().toList();
    var arrive = alerts.stream().filter(a -> a.arrivedAt() != null && a.raisedAt() != null)
        .map(a -> seconds(Duration.between(a.raisedAt(), a.arrivedAt()))).sorted().toList();
    int n = alerts.size();
    return new AlertFigures(n, ack.size(), percentile(ack, 50), percentile(ack, 90),
        n == 0 ? null : ack.stream().filter(s -> s <= 60).count() / (double) n,
        n == 0 ? null : ack.stream().filter(s -> s <= 180).count() / (double) n,
        arrive.size(), percentile(arrive, 50), percentile(arrive, 90));
  }

  /** Nearest-rank percentile of sorted values; null when there are none. */
  static Double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) return null;
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
