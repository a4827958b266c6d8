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

  /** The next step to run: {@code cycle}, {@code step}, escalation started at {@code start}. */
  public record Cursor(Instant start, int cycle, int step) implements CborSerializable {
    public static Cursor from(Instant start) {
      return new Cursor(start, 0, 0);
    }
  }

  public static Instant dueAt(EscalationPolicy policy, Cursor c) {
    return c.start().plus(policy.repeatEvery().multipliedBy(c.cycle())).plus(policy.steps().get(c.step()).after());
  }

  public static Cursor after(EscalationPolicy policy, Cursor c) {
    return c.step() + 1 < policy.steps().size()
        ? new Cursor(c.start(), c.cycle(), c.step() + 1)
        : new Cursor(c.start(), c.cycle() + 1, 0);
  }

  public static Duration delay(EscalationPolicy policy, Cursor c, Instant now) {
    var d = Duration.between(now, dueAt(policy, c));
    return d.isNegative() ? Duration.ZERO : d;
  }
}
