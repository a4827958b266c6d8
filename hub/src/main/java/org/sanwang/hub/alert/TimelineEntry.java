package org.sanwang.hub.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.sanwang.hub.CborSerializable;

/**
 * One line of an alert's record: {@code type} is raised, press, step, empty_role, notified,
 * delivered, failed, gave_up, unavailable, acknowledged, arrival_overdue, arrived, resolved or cancelled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(Instant at, String type, String text, String by, String channel, String to, Integer attempt)
    implements CborSerializable {
  static TimelineEntry of(Instant at, String type, String text) {
    return new TimelineEntry(at, type, text, null, null, null, null);
  }
}
