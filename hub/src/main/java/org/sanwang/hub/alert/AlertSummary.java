package org.sanwang.hub.alert;

import java.time.Instant;
import org.sanwang.hub.CborSerializable;

/**
 * An alert in a line: what the board lists for an open alert, what the live feed announces after
 * each change, and what the history projects for every alert. Serialised (the board's events and
 * snapshots): fields are only ever added at the end and nullable, so what was written before reads.
 * {@code arrivedBy} and {@code closedBy} came later; they are null in summaries written before.
 */
public record AlertSummary(
    String id,
    String state,
    String deviceId,
    String residentId,
    String residentName,
    String building,
    String community,
    String address,
    int pressCount,
    Instant raisedAt,
    int step,
    int cycle,
    Actor acknowledgedBy,
    Instant acknowledgedAt,
    Instant arrivedAt,
    Instant closedAt,
    Actor arrivedBy,
    Actor closedBy)
    implements CborSerializable {

  /** A summary without who arrived and who closed (what summaries had before they said so). */
  public AlertSummary(String id, String state, String deviceId, String residentId, String residentName, String building,
      String community, String address, int pressCount, Instant raisedAt, int step, int cycle, Actor acknowledgedBy,
      Instant acknowledgedAt, Instant arrivedAt, Instant closedAt) {
    this(id, state, deviceId, residentId, residentName, building, community, address, pressCount, raisedAt, step, cycle,
        acknowledgedBy, acknowledgedAt, arrivedAt, closedAt, null, null);
  }

  /** The summary of an alert as it stands, with everyone who acted on it. */
  public static AlertSummary of(AlertEntity.State s) {
    var c = s.record();
    var f = c.facts();
    var ack = s.acknowledgement();
    var arrival = s.arrival();
    var closing = s.closing();
    return new AlertSummary(s.id(), s.state(), f.deviceId(), f.residentId(), f.residentName(), f.building(), f.community(),
        f.address(), c.pressCount(), c.raisedAt(), c.lastStep(), c.lastCycle(), ack == null ? null : ack.by(),
        ack == null ? null : ack.at(), arrival == null ? null : arrival.at(), closing == null ? null : closing.at(),
        arrival == null ? null : arrival.by(), closing == null ? null : closing.by());
  }

  /** Whether the alert is over (resolved or cancelled). */
  public boolean closed() {
    return AlertEntity.RESOLVED.equals(state) || AlertEntity.CANCELLED.equals(state);
  }
}
