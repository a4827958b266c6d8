package org.sanwang.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL for one test, which the test may stop and start again: initdb into a temporary
 * directory with the binaries of /usr/lib/postgresql/N/bin, run as user postgres when the test runs
 * as root (as ops/lib/services.sh does), on a free loopback port, fsync and synchronous_commit on.
 * {@link #close()} stops it and removes its directory.
 */
final class LocalPostgres implements AutoCloseable {
  static final String USER = "sanwang";
  private final Path bin;
  private final Path dir;
  private final Path data;
  private final Path run;
  private final int port;
  private final String password = UUID.randomUUID().toString().replace("-", "");
  private final boolean root;

  private LocalPostgres(Path bin) throws Exception {
    this.bin = bin;
    this.root = "root".equals(System.getProperty("user.name"));
    this.port = HubProcess.freePort();
    this.dir = Files.createTempDirectory("sanwang-fault-pg");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    this.data = dir.resolve("data");
    this.run = dir.resolve("run");
    Files.createDirectories(data);
    Files.createDirectories(run);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    if (root) {
      if (exec(List.of("id", "-u", "postgres"), false) != 0) exec(List.of("useradd", "--system", "--no-create-home", "postgres"), true);
      exec(List.of("chown", "postgres", data.toString(), run.toString()), true);
    }
    Path pwfile = run.resolve("pwfile");
    Files.writeString(pwfile, password + "\n");
    Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-r--r--"));
    asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
        "-A", "scram-sha-256", "-E", "UTF8", "--locale=C");
    Files.delete(pwfile);
  }

  /** Initialises and starts one; skips the test (or fails under ops/test) when PostgreSQL is not installed. */
  static LocalPostgres start() throws Exception {
    var bin = binaries();
    if (bin.isEmpty() && "required".equals(System.getenv("SANWANG_TEST_SERVICES")))
      throw new IllegalStateException("no /usr/lib/postgresql/*/bin/pg_ctl although ops/test should have installed PostgreSQL");
    Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL is not installed (/usr/lib/postgresql/*/bin)");
    var pg = new LocalPostgres(bin.get());
    try {
      pg.startServer();
      return pg;
    } catch (Exception e) {
      pg.close();
      throw e;
    }
  }

  static Optional<Path> binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) return Optional.empty();
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
    }
  }

  private static int version(String name) {
    try {
      return Integer.parseInt(name.replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** pg_ctl start, waiting until it accepts connections. */
  void startServer() throws Exception {
    asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", run.resolve("pg.log").toString(), "-w",
        "-o", "-h 127.0.0.1 -p " + port + " -k " + run + " -c max_connections=100 -c fsync=on -c synchronous_commit=on",
        "start");
  }

  /** pg_ctl stop: {@code fast} (disconnects clients, clean shutdown) or {@code immediate} (like a crash, recovery at start). */
  void stopServer(String mode) throws Exception {
    asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", mode, "-w", "stop");
  }

  boolean running() {
    return Files.exists(data.resolve("postmaster.pid"));
  }

  /** A new database of its own on this server. */
  HubFixture.Db createDatabase() throws Exception {
    String name = "hub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var c = java.sql.DriverManager.getConnection(url("postgres"), USER, password); var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return new HubFixture.Db(url(name), USER, password);
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  int port() {
    return port;
  }

  Path serverLog() {
    return run.resolve("pg.log");
  }

  @Override
  public void close() throws Exception {
    try {
      if (running()) stopServer("fast");
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void asPostgres(String... command) throws Exception {
    var full = new ArrayList<String>();
    if (root) full.addAll(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(Arrays.asList(command));
    exec(full, true);
  }

  private int exec(List<String> command, boolean mustSucceed) throws Exception {
    var p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
    }
    if (mustSucceed && p.exitValue() != 0)
      throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
    return p.exitValue();
  }
}
