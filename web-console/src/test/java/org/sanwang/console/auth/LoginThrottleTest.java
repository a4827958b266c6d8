package org.sanwang.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  @Test
  void afterFiveAttemptsTheNextOneMustWait() {
    var underTest = new LoginThrottle(5, Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) assertThat(underTest.tryAttempt("user:wangfang")).isZero();
    assertThat(underTest.tryAttempt("user:wangfang")).isBetween(1L, 60L);
    assertThat(underTest.tryAttempt("user:lina")).as("other users are not affected").isZero();
  }

  @Test
  void aSuccessfulLoginGivesItsAttemptBack() {
    var underTest = new LoginThrottle(2, Duration.ofMinutes(1));
    underTest.tryAttempt("user:wangfang");
    underTest.tryAttempt("user:wangfang");
    underTest.succeeded("user:wangfang");
    assertThat(underTest.tryAttempt("user:wangfang")).isZero();
  }
}
