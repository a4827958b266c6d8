package org.sanwang.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The throttle of logins and device secrets, on a clock moved by hand: limits per (subject,
 * address) and per address, a lockout that doubles per locked-out round, no lockout of the subject
 * elsewhere, and memory that stays bounded without ever being cleared in bulk.
 */
class ThrottleTest {
  static final String ATTACKER = "198.51.100.7";
  static final String HOME = "203.0.113.20";

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  /** 5 failures per user and address, 20 per address, one forgiven a minute, lockouts from 1 min to 1 h. */
  private Throttle throttle(int maxKeys) {
    return new Throttle(Throttle.Settings.of(5, 20, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1), maxKeys),
        nanos::get);
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private static Throttle.Admitted admitted(Throttle.Attempt attempt) {
    assertThat(attempt).isInstanceOf(Throttle.Admitted.class);
    return (Throttle.Admitted) attempt;
  }

  private static long refusedFor(Throttle.Attempt attempt) {
    assertThat(attempt).isInstanceOf(Throttle.Refused.class);
    return ((Throttle.Refused) attempt).retryAfterSeconds();
  }

  private static void failFiveTimes(Throttle underTest, String user, String address) {
    for (int i = 0; i < 5; i++) admitted(underTest.attempt(user, address)).failed();
  }

  @Test
  void afterFiveWrongPasswordsFromOneAddressTheNextTryThereWaitsAMinute() {
    var underTest = throttle(1000);
    failFiveTimes(underTest, "wangfang", ATTACKER);
    assertThat(refusedFor(underTest.attempt("wangfang", ATTACKER))).isEqualTo(60);
    advance(Duration.ofSeconds(45));
    assertThat(refusedFor(underTest.attempt("wangfang", ATTACKER))).isEqualTo(15);
    advance(Duration.ofSeconds(15));
    admitted(underTest.attempt("wangfang", ATTACKER));
  }

  @Test
  void theRightPasswordFromAnotherAddressStillWorksWhileOneAddressIsLockedOut() {
    var underTest = throttle(1000);
    failFiveTimes(underTest, "wangfang", ATTACKER);
    refusedFor(underTest.attempt("wangfang", ATTACKER));
    admitted(underTest.attempt("wangfang", HOME)).succeeded();
    admitted(underTest.attempt("wangfang", HOME)).succeeded();
    assertThat(refusedFor(underTest.attempt("wangfang", ATTACKER))).as("the attacker's lockout is untouched").isPositive();
  }

  @Test
  void eachLockedOutRoundDoublesTheWaitUpToTheMaximum() {
    var underTest = throttle(1000);
    long[] expected = {60, 120, 240, 480, 960, 1920, 3600, 3600};
    for (long wait : expected) {
      failFiveTimes(underTest, "wangfang", ATTACKER);
      assertThat(refusedFor(underTest.attempt("wangfang", ATTACKER))).isEqualTo(wait);
      advance(Duration.ofSeconds(wait));
    }
  }

  @Test
  void aSuccessEndsTheBackOffOfThatUserAtThatAddress() {
    var underTest = throttle(1000);
    for (int round = 0; round < 3; round++) {
      failFiveTimes(underTest, "wangfang", HOME);
      advance(Duration.ofSeconds(refusedFor(underTest.attempt("wangfang", HOME))));
    }
    admitted(underTest.attempt("wangfang", HOME)).succeeded();
    failFiveTimes(underTest, "wangfang", HOME);
    assertThat(refusedFor(underTest.attempt("wangfang", HOME))).as("back to the first lockout").isEqualTo(60);
  }

  @Test
  void successfulTriesAreNeverCounted() {
    var underTest = throttle(1000);
    for (int i = 0; i < 500; i++) admitted(underTest.attempt("wangfang", HOME)).succeeded();
    for (int i = 0; i < 500; i++) admitted(underTest.attempt("user-" + i, HOME)).succeeded();
  }

  @Test
  void oneAddressGuessingAcrossManyUsernamesIsLockedOutAsAWholeButOnlyThere() {
    var underTest = throttle(1000);
    for (int i = 0; i < 20; i++) admitted(underTest.attempt("user-" + i, ATTACKER)).failed();
    assertThat(refusedFor(underTest.attempt("someone-else", ATTACKER))).isEqualTo(60);
    admitted(underTest.attempt("someone-else", HOME)).succeeded();
  }

  @Test
  void aFailureIsForgivenEveryRefillSoOccasionalTyposNeverLockAnyoneOut() {
    var underTest = throttle(1000);
    for (int i = 0; i < 50; i++) {
      admitted(underTest.attempt("wangfang", HOME)).failed();
      advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void concurrentTriesCannotExceedTheRoundAndAreRefusedWithoutAStrike() {
    var underTest = throttle(1000);
    var inFlight = new java.util.ArrayList<Throttle.Admitted>();
    for (int i = 0; i < 5; i++) inFlight.add(admitted(underTest.attempt("wangfang", ATTACKER)));
    long wait = refusedFor(underTest.attempt("wangfang", ATTACKER));
    assertThat(wait).as("until a try comes back").isBetween(1L, 60L);
    inFlight.forEach(Throttle.Admitted::succeeded);
    admitted(underTest.attempt("wangfang", ATTACKER));
  }

  @Test
  void aFloodOfDistinctKeysDoesNotResetARecentLockout() {
    var underTest = throttle(100_000);
    failFiveTimes(underTest, "wangfang", ATTACKER);
    for (int i = 0; i < 100_050; i++) {
      String address = "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
      admitted(underTest.attempt("user-" + i, address)).failed();
    }
    assertThat(refusedFor(underTest.attempt("wangfang", ATTACKER))).isEqualTo(60);
    assertThat(underTest.subjects().roundsHeld()).as("memory stays bounded").isLessThanOrEqualTo(100_000);
    assertThat(underTest.addresses().roundsHeld()).isLessThanOrEqualTo(100_000);
  }

  @Test
  void aFloodOfLockedOutKeysStaysWithinTheBound() {
    var limiter = new FailureLimiter(new Throttle.Limits(1, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1)),
        1000, nanos::get);
    for (int i = 0; i < 5000; i++) limiter.tryAcquire("key-" + i).lease().failed();
    assertThat(limiter.locksHeld()).isLessThanOrEqualTo(1000);
    assertThat(limiter.roundsHeld()).isLessThanOrEqualTo(1000);
  }

  @Test
  void idleKeysAreForgottenAfterTheLongestLockout() {
    var limiter = new FailureLimiter(new Throttle.Limits(5, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1)),
        1000, nanos::get);
    for (int i = 0; i < 5; i++) limiter.tryAcquire("idle").lease().failed();
    assertThat(limiter.tryAcquire("idle").admitted()).isFalse();
    assertThat(limiter.locksHeld()).isEqualTo(1);
    advance(Duration.ofMinutes(59));
    assertThat(limiter.locksHeld()).as("a lock outlives its longest wait").isEqualTo(1);
    advance(Duration.ofMinutes(10));
    assertThat(limiter.locksHeld()).isZero();
    assertThat(limiter.roundsHeld()).isZero();
  }
}
