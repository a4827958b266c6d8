package org.sanwang.ops;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * Where events live: PostgreSQL when {@code SANWANG_DB_URL} is set, else an H2 file database under
 * the data directory. The schema is created and migrated by Flyway before Pekko starts. Either way a
 * commit is on disk when it returns, since the hub acknowledges a write then (README, Durability).
 */
public final class Database {
  public record Connection(String url, String user, String password, String driver, String profile, String migrations) {}

  static {
    FilePath.register(new SyncedFile());
  }

  private Database() {}

  public static Connection of(HubSettings s) {
    if (s.postgres()) {
      String url = s.dbUrl().get();
      // One multi-row INSERT per batch instead of one statement per row.
      if (!url.contains("reWriteBatchedInserts")) url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
      return new Connection(url, s.dbUser(), s.dbPassword(), "org.postgresql.Driver", "slick.jdbc.PostgresProfile$",
          "classpath:db/postgres");
    }
    Path file = s.dataDir().resolve("sanwang");
    // The hub acknowledges a write (201, 202) once its commit returns, so the commit must be on disk
    // by then. H2's default WRITE_DELAY (500 ms) returns first and writes later: kill -9 lost acknowledged
    // posts and alerts. WRITE_DELAY=0 makes H2 2.3 write each commit into the file before returning;
    // the synced: file system opens that file with O_DSYNC, so the write is on the disk, not just in the
    // OS cache (a power cut).
    String url = "jdbc:h2:" + SyncedFile.SCHEME + ":" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    return new Connection(url, "sa", "", "org.h2.Driver", "slick.jdbc.H2Profile$", "classpath:db/h2");
  }

  public static void migrate(HubSettings s) throws Exception {
    Files.createDirectories(s.dataDir());
    var c = of(s);
    Flyway.configure()
        .dataSource(c.url(), c.user(), c.password())
        .locations(c.migrations())
        .load()
        .migrate();
  }

  /** The pekko-persistence-jdbc configuration for this database, to layer over application.conf. */
  public static Config persistenceConfig(HubSettings s) {
    return sharedDb(s, "default", s.dbPoolSize()).withFallback(sharedDb(s, "urgent", 3));
  }

  private static Config sharedDb(HubSettings s, String name, int pool) {
    var c = of(s);
    String base = "pekko-persistence-jdbc.shared-databases." + name + ".";
    return ConfigFactory.empty()
        .withValue(base + "profile", ConfigValueFactory.fromAnyRef(c.profile()))
        .withValue(base + "db.url", ConfigValueFactory.fromAnyRef(c.url()))
        .withValue(base + "db.user", ConfigValueFactory.fromAnyRef(c.user()))
        .withValue(base + "db.password", ConfigValueFactory.fromAnyRef(c.password()))
        .withValue(base + "db.driver", ConfigValueFactory.fromAnyRef(c.driver()))
        .withValue(base + "db.connectionPool", ConfigValueFactory.fromAnyRef("HikariCP"))
        .withValue(base + "db.numThreads", ConfigValueFactory.fromAnyRef(pool))
        .withValue(base + "db.maxConnections", ConfigValueFactory.fromAnyRef(pool))
        .withValue(base + "db.minConnections", ConfigValueFactory.fromAnyRef(Math.min(2, pool)))
        .withValue(base + "db.queueSize", ConfigValueFactory.fromAnyRef(100_000))
        .withValue(base + "db.connectionTimeout", ConfigValueFactory.fromAnyRef(30_000));
  }

  /** H2's file system, except that a database file is opened with O_DSYNC: each write returns once it is on the disk. */
  public static final class SyncedFile extends FilePathWrapper {
    static final String SCHEME = "synced";

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
      return getBase().open(mode.equals("rw") && name.endsWith(".mv.db") ? "rwd" : mode);
    }
  }
}
