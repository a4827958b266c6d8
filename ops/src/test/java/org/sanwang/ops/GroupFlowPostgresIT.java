package org.sanwang.ops;

import java.nio.file.Path;
import java.util.Map;

/** The group flow on the real PostgreSQL started by ops/test. */
class GroupFlowPostgresIT extends GroupFlowContract {
  @Override
  protected Map<String, Object> settings(Path dataDir) throws Exception {
    return HubFixture.postgres(dataDir);
  }
}
