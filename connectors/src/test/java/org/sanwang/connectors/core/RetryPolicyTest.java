package org.sanwang.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a failed callback is tried again (CONTRACT, "Outbound callbacks"). */
class RetryPolicyTest {
  private static final Instant QUEUED = Instant.parse("2026-05-01T08:00:00Z");
  private final RetryPolicy underTest = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofDays(3));

  private Duration wait(int attempts, Optional<Duration> retryAfter) {
    var now = QUEUED.plusSeconds(60);
    return Duration.between(now, underTest.next(attempts, QUEUED, now, retryAfter).orElseThrow());
  }

  @Test
  void theWaitStartsAtFiveSecondsAndDoublesUpToAnHour() {
    var waits = new ArrayList<Duration>();
    for (int attempts = 1; attempts <= 12; attempts++) waits.add(wait(attempts, Optional.empty()));
    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
        Duration.ofSeconds(80), Duration.ofSeconds(160), Duration.ofSeconds(320), Duration.ofSeconds(640),
        Duration.ofSeconds(1280), Duration.ofSeconds(2560), Duration.ofHours(1), Duration.ofHours(1));
    assertThat(wait(1_000, Optional.empty())).as("however many attempts").isEqualTo(Duration.ofHours(1));
  }

  @Test
  void retryAfterIsHonouredAndCappedAtTheMaximum() {
    assertThat(wait(1, Optional.of(Duration.ofSeconds(120)))).isEqualTo(Duration.ofSeconds(120));
    assertThat(wait(9, Optional.of(Duration.ofSeconds(2)))).as("even when shorter than the backoff").isEqualTo(Duration.ofSeconds(2));
    assertThat(wait(1, Optional.of(Duration.ofDays(2)))).isEqualTo(Duration.ofHours(1));
    assertThat(wait(2, Optional.of(Duration.ofSeconds(-3)))).as("a time in the past is ignored").isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void retriesGoOnUntilTheFirstFailureThreeDaysAfterQueuingThenStop() {
    var now = QUEUED;
    int attempts = 0;
    Optional<Instant> next;
    Instant lastAttempt;
    do {
      attempts++;
      lastAttempt = now;
      next = underTest.next(attempts, QUEUED, now, Optional.empty());
      if (next.isPresent()) {
        assertThat(next.get()).isAfter(now);
        now = next.get();
      }
    } while (next.isPresent());
    assertThat(lastAttempt).as("the failure that gave up").isAfterOrEqualTo(QUEUED.plus(Duration.ofDays(3)));
    assertThat(Duration.between(QUEUED, lastAttempt)).as("no more than one wait beyond the three days")
        .isLessThanOrEqualTo(Duration.ofDays(3).plusHours(1));
    assertThat(attempts).isGreaterThan(70);
  }

  @Test
  void aFailureJustBeforeThreeDaysIsTriedAgainAndOneAtThreeDaysIsNot() {
    var deadline = QUEUED.plus(Duration.ofDays(3));
    assertThat(underTest.next(80, QUEUED, deadline.minusSeconds(1), Optional.empty())).contains(deadline.minusSeconds(1).plus(Duration.ofHours(1)));
    assertThat(underTest.next(80, QUEUED, deadline, Optional.empty())).isEmpty();
    assertThat(underTest.next(80, QUEUED, deadline, Optional.of(Duration.ofSeconds(5)))).as("Retry-After does not extend it").isEmpty();
  }
}
