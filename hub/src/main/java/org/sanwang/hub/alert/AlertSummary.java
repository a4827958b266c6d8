package org.sanwang.hub.alert;

import java.time.Instant;
import org.sanwang.hub.CborSerializable;

/** What the alert board lists for an open alert. */
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
    java.time.Instant acknowledgedAt,
    java.time.Instant arrivedAt,
    java.time.Instant closedAt)
    implements CborSerializable {}
