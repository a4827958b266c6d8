package org.sanwang.ops;

import java.nio.file.Path;
import java.util.Map;

/** Acknowledged writes survive SIGKILL on the PostgreSQL started by ops/test (fsync and synchronous_commit on). */
class AcknowledgedWritesSurviveKillPostgresIT extends AcknowledgedWritesSurviveKillContract {
  @Override
  protected Map<String, String> hubEnv(Path dataDir) throws Exception {
    return HubFixture.processEnv(HubFixture.freshPostgresDatabase(), dataDir);
  }

  @Override
  protected String engine() {
    return "postgres";
  }
}
