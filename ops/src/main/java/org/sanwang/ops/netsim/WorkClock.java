package org.sanwang.ops.netsim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The networks' working day as netsim plays it. Their work runs on a clock of its own that starts
 * at the real time netsim starts and goes {@code speed} times as fast (60: an hour a minute), so a
 * demo can show a day's cases and wishes in half an hour; {@link #busyness} gives the share of the
 * daytime rate at an hour of that clock, in China's time: quiet at night, busy in office hours.
 *
 * @param start when netsim started, the same on both clocks
 * @param speed simulated seconds per real second
 */
record WorkClock(Instant start, double speed) {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** The share of the daytime rate by hour of the day, 0 to 23. */
  private static final double[] BY_HOUR = {
    0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.6, 1, 1, 1, 1, 0.7, 0.7, 1, 1, 1, 1, 0.6, 0.6, 0.4, 0.4, 0.2, 0.2};

  WorkClock {
    if (!(speed > 0)) throw new IllegalArgumentException("speed: must be above 0, got " + speed);
  }

  /** The work clock's time at this real time. */
  Instant at(Instant real) {
    long nanos = Duration.between(start, real).toNanos();
    return start.plusNanos(Math.round(nanos * speed));
  }

  /** How long a stretch of the work clock lasts in real time. */
  Duration real(Duration simulated) {
    return Duration.ofNanos(Math.round(simulated.toNanos() / speed));
  }

  /** The share (0.1 to 1) of the daytime rate at this time of the work clock. */
  static double busyness(Instant simulated) {
    return BY_HOUR[simulated.atZone(CHINA).getHour()];
  }
}
