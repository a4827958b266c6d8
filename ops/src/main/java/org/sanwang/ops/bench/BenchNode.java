package org.sanwang.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** The settings every benchmark's hub node shares: ephemeral ports, no demo, quiet logs, its own data dir. */
final class BenchNode {
  static final String ADMIN_PASSWORD = "bench-admin-password";

  private BenchNode() {}

  static Map<String, Object> overrides(String name) throws IOException {
    var m = new HashMap<String, Object>();
    m.put("sanwang.http.port", 0);
    m.put("sanwang.cluster.port", 0);
    m.put("sanwang.demo", "off");
    m.put("sanwang.data-dir", Files.createTempDirectory("sanwang-" + name).toString());
    m.put("sanwang.admin-password", ADMIN_PASSWORD);
    m.put("pekko.loglevel", "WARNING");
    return m;
  }
}
