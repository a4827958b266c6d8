package org.sanwang.connectors.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a network sent this node, per outcome, over the last minute, hour and day (CONTRACT status),
 * in one-minute buckets, and as Prometheus counters {@code sanwang_network_events_total{network,outcome}}.
 * Since the node started: a restart begins the windows afresh.
 */
public final class NetworkCounters {
  public enum Outcome { received, accepted, duplicates, quarantined, rejected }

  public record Counts(long received, long accepted, long duplicates, long quarantined, long rejected) {}

  private static final int MINUTES = 24 * 60;
  private final Clock clock;
  private final long[][] buckets = new long[MINUTES][Outcome.values().length];
  private final long[] bucketMinute = new long[MINUTES];
  private final Map<Outcome, Counter> meters = new EnumMap<>(Outcome.class);

  public NetworkCounters(Network network, MeterRegistry registry, Clock clock) {
    this.clock = clock;
    for (var o : Outcome.values())
      meters.put(o, Counter.builder("sanwang.network.events").description("Events a network sent, by outcome")
          .tag("network", network.id()).tag("outcome", o.name()).register(registry));
  }

  public synchronized void add(Outcome outcome, long count) {
    if (count <= 0) return;
    long minute = clock.millis() / 60_000;
    int i = (int) (minute % MINUTES);
    if (bucketMinute[i] != minute) {
      bucketMinute[i] = minute;
      java.util.Arrays.fill(buckets[i], 0);
    }
    buckets[i][outcome.ordinal()] += count;
    meters.get(outcome).increment(count);
  }

  /** The sums over the last {@code window} (whole minutes, the current one included). */
  public synchronized Counts last(Duration window) {
    long now = clock.millis() / 60_000;
    long minutes = Math.max(1, Math.min(MINUTES, window.toMinutes()));
    long[] sum = new long[Outcome.values().length];
    for (long m = now - minutes + 1; m <= now; m++) {
      int i = (int) (Math.floorMod(m, (long) MINUTES));
      if (bucketMinute[i] != m) continue;
      for (int o = 0; o < sum.length; o++) sum[o] += buckets[i][o];
    }
    return new Counts(sum[0], sum[1], sum[2], sum[3], sum[4]);
  }
}
