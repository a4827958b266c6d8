package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The embedded database file as {@link Database} opens it: written through to the disk (O_DSYNC),
 * and compacted while the hub runs although H2's own background writer is off (WRITE_DELAY=0).
 * That a commit is in the file when it returns is what {@code AcknowledgedWritesSurviveKillH2IT} shows.
 */
class AcknowledgedWritesEmbeddedFileTest {
  private Path dataDir;
  private java.sql.Connection underTest;

  @BeforeEach
  void open() throws Exception {
    dataDir = HubFixture.tempDir();
    var settings = HubSettings.from(HubNode.load(HubFixture.embedded(dataDir)).resolve());
    var c = Database.of(settings);
    var credentials = new Properties();
    credentials.put("user", c.user());
    credentials.put("password", c.password());
    underTest = new Database.HousekeepingDriver().connect(c.url(), credentials);
  }

  @AfterEach
  void close() throws Exception {
    underTest.close();
    try (var files = Files.walk(dataDir)) {
      for (var f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX) // reads the open file's flags from /proc
  void theDatabaseFileIsOpenWithDataSync() throws Exception {
    var file = dataDir.resolve("sanwang.mv.db").toRealPath();
    long flags = -1;
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (var fd : fds.toList()) {
        try {
          if (!Files.readSymbolicLink(fd).equals(file)) continue;
        } catch (java.io.IOException gone) {
          continue;
        }
        var line = Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString())).stream()
            .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
        flags = Long.parseLong(line.substring("flags:".length()).trim(), 8);
      }
    }
    assertThat(flags).as("flags of the open %s", file).isNotEqualTo(-1);
    long oDsync = 010000; // Linux O_DSYNC
    assertThat(flags & oDsync).as("O_DSYNC").isEqualTo(oDsync);
  }

  @Test
  void theFileIsCompactedAfterManySmallCommits() throws Exception {
    try (var st = underTest.createStatement()) {
      st.execute("CREATE TABLE journal (pid VARCHAR, seq BIGINT, payload VARCHAR, PRIMARY KEY (pid, seq))");
    }
    // small commits appending to many entities' histories, as the hub's journal gets them: each
    // commit writes a chunk of a few pages, and most chunks keep one or two of them live for good
    var seqs = new long[500];
    try (var insert = underTest.prepareStatement("INSERT INTO journal VALUES (?, ?, SPACE(200))")) {
      for (int i = 0; i < 10_000; i++) {
        int pid = ThreadLocalRandom.current().nextInt(seqs.length);
        insert.setString(1, "group-" + pid);
        insert.setLong(2, ++seqs[pid]);
        insert.executeUpdate(); // one commit: auto-commit
      }
    }
    // H2's measure of what compaction is for: the share of live data in the chunks old enough to be
    // rewritten (older than RETENTION_TIME, 1 s; with none that old it says 100, hence the delay).
    // Left alone it stays near 5 % and the file keeps every chunk; compacted, it climbs past half.
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> Integer.parseInt(info("info.CHUNKS_FILL_RATE_RW")) >= 50);
    System.out.printf("H2 compaction: %s %% live in rewritable chunks, file %s bytes%n",
        info("info.CHUNKS_FILL_RATE_RW"), info("info.FILE_SIZE"));
  }

  private String info(String name) throws Exception {
    try (var q = underTest.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
      q.setString(1, name);
      try (var rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
