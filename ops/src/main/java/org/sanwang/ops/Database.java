package org.sanwang.ops;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where events live: PostgreSQL when {@code SANWANG_DB_URL} is set, else an H2 file database under
 * the data directory. The schema is created and migrated by Flyway before Pekko starts. Either way a
 * commit is on disk when it returns, since the hub acknowledges a write then (README, Durability).
 */
public final class Database {
  public record Connection(String url, String user, String password, String driver, String profile, String migrations) {}

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  static {
    FilePath.register(new SyncedFile());
    try {
      // Registered, so the connection pool finds it by class name instead of warning at every start.
      java.sql.DriverManager.registerDriver(new HousekeepingDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
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
    // OS cache (a power cut). H2 keeps dead chunks for RETENTION_TIME in case the OS loses recent writes,
    // which O_DSYNC rules out, and 1 s instead of 45 s keeps the file from ballooning under load.
    // WRITE_DELAY=0 also stops H2's background writer, which compacted the file: HousekeepingDriver does.
    String url = "jdbc:h2:" + SyncedFile.SCHEME + ":" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=1000";
    return new Connection(url, "sa", "", HousekeepingDriver.class.getName(), "slick.jdbc.H2Profile$", "classpath:db/h2");
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

  /**
   * A pool of connections to the hub's database for the tables outside the journal (the network
   * edge's), closed when {@code system} terminates.
   */
  public static javax.sql.DataSource pool(HubSettings s, String name, int size, org.apache.pekko.actor.typed.ActorSystem<?> system) {
    var c = of(s);
    var config = new com.zaxxer.hikari.HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(c.url());
    config.setUsername(c.user());
    config.setPassword(c.password());
    config.setDriverClassName(c.driver());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    var pool = new com.zaxxer.hikari.HikariDataSource(config);
    system.getWhenTerminated().thenRun(pool::close);
    return pool;
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

  /**
   * H2's driver, plus for each database its connections open, every second until it is closed, the
   * compaction H2's background writer does when WRITE_DELAY is above 0: rewrite the live pages of
   * mostly dead chunks, so their space is reused and the file stops growing.
   */
  public static final class HousekeepingDriver implements Driver {
    private static final Map<MVStore, ScheduledFuture<?>> KEPT = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService KEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
      var t = new Thread(r, "h2-housekeeping");
      t.setDaemon(true);
      return t;
    });

    private final Driver h2 = new org.h2.Driver();

    @Override
    public java.sql.Connection connect(String url, Properties info) throws SQLException {
      var c = h2.connect(url, info);
      if (c instanceof JdbcConnection j && j.getSession() instanceof SessionLocal session) {
        var store = session.getDatabase().getStore().getMvStore();
        KEPT.computeIfAbsent(store, s -> KEEPER.scheduleWithFixedDelay(() -> compact(s), 1, 1, TimeUnit.SECONDS));
      }
      return c;
    }

    private static void compact(MVStore store) {
      try {
        // below 80 % live data, rewrite up to 4 MiB of live pages from the emptiest chunks
        if (!store.isClosed() && store.compact(80, 4 << 20)) store.commit();
      } catch (RuntimeException e) {
        if (!store.isClosed()) log.warn("H2 compaction failed, trying again in a second: {}", e.toString());
      }
      if (store.isClosed()) {
        var schedule = KEPT.remove(store);
        if (schedule != null) schedule.cancel(false);
      }
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
      return h2.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
      return h2.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
      return h2.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
      return h2.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
      return h2.jdbcCompliant();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return h2.getParentLogger();
    }
  }
}
