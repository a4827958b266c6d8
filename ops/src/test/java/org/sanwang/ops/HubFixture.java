package org.sanwang.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** Starts real hub nodes for tests: on embedded H2, or on the PostgreSQL that ops/test started. */
public final class HubFixture {
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  private HubFixture() {}

  public static Map<String, Object> embedded(Path dataDir) {
    var m = new HashMap<String, Object>();
    m.put("sanwang.http.port", 0);
    m.put("sanwang.cluster.port", 0);
    m.put("sanwang.data-dir", dataDir.toString());
    m.put("sanwang.db.url", "");
    m.put("sanwang.demo", "off");
    m.put("sanwang.simulator.rate", 0);
    m.put("sanwang.admin-password", ADMIN_PASSWORD);
    m.put("sanwang.http.login-attempts", 50);
    return m;
  }

  /** Settings for a fresh PostgreSQL database of its own; skips (or fails under ops/test) without PostgreSQL. */
  public static Map<String, Object> postgres(Path dataDir) throws Exception {
    var db = freshPostgresDatabase();
    var m = embedded(dataDir);
    m.put("sanwang.db.url", db.url());
    m.put("sanwang.db.user", db.user());
    m.put("sanwang.db.password", db.password());
    return m;
  }

  public record Db(String url, String user, String password) {}

  public static Db freshPostgresDatabase() throws Exception {
    String admin = requiredEnv("SANWANG_TEST_PG_ADMIN_URL");
    String user = requiredEnv("SANWANG_TEST_DB_USER");
    String password = requiredEnv("SANWANG_TEST_DB_PASSWORD");
    String name = "hub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var c = DriverManager.getConnection(admin, user, password); var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return new Db(admin.substring(0, admin.lastIndexOf('/') + 1) + name, user, password);
  }

  static String requiredEnv(String name) {
    var v = Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
    if (v.isEmpty() && "required".equals(System.getenv("SANWANG_TEST_SERVICES")))
      throw new IllegalStateException(name + " is not set although ops/test should have started the service");
    Assumptions.assumeTrue(v.isPresent(), name + " is not set: run the tests with ops/test");
    return v.get();
  }

  /** The environment of a hub run as its own process (HubProcess) on this database and data directory. */
  public static Map<String, String> processEnv(Db db, Path dataDir) {
    return Map.of(
        "SANWANG_DB_URL", db.url(), "SANWANG_DB_USER", db.user(), "SANWANG_DB_PASSWORD", db.password(),
        "SANWANG_DATA_DIR", dataDir.toString(), "SANWANG_ADMIN_PASSWORD", ADMIN_PASSWORD, "SANWANG_DEMO", "off");
  }

  /**
   * The environment of a hub run as its own process on the embedded database in this data directory
   * (an empty SANWANG_DB_URL, so a PostgreSQL address inherited from the caller's environment is not used).
   */
  public static Map<String, String> processEnv(Path dataDir) {
    return Map.of("SANWANG_DB_URL", "", "SANWANG_DATA_DIR", dataDir.toString(), "SANWANG_ADMIN_PASSWORD", ADMIN_PASSWORD,
        "SANWANG_DEMO", "off");
  }

  public static Path tempDir() throws Exception {
    return Files.createTempDirectory("sanwang-hub-test");
  }
}
