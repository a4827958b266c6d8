package org.sanwang.hub.work;

import java.util.Arrays;
import java.util.Optional;

/** The three levels a governance case climbs (三级派单): the community, the street, the district. */
public enum Level {
  community,
  street,
  district;

  /** The level above, or empty at the district (the top). */
  public Optional<Level> next() {
    return this == district ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
  }

  public static Optional<Level> parse(String s) {
    return Arrays.stream(values()).filter(l -> l.name().equals(s)).findFirst();
  }
}
