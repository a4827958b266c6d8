package org.sanwang.console.streams;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Live stream settings ({@code sanwang.http.streams}): how far a reader may fall behind before it
 * is dropped, and how often a stream checks history for an element whose live copy was lost.
 */
public record StreamSettings(int buffer, Duration checkEvery) {
  public StreamSettings {
    if (buffer < 1) throw new IllegalArgumentException("sanwang.http.streams.buffer must be at least 1");
    if (checkEvery.isNegative() || checkEvery.isZero())
      throw new IllegalArgumentException("sanwang.http.streams.check-every must be positive");
  }

  public static StreamSettings from(Config config) {
    var c = config.getConfig("sanwang.http.streams");
    return new StreamSettings(c.getInt("buffer"), c.getDuration("check-every"));
  }
}
