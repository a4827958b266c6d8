package org.sanwang.hub.inbox;

import com.typesafe.config.Config;

/** Typed settings of inboxes, read once at start from {@code sanwang.inbox}. */
/** {@code journal}: the journal plugin id, empty for the default one. */
public record InboxSettings(int retained, int snapshotEvery, String journal, java.time.Duration fallbackAfter) {
  public InboxSettings(int retained, int snapshotEvery) {
    this(retained, snapshotEvery, "", java.time.Duration.ZERO);
  }

  public InboxSettings {
    if (retained < 1) throw new IllegalArgumentException("sanwang.inbox.retained must be at least 1");
    if (snapshotEvery < 1) throw new IllegalArgumentException("sanwang.inbox.snapshot-every must be at least 1");
  }

  public static InboxSettings from(Config config) {
    var c = config.getConfig("sanwang.inbox");
    return new InboxSettings(c.getInt("retained"), c.getInt("snapshot-every"), config.getString("sanwang.urgent-journal"),
        c.getDuration("fallback-after"));
  }
}
