package org.sanwang.hub.work;

import java.time.Instant;

/** How a case stands at a glance (pure): its current deadline, whether it is overdue, when it was done. */
public final class CaseView {
  private CaseView() {}

  /** The deadline of an open case's level; null once resolved or closed. */
  public static Instant deadline(CaseEntity.State s) {
    if (s instanceof CaseEntity.Waiting w) return w.deadline();
    if (s instanceof CaseEntity.InHand h) return h.deadline();
    return null;
  }

  public static boolean overdue(CaseEntity.State s, Instant now) {
    var deadline = deadline(s);
    return deadline != null && deadline.isBefore(now);
  }

  /** When it was done (resolved, or closed without a resolution); null while open. */
  public static Instant doneAt(CaseEntity.State s) {
    if (s instanceof CaseEntity.Resolved r) return r.resolution().at();
    if (s instanceof CaseEntity.Closed c) return c.resolution() != null ? c.resolution().at() : c.closedAt();
    return null;
  }

  /** The deadline of the level it was at when done, or is at now: the last one its timeline set. */
  public static Instant lastDeadline(CaseEntity.State s) {
    var r = CaseEntity.record(s);
    if (r == null) return null;
    Instant last = null;
    for (var step : r.timeline()) if (step.deadline() != null) last = step.deadline();
    return last;
  }
}
