package org.sanwang.console.api;

import java.util.List;
import org.sanwang.hub.alert.AlertEntity;

/**
 * The stable codes a problem carries (member {@code code}) when the hub refuses for a domain
 * reason, so that pages can say why in the user's language. A code, once released, keeps its
 * meaning; every code here has a label in both languages in
 * {@code web-console/frontend/src/shared/problemCodes.ts} (checked by a test).
 */
public final class ProblemCodes {
  /** The alert is resolved or cancelled: nothing more can be done on it. */
  public static final String ALERT_CLOSED = "alert.closed";
  /** Someone acknowledged it already and is on the way (and paging has not started again). */
  public static final String ALERT_ALREADY_ACKNOWLEDGED = "alert.already_acknowledged";
  /** Someone is at the door already: only resolve or cancel remain. */
  public static final String ALERT_ALREADY_ARRIVED = "alert.already_arrived";
  /** No press has raised this alert (yet). */
  public static final String ALERT_NOT_RAISED = "alert.not_raised";
  /** Any other refusal of an alert action by the alert's state. */
  public static final String ALERT_CONFLICT = "alert.conflict";
  /** A community's settings (escalation policy, check-in deadline) change only by its secretary or admin. */
  public static final String COMMUNITY_SECRETARY_ONLY = "community.secretary_only";

  /** A claim on a wish another member claimed first (the problem names them in {@code claimedBy}). */
  public static final String WISH_TAKEN = "wish_taken";

  /** Refusals of a case, wish or appointment by its state: the kind and the state it is in ({@code case_resolved}). */
  public static final List<String> WORK_STATES = List.of("case_reported", "case_accepted", "case_resolved", "case_closed",
      "wish_posted", "wish_claimed", "wish_fulfilled", "wish_confirmed", "wish_cancelled",
      "appointment_requested", "appointment_accepted", "appointment_completed", "appointment_cancelled");

  public static final List<String> ALL = java.util.stream.Stream.concat(java.util.stream.Stream.of(ALERT_CLOSED,
      ALERT_ALREADY_ACKNOWLEDGED, ALERT_ALREADY_ARRIVED, ALERT_NOT_RAISED, ALERT_CONFLICT, COMMUNITY_SECRETARY_ONLY, WISH_TAKEN),
      WORK_STATES.stream()).toList();

  /** The code of a refusal by a case's, wish's or appointment's state. */
  public static String workRefusal(String kind, String state) {
    return kind + "_" + state;
  }

  private ProblemCodes() {}

  /**
   * Why an alert in {@code state} (null: never raised) refuses {@code action}: read from the
   * alert's state after the refusal, which only moves forward, so the code says how it stands now.
   */
  public static String alertRefusal(String state, String action) {
    if (state == null) return ALERT_NOT_RAISED;
    return switch (state) {
      case AlertEntity.RESOLVED, AlertEntity.CANCELLED -> ALERT_CLOSED;
      case AlertEntity.ARRIVED -> "acknowledge".equals(action) || "arrive".equals(action) ? ALERT_ALREADY_ARRIVED : ALERT_CONFLICT;
      case AlertEntity.ACKNOWLEDGED -> "acknowledge".equals(action) ? ALERT_ALREADY_ACKNOWLEDGED : ALERT_CONFLICT;
      default -> ALERT_CONFLICT;
    };
  }
}
