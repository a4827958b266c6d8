package org.sanwang.ops;

import java.nio.file.Path;
import java.util.Map;

/** Acknowledged writes survive SIGKILL on the embedded default: the H2 file under SANWANG_DATA_DIR, no SANWANG_DB_URL. */
class AcknowledgedWritesSurviveKillH2IT extends AcknowledgedWritesSurviveKillContract {
  @Override
  protected Map<String, String> hubEnv(Path dataDir) {
    return HubFixture.processEnv(dataDir);
  }

  @Override
  protected String engine() {
    return "h2";
  }
}
