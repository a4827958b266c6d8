package org.sanwang.console.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Slows down guessing of a secret (a person's password, a device's secret) without letting the
 * guesser lock out its owner: failures are counted per (subject, client address) and per client
 * address, never per subject alone, so wrong guesses from one address leave the subject free
 * everywhere else. Only failures count; a success clears the back-off of that subject at that
 * address. Each locked-out round doubles the next wait (see {@link FailureLimiter}).
 *
 * <p>Subjects are kept as a hash, so neither usernames nor anything sent as one stays in memory,
 * and every key has the same small size however long the name sent.
 */
public final class Throttle {
  /** How many failures a key may have in a round, how fast they are forgiven, and how long it then waits. */
  public record Limits(int attempts, Duration refill, Duration lockout, Duration maxLockout) {
    public Limits {
      if (attempts < 1) throw new IllegalArgumentException("attempts: must be at least 1, got " + attempts);
      if (refill.isNegative() || refill.isZero()) throw new IllegalArgumentException("refill: must be positive, got " + refill);
      if (lockout.isNegative() || lockout.isZero()) throw new IllegalArgumentException("lockout: must be positive, got " + lockout);
      if (maxLockout.compareTo(lockout) < 0)
        throw new IllegalArgumentException("max lockout: must be at least the lockout (" + lockout + "), got " + maxLockout);
    }

    /** The lockout after {@code strikes} locked-out rounds: {@code lockout × 2^(strikes-1)}, at most {@code maxLockout}. */
    Duration lockoutAfter(int strikes) {
      int doublings = Math.min(Math.max(strikes - 1, 0), 30);
      var wait = lockout.multipliedBy(1L << doublings);
      return wait.compareTo(maxLockout) > 0 ? maxLockout : wait;
    }
  }

  /** The limits of one kind of secret. */
  public record Settings(Limits perSubjectAndAddress, Limits perAddress, int maxKeys) {
    public Settings {
      Objects.requireNonNull(perSubjectAndAddress);
      Objects.requireNonNull(perAddress);
      if (maxKeys < 1) throw new IllegalArgumentException("max keys: must be at least 1, got " + maxKeys);
    }

    /**
     * {@code attempts} failures per subject and address, {@code attemptsPerAddress} per address, one
     * of each forgiven per {@code refill}; the first lockout {@code lockout}, doubling up to {@code maxLockout}.
     */
    public static Settings of(int attempts, int attemptsPerAddress, Duration refill, Duration lockout, Duration maxLockout,
        int maxKeys) {
      return new Settings(new Limits(attempts, refill, lockout, maxLockout),
          new Limits(attemptsPerAddress, refill, lockout, maxLockout), maxKeys);
    }
  }

  /** One try at a secret: refused (with how long to wait), or admitted and then told how it went. */
  public sealed interface Attempt permits Refused, Admitted {}

  /** Not now: try again after {@link #retryAfterSeconds()}. */
  public record Refused(long retryAfterSeconds) implements Attempt {}

  /** The try may be made; call exactly one of {@link #failed()} and {@link #succeeded()} when it has been. */
  public static final class Admitted implements Attempt {
    private final FailureLimiter.Lease bySubject;
    private final FailureLimiter.Lease byAddress;

    private Admitted(FailureLimiter.Lease bySubject, FailureLimiter.Lease byAddress) {
      this.bySubject = bySubject;
      this.byAddress = byAddress;
    }

    /** A wrong secret: counted against the subject at this address and against the address. Returns the address's failures this round. */
    public int failed() {
      bySubject.failed();
      return byAddress.failed();
    }

    /** The right secret: the subject's back-off at this address ends, and the address is not charged. */
    public void succeeded() {
      bySubject.cleared();
      byAddress.forgiven();
    }
  }

  private final FailureLimiter subjects;
  private final FailureLimiter addresses;

  public Throttle(Settings settings) {
    this(settings, Ticker.systemTicker());
  }

  /** With a time source of its own (tests move it by hand). */
  public Throttle(Settings settings, Ticker ticker) {
    this.subjects = new FailureLimiter(settings.perSubjectAndAddress(), settings.maxKeys(), ticker);
    this.addresses = new FailureLimiter(settings.perAddress(), settings.maxKeys(), ticker);
  }

  /** A try at {@code subject}'s secret from {@code address} (as {@link ClientAddresses} keys it). */
  public Attempt attempt(String subject, String address) {
    var byAddress = addresses.tryAcquire(address);
    if (!byAddress.admitted()) return refused(byAddress.retryAfter());
    var bySubject = subjects.tryAcquire(digest(subject) + "@" + address);
    if (!bySubject.admitted()) {
      byAddress.lease().forgiven();
      return refused(bySubject.retryAfter());
    }
    return new Admitted(bySubject.lease(), byAddress.lease());
  }

  FailureLimiter subjects() {
    return subjects;
  }

  FailureLimiter addresses() {
    return addresses;
  }

  private static Refused refused(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return new Refused(Math.max(1, seconds));
  }

  private static String digest(String subject) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
