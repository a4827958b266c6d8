package org.sanwang.hub.org;

import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's current view of the organisation. The {@link OrgRegistry} is the writer; every node
 * holds an index of the latest tree here, refreshed when the registry announces a change.
 */
public final class OrgDirectory {
  private final AtomicReference<OrgIndex> current = new AtomicReference<>(OrgIndex.EMPTY);

  public OrgIndex index() {
    return current.get();
  }

  public void update(OrgTree tree) {
    current.set(new OrgIndex(tree));
  }
}
