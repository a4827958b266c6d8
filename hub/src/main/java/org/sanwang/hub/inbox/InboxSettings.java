package org.sanwang.hub.inbox;

import com.typesafe.config.Config;

/** Typed settings of inboxes, read once at start from {@code sanwang.inbox}. */
public record InboxSettings(int retained, int snapshotEvery) {
  public InboxSettings {
    if (retained < 1) throw new IllegalArgumentException("sanwang.inbox.retained must be at least 1");
    if (snapshotEvery < 1) throw new IllegalArgumentException("sanwang.inbox.snapshot-every must be at least 1");
  }

  public static InboxSettings from(Config config) {
    var c = config.getConfig("sanwang.inbox");
    return new InboxSettings(c.getInt("retained"), c.getInt("snapshot-every"));
  }
}
