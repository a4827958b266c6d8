package org.sanwang.connectors.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a callback that failed is tried again (CONTRACT, "Outbound callbacks"): from {@code min}
 * doubling up to {@code max}, or at the time the endpoint asked for with {@code Retry-After} (429,
 * 503), until an attempt fails {@code giveUpAfter} or more after the item was queued: then never
 * again (the item is failed), so retries span at least {@code giveUpAfter}.
 */
public record RetryPolicy(Duration min, Duration max, Duration giveUpAfter) {

  /** The next attempt after the {@code attempts}-th failure (1 for the first), or empty to give up. */
  public Optional<Instant> next(int attempts, Instant since, Instant now, Optional<Duration> retryAfter) {
    Duration backoff = retryAfter.filter(d -> !d.isNegative()).map(d -> d.compareTo(max) > 0 ? max : d)
        .orElseGet(() -> backoff(attempts));
    return now.isBefore(since.plus(giveUpAfter)) ? Optional.of(now.plus(backoff)) : Optional.empty();
  }

  Duration backoff(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 30));
    long millis = min.toMillis() << Math.min(doublings, 20);
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
