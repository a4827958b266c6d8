package org.sanwang.console.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: each username and each client address gets a small bucket of
 * login attempts that refills slowly. Successful logins do not spend from the username's bucket.
 */
public final class LoginThrottle {
  private static final int MAX_KEYS = 100_000;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final int attempts;
  private final Duration refill;

  public LoginThrottle(int attempts, Duration refill) {
    this.attempts = attempts;
    this.refill = refill;
  }

  /** Seconds to wait before the next attempt, or 0 when one may be made now (and is counted). */
  public long tryAttempt(String key) {
    if (buckets.size() > MAX_KEYS) buckets.clear();
    var bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, refill.multipliedBy(attempts)).build())
        .build());
    var probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? 0 : Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
  }

  /** A successful login gives the attempt back. */
  public void succeeded(String key) {
    var bucket = buckets.get(key);
    if (bucket != null) bucket.addTokens(1);
  }
}
