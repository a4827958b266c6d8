package org.sanwang.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory ({@code SANWANG_DATA_DIR}) holds the embedded database, the key file and the
 * demo logins, so it and everything in it belong to the hub's user alone: the directory is created
 * 0700 and the hub's files 0600, and a start finding the directory or a file in it readable or
 * writable by group or others stops, naming each such path and the {@code chmod} that fixes it.
 *
 * <p>One exception: H2 writes its trace file ({@code *.trace.db}, errors it met) and temporary
 * result files ({@code *.temp.db}) with the process umask whenever it needs them, even after the
 * hub has stopped using the database, where no hook of the hub can follow. Inside an owner-only
 * directory nobody else could open them, so a start makes them 0600 rather than refuse; in a
 * directory others may enter they are refused like any file. (Running the hub with {@code umask 077}
 * makes them owner-only from the start.)
 *
 * <p>On a file system without POSIX permissions there is nothing to check (a warning says so).
 */
public final class DataDirectory {
  private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private DataDirectory() {}

  /**
   * Creates the directory owner-only when it is absent, makes H2's by-products in an owner-only
   * directory owner-only, then {@link #check}s it.
   */
  public static void prepare(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      if (!posix(nearestExisting(dir))) {
        Files.createDirectories(dir);
      } else {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        Files.setPosixFilePermissions(dir, DIRECTORY); // whatever the umask took away or left
      }
    }
    if (Files.isDirectory(dir) && posix(dir) && ownerOnly(dir)) {
      try (Stream<Path> all = Files.list(dir)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          if (!H2_BY_PRODUCT.matcher(p.getFileName().toString()).matches() || !Files.isRegularFile(p) || ownerOnly(p)) continue;
          Files.setPosixFilePermissions(p, FILE);
          log.info("Made {} owner-only (H2 wrote it with the process umask; run the hub with umask 077)", p);
        }
      }
    }
    check(dir);
  }

  private static final Pattern H2_BY_PRODUCT = Pattern.compile(".+\\.(trace\\.db(\\.old)?|temp\\.db)");

  private static boolean ownerOnly(Path p) throws IOException {
    return Files.getPosixFilePermissions(p).stream().noneMatch(OTHERS::contains);
  }

  /**
   * Refuses (IllegalArgumentException) a directory, or a file or directory under it, that group or
   * others may read or write.
   */
  public static void check(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) throw new IllegalArgumentException("The data directory " + dir + " is not a directory");
    if (!posix(dir)) {
      log.warn("The data directory {} has no POSIX permissions to check: make sure only the hub's user can read it", dir);
      return;
    }
    var openDirs = new ArrayList<Path>();
    var openFiles = new ArrayList<Path>();
    try (Stream<Path> all = Files.walk(dir.toRealPath())) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (ownerOnly(p)) continue;
        (Files.isDirectory(p) ? openDirs : openFiles).add(p);
      }
    }
    if (openDirs.isEmpty() && openFiles.isEmpty()) return;
    var named = new ArrayList<String>();
    var fixes = new ArrayList<String>();
    for (var p : openDirs) named.add(p + " (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + ")");
    for (var p : openFiles) named.add(p + " (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + ")");
    if (!openDirs.isEmpty()) fixes.add("chmod 700 " + String.join(" ", quoted(openDirs)));
    if (!openFiles.isEmpty()) fixes.add("chmod 600 " + String.join(" ", quoted(openFiles)));
    throw new IllegalArgumentException("The data directory holds the hub's keys and database, but group or others may "
        + "read or write " + String.join(", ", named) + ". Make it the hub user's alone: " + String.join(" && ", fixes));
  }

  /** Makes every file under the directory owner-only (0600): for the files H2 creates with the process umask. */
  public static void restrictFiles(Path dir) throws IOException {
    if (!posix(dir)) return;
    try (Stream<Path> all = Files.walk(dir.toRealPath())) {
      for (Path p : (Iterable<Path>) all::iterator)
        if (Files.isRegularFile(p) && !Files.getPosixFilePermissions(p).equals(FILE)) Files.setPosixFilePermissions(p, FILE);
    }
  }

  /**
   * Writes a file that is owner-only from its first byte: a temporary file created 0600 next to it,
   * then moved over it atomically (a crash leaves the old file or the new one, never half of one).
   */
  public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = posix(dir)
        ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(FILE))
        : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean posix(Path existing) throws IOException {
    return existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
  }

  private static Path nearestExisting(Path dir) {
    Path p = dir.toAbsolutePath();
    while (p != null && !Files.exists(p)) p = p.getParent();
    return p;
  }

  private static List<String> quoted(List<Path> paths) {
    return paths.stream().map(p -> {
      String s = p.toString();
      return s.matches("[A-Za-z0-9_./+:@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }).toList();
  }
}
