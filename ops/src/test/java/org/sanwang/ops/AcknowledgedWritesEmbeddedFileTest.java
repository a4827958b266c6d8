package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The embedded database file as {@link Database} opens it: written through to the disk (O_DSYNC).
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
    underTest = DriverManager.getConnection(c.url(), c.user(), c.password());
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
}
