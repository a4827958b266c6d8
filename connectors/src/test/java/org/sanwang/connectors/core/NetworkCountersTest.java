package org.sanwang.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sanwang.connectors.core.NetworkCounters.Counts;
import org.sanwang.connectors.core.NetworkCounters.Outcome;

/** A network's counts over the last minute, hour and day (CONTRACT status), and as Prometheus counters. */
class NetworkCountersTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final NetworkCounters underTest = new NetworkCounters(Network.PARTY, registry, clock);

  @Test
  void countsOfThisMinuteAreInEveryWindowByOutcome() {
    underTest.add(Outcome.received, 5);
    underTest.add(Outcome.accepted, 3);
    underTest.add(Outcome.duplicates, 1);
    clock.advance(Duration.ofSeconds(30));
    underTest.add(Outcome.quarantined, 1);
    underTest.add(Outcome.rejected, 2);
    var expected = new Counts(5, 3, 1, 1, 2);
    assertThat(underTest.last(MINUTE)).isEqualTo(expected);
    assertThat(underTest.last(HOUR)).isEqualTo(expected);
    assertThat(underTest.last(DAY)).isEqualTo(expected);
  }

  @Test
  void aCountTwoMinutesAgoIsInTheLastHourButNotTheLastMinute() {
    underTest.add(Outcome.accepted, 4);
    clock.advance(Duration.ofMinutes(2));
    underTest.add(Outcome.accepted, 1);
    assertThat(underTest.last(MINUTE).accepted()).isEqualTo(1);
    assertThat(underTest.last(HOUR).accepted()).isEqualTo(5);
    assertThat(underTest.last(DAY).accepted()).isEqualTo(5);
  }

  @Test
  void aCountTwoHoursAgoIsOnlyInTheLastDay() {
    underTest.add(Outcome.received, 7);
    clock.advance(Duration.ofHours(2));
    assertThat(underTest.last(MINUTE).received()).isZero();
    assertThat(underTest.last(HOUR).received()).isZero();
    assertThat(underTest.last(DAY).received()).isEqualTo(7);
  }

  @Test
  void aCountTwentyFiveHoursAgoIsInNoWindow() {
    underTest.add(Outcome.received, 7);
    clock.advance(Duration.ofHours(25));
    assertThat(underTest.last(MINUTE)).isEqualTo(new Counts(0, 0, 0, 0, 0));
    assertThat(underTest.last(HOUR)).isEqualTo(new Counts(0, 0, 0, 0, 0));
    assertThat(underTest.last(DAY)).isEqualTo(new Counts(0, 0, 0, 0, 0));
  }

  @Test
  void aMinuteReusedADayLaterStartsAfresh() {
    underTest.add(Outcome.received, 7);
    clock.advance(DAY);
    underTest.add(Outcome.received, 2);
    assertThat(underTest.last(DAY).received()).as("the same bucket a day on holds only today's count").isEqualTo(2);
    assertThat(underTest.last(MINUTE).received()).isEqualTo(2);
  }

  @Test
  void theMetersCarryTheNetworkAndOutcomeAndNeverAgeOut() {
    underTest.add(Outcome.accepted, 3);
    underTest.add(Outcome.quarantined, 2);
    clock.advance(Duration.ofHours(25));
    underTest.add(Outcome.accepted, 1);
    assertThat(registry.get("sanwang.network.events").tags("network", "party", "outcome", "accepted").counter().count()).isEqualTo(4.0);
    assertThat(registry.get("sanwang.network.events").tags("network", "party", "outcome", "quarantined").counter().count()).isEqualTo(2.0);
    assertThat(registry.get("sanwang.network.events").tags("network", "party", "outcome", "rejected").counter().count()).isZero();
    new NetworkCounters(Network.COMMUNITY, registry, clock).add(Outcome.accepted, 6);
    assertThat(registry.get("sanwang.network.events").tags("network", "community", "outcome", "accepted").counter().count()).isEqualTo(6.0);
    assertThat(registry.get("sanwang.network.events").tags("network", "party", "outcome", "accepted").counter().count())
        .as("each network its own").isEqualTo(4.0);
  }

  @Test
  void nothingOrLessIsNotCounted() {
    underTest.add(Outcome.received, 0);
    underTest.add(Outcome.received, -3);
    assertThat(underTest.last(DAY).received()).isZero();
    assertThat(registry.get("sanwang.network.events").tags("network", "party", "outcome", "received").counter().count()).isZero();
  }
}
