package org.sanwang.hub.group;

import com.typesafe.config.Config;

/** Typed settings of groups, read once at start from {@code sanwang.groups}. */
public record GroupSettings(int dedupeWindow, int snapshotEvery, int maxTextLength) {
  public GroupSettings {
    if (dedupeWindow < 1) throw new IllegalArgumentException("sanwang.groups.dedupe-window must be at least 1");
    if (snapshotEvery < 1) throw new IllegalArgumentException("sanwang.groups.snapshot-every must be at least 1");
    if (maxTextLength < 1) throw new IllegalArgumentException("sanwang.groups.max-text-length must be at least 1");
  }

  public static GroupSettings from(Config config) {
    var c = config.getConfig("sanwang.groups");
    return new GroupSettings(c.getInt("dedupe-window"), c.getInt("snapshot-every"), c.getInt("max-text-length"));
  }
}
