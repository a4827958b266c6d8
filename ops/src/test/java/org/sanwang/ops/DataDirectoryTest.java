package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanwang.ops.demo.DemoDistrict;

/** The data directory is the hub user's alone: created so, and refused at start when it is not. */
class DataDirectoryTest {
  @TempDir Path tmp;

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  static Path dir(Path parent, String name, String mode) throws Exception {
    Path d = Files.createDirectory(parent.resolve(name));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode));
    return d;
  }

  static Path file(Path dir, String name, String mode) throws Exception {
    Path f = Files.writeString(dir.resolve(name), "data");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  @Test
  void anAbsentDirectoryIsCreatedOwnerOnly() throws Exception {
    Path data = tmp.resolve("missing/data");
    DataDirectory.prepare(data);
    assertThat(mode(data)).isEqualTo("rwx------");
  }

  @Test
  void anOwnerOnlyDirectoryWithOwnerOnlyFilesPasses() throws Exception {
    Path data = dir(tmp, "data", "rwx------");
    file(data, "sanwang.mv.db", "rw-------");
    dir(data, "sub", "rwx------");
    assertThatCode(() -> DataDirectory.prepare(data)).doesNotThrowAnyException();
  }

  @Test
  void aDirectoryOthersMayReadIsRefusedNamingItAndTheChmodThatFixesIt() throws Exception {
    Path data = dir(tmp, "data", "rwxr-xr-x");
    assertThatThrownBy(() -> DataDirectory.prepare(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(data.toRealPath() + " (rwxr-xr-x)")
        .hasMessageContaining("chmod 700 " + data.toRealPath());
  }

  @Test
  void aFileGroupOrOthersMayReadIsRefusedNamingItAndTheChmodThatFixesIt() throws Exception {
    Path data = dir(tmp, "data", "rwx------");
    Path db = file(data, "sanwang.mv.db", "rw-r--r--");
    file(data, "hub-keys.properties", "rw-------");
    assertThatThrownBy(() -> DataDirectory.check(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(db.toRealPath() + " (rw-r--r--)")
        .hasMessageContaining("chmod 600 " + db.toRealPath())
        .hasMessageNotContaining("hub-keys.properties");
  }

  @Test
  void aFileTheGroupMayWriteIsRefusedToo() throws Exception {
    Path data = dir(tmp, "data", "rwx------");
    Path f = file(data, "demo-logins.txt", "rw--w----");
    assertThatThrownBy(() -> DataDirectory.check(data)).hasMessageContaining(f.toRealPath().toString());
  }

  @Test
  void theTraceFileH2WroteWithTheUmaskIsMadeOwnerOnlyInAnOwnerOnlyDirectoryAndRefusedInAnOpenOne() throws Exception {
    Path data = dir(tmp, "data", "rwx------");
    Path trace = file(data, "sanwang.trace.db", "rw-r--r--");
    DataDirectory.prepare(data);
    assertThat(mode(trace)).isEqualTo("rw-------");

    Path open = dir(tmp, "open", "rwxr-xr-x");
    Path openTrace = file(open, "sanwang.trace.db", "rw-r--r--");
    assertThatThrownBy(() -> DataDirectory.prepare(open)).hasMessageContaining(openTrace.toRealPath() + " (rw-r--r--)");
  }

  @Test
  void filesMadeWithTheUmaskAreMadeOwnerOnly() throws Exception {
    Path data = dir(tmp, "data", "rwx------");
    Path db = file(data, "sanwang.mv.db", "rw-r--r--");
    DataDirectory.restrictFiles(data);
    assertThat(mode(db)).isEqualTo("rw-------");
    assertThatCode(() -> DataDirectory.check(data)).doesNotThrowAnyException();
  }

  @Test
  void aFileWrittenOwnerOnlyReplacesTheOldOneAndLeavesNothingElse() throws Exception {
    Path data = dir(tmp, "data", "rwx------");
    Path f = file(data, "hub-keys.properties", "rw-r--r--");
    DataDirectory.writeOwnerOnly(f, "new".getBytes());
    assertThat(Files.readString(f)).isEqualTo("new");
    assertThat(mode(f)).isEqualTo("rw-------");
    try (var files = Files.list(data)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void theDemoLoginsAndDeviceSecretsAreOwnerOnly() throws Exception {
    Path data = dir(tmp, "data", "rwx------");
    DemoDistrict.seed(data);
    assertThat(mode(data.resolve("demo-logins.txt"))).isEqualTo("rw-------");
    assertThat(mode(data.resolve("demo-devices.json"))).isEqualTo("rw-------");
    assertThat(Files.readString(data.resolve("demo-logins.txt"))).startsWith("# Demo staff logins").contains("password: ");
  }
}
