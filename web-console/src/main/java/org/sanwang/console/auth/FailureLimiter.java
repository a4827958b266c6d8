package org.sanwang.console.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;

/**
 * Failures counted per key, with a lockout that doubles after each locked-out round.
 *
 * <p>A key has a round of {@code attempts} tries (a Bucket4j bucket; one try comes back every
 * {@code refill}). Each try is reserved before it is made; a try that succeeds or is not held
 * against the caller is given back, a failed one stays spent. The failure that empties the round
 * locks the key for {@code lockout}, doubling with each further locked-out round up to
 * {@code maxLockout}; after the wait the key has a fresh round.
 *
 * <p>Rounds and locks are kept in two Caffeine caches, bounded in size and expiring when idle,
 * never cleared as a whole. A flood of distinct keys only cycles through the rounds cache; the
 * locks cache holds only keys that were actually locked, each of which cost a full round of
 * failures, so a flood cannot push a recent lock out. An idle lock is forgotten only after
 * {@code maxLockout} plus the time a round takes to refill, so a lock always outlives its wait.
 */
final class FailureLimiter {
  /** A reserved try on one key: exactly one of {@link #failed}, {@link #forgiven} or {@link #cleared} follows. */
  final class Lease {
    private final String key;
    private final Round round;

    private Lease(String key, Round round) {
      this.key = key;
      this.round = round;
    }

    /** The try failed: it stays spent, and when it was the round's last the key is locked. Returns the failures counted in this round. */
    int failed() {
      return round.failed(key);
    }

    /** The try is not held against the key: it is given back. */
    void forgiven() {
      round.bucket.addTokens(1);
    }

    /** The key proved itself: its round and any back-off are forgotten. */
    void cleared() {
      locks.invalidate(key);
      rounds.asMap().remove(key, round);
    }
  }

  /** Either a lease (the try may be made now) or how long to wait. */
  record Admission(Lease lease, Duration retryAfter) {
    boolean admitted() {
      return lease != null;
    }
  }

  private final Throttle.Limits limits;
  private final Ticker ticker;
  private final TimeMeter meter;
  private final Cache<String, Round> rounds;
  private final Cache<String, Lock> locks;

  FailureLimiter(Throttle.Limits limits, int maxKeys, Ticker ticker) {
    if (maxKeys < 1) throw new IllegalArgumentException("max keys: must be at least 1, got " + maxKeys);
    this.limits = limits;
    this.ticker = ticker;
    this.meter = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return ticker.read();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    var roundTime = limits.refill().multipliedBy(limits.attempts());
    // Maintenance (eviction, expiry) runs on the caller's thread: no pool, and nothing left pending.
    this.rounds = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(roundTime)
        .ticker(ticker).executor(Runnable::run).build();
    this.locks = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(limits.maxLockout().plus(roundTime))
        .ticker(ticker).executor(Runnable::run).build();
  }

  /** Reserves a try on {@code key}, or says how long the key must wait. */
  Admission tryAcquire(String key) {
    var lock = locks.getIfPresent(key);
    if (lock != null) {
      long remaining = lock.remaining(ticker.read());
      if (remaining > 0) return new Admission(null, Duration.ofNanos(remaining));
    }
    var round = rounds.get(key, k -> new Round());
    var probe = round.bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) return new Admission(new Lease(key, round), Duration.ZERO);
    // Every try of the round is taken by tries still under way: wait for one to come back, no strike.
    return new Admission(null, Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1)));
  }

  /** Keys whose rounds are held now (for tests of the bound). */
  long roundsHeld() {
    rounds.cleanUp();
    return rounds.estimatedSize();
  }

  /** Keys whose locks are held now (for tests of the bound). */
  long locksHeld() {
    locks.cleanUp();
    return locks.estimatedSize();
  }

  private final class Round {
    final Bucket bucket = Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(limits.attempts()).refillGreedy(1, limits.refill()).build())
        .withCustomTimePrecision(meter)
        .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED)
        .build();

    synchronized int failed(String key) {
      long left = bucket.getAvailableTokens();
      int failures = (int) (limits.attempts() - left);
      if (left > 0) return failures;
      // The round is spent: lock the key (first, so no try slips in between), and start it on a
      // fresh round once the wait is over.
      locks.get(key, k -> new Lock()).strike(ticker.read(), limits);
      rounds.asMap().remove(key, this);
      return failures;
    }
  }

  private static final class Lock {
    private int strikes;
    private long until;

    synchronized long remaining(long now) {
      return Math.max(0, until - now);
    }

    synchronized void strike(long now, Throttle.Limits limits) {
      if (strikes < Integer.MAX_VALUE) strikes++;
      until = now + limits.lockoutAfter(strikes).toNanos();
    }
  }
}
