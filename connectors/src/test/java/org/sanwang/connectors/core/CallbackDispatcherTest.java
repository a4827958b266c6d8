package org.sanwang.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} from a network's 429 or 503, as seconds or as an HTTP date (RFC 9110). */
class CallbackDispatcherTest {
  private static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");

  @Test
  void secondsAreTakenAsSuch() {
    assertThat(CallbackDispatcher.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(CallbackDispatcher.retryAfter(" 0 ", NOW)).contains(Duration.ZERO);
    assertThat(CallbackDispatcher.retryAfter("-5", NOW)).as("never a wait into the past").contains(Duration.ZERO);
  }

  @Test
  void anHttpDateIsTheWaitUntilThen() {
    assertThat(CallbackDispatcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).contains(Duration.ofMinutes(1));
    assertThat(CallbackDispatcher.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).as("a date gone by: at once").contains(Duration.ZERO);
  }

  @Test
  void garbageIsNoRetryAfter() {
    assertThat(CallbackDispatcher.retryAfter("soon", NOW)).isEmpty();
    assertThat(CallbackDispatcher.retryAfter("", NOW)).isEmpty();
    assertThat(CallbackDispatcher.retryAfter("1.5", NOW)).isEmpty();
    assertThat(CallbackDispatcher.retryAfter("2015-10-21T07:28:00Z", NOW)).as("ISO is not an HTTP date").isEmpty();
  }
}
