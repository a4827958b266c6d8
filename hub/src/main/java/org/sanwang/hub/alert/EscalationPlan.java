package org.sanwang.hub.alert;

import java.time.Duration;
import java.time.Instant;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.community.EscalationPolicy;

/**
 * When each escalation step is due. Cycle {@code k} starts at {@code start + k * repeatEvery};
 * step {@code i} of a cycle is due at its start plus the step's {@code after}. Pure: the alert entity
 * keeps a {@link Cursor} in its state and asks this class what comes next.
 */
public final class EscalationPlan {
  private EscalationPlan() {}

  /**
   * The longest wait an alert ever schedules. Policies are refused beyond it; one stored before
   * they were bounded is clamped to it, so an alert never fails on a delay the scheduler cannot take.
   */
  public static final Duration LONGEST_WAIT = Duration.ofHours(24);

  /** The next step to run: {@code cycle}, {@code step}, escalation started at {@code start}. */
  public record Cursor(Instant start, int cycle, int step) implements CborSerializable {
    public static Cursor from(Instant start) {
      return new Cursor(start, 0, 0);
    }
  }

  public static Instant dueAt(EscalationPolicy policy, Cursor c) {
    return c.start().plus(bounded(policy.repeatEvery()).multipliedBy(c.cycle())).plus(bounded(policy.steps().get(c.step()).after()));
  }

  public static Cursor after(EscalationPolicy policy, Cursor c) {
    return c.step() + 1 < policy.steps().size()
        ? new Cursor(c.start(), c.cycle(), c.step() + 1)
        : new Cursor(c.start(), c.cycle() + 1, 0);
  }

  /** How long from {@code now} until the step under the cursor is due: zero when overdue, at most {@link #LONGEST_WAIT}. */
  public static Duration delay(EscalationPolicy policy, Cursor c, Instant now) {
    return bounded(Duration.between(now, dueAt(policy, c)));
  }

  /** {@code d} within zero and {@link #LONGEST_WAIT}; a missing value counts as zero. */
  public static Duration bounded(Duration d) {
    if (d == null || d.isNegative()) return Duration.ZERO;
    return d.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : d;
  }
}
