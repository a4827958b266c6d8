package org.sanwang.hub.device;

import java.time.Instant;
import org.sanwang.hub.org.FieldError;

/**
 * What a device sends on {@code call} and {@code heartbeat}, over MQTT or HTTP:
 * {@code {"at":"…","battery":87,"seq":123}}, every field optional.
 */
public record DeviceMessage(Instant at, Integer battery, Long seq) {
  public static final DeviceMessage EMPTY = new DeviceMessage(null, null, null);

  /** The first problem with this message, or null. */
  public FieldError problem() {
    if (battery != null && (battery < 0 || battery > 100)) return new FieldError("battery", "must be 0 to 100, got " + battery);
    if (seq != null && seq < 0) return new FieldError("seq", "must be 0 or more, got " + seq);
    return null;
  }
}
