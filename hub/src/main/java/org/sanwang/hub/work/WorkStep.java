package org.sanwang.hub.work;

import java.time.Instant;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.alert.Actor;

/**
 * One line of a case's, wish's or appointment's timeline: what happened ({@code reported},
 * {@code escalated}, {@code claimed} …), when, by whom (none when the hub did it by itself: {@code auto}),
 * and for cases the level and deadline it moved to.
 */
public record WorkStep(Instant at, String what, Actor by, String note, String level, Instant deadline, Integer rating, boolean auto)
    implements CborSerializable {
  public static WorkStep of(Instant at, String what, Actor by, String note) {
    return new WorkStep(at, what, by, note, null, null, null, false);
  }
}
