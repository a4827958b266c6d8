package org.sanwang.ops;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Mosquitto for one test, with persistence on (sessions and queued messages survive a
 * restart) in a temporary directory, on free loopback ports: each start may open some of them only
 * (so a test can keep one client out while others get in). {@link #close()} stops it and removes its
 * directory.
 */
final class LocalMosquitto implements AutoCloseable {
  private final Path binary;
  private final Path dir;
  private final List<Integer> ports = new ArrayList<>();
  private Process process;
  private Path keepLogAt;

  private LocalMosquitto(Path binary, int listeners) throws IOException {
    this.binary = binary;
    this.dir = Files.createTempDirectory("sanwang-fault-mqtt");
    // Mosquitto started as root drops to its own user, which must write the persistence file here.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    for (int i = 0; i < listeners; i++) ports.add(HubProcess.freePort());
  }

  /** A broker with {@code listeners} ports, not yet started; skips (or fails under ops/test) without Mosquitto. */
  static LocalMosquitto create(int listeners) throws IOException {
    var binary = Stream.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto").map(Path::of)
        .filter(Files::isExecutable).findFirst();
    if (binary.isEmpty() && "required".equals(System.getenv("SANWANG_TEST_SERVICES")))
      throw new IllegalStateException("no mosquitto although ops/test should have installed it");
    Assumptions.assumeTrue(binary.isPresent(), "Mosquitto is not installed");
    return new LocalMosquitto(binary.get(), listeners);
  }

  String url(int listener) {
    return "tcp://127.0.0.1:" + ports.get(listener);
  }

  /** Starts the broker listening on the given listeners only (all if none given), and waits until it accepts connections. */
  LocalMosquitto start(Integer... listeners) throws IOException {
    if (process != null && process.isAlive()) throw new IllegalStateException("Mosquitto is running");
    var open = listeners.length == 0 ? ports : Stream.of(listeners).map(ports::get).toList();
    var conf = new StringBuilder();
    for (int port : open) conf.append("listener ").append(port).append(" 127.0.0.1\n");
    conf.append("allow_anonymous true\n")
        .append("persistence true\n")
        .append("persistence_location ").append(dir).append("/\n")
        .append("autosave_interval 1\n")
        .append("log_dest file ").append(dir.resolve("mosquitto.log")).append("\n")
        .append("log_type all\n");
    Path file = dir.resolve("mosquitto.conf");
    Files.writeString(file, conf);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    process = new ProcessBuilder(binary.toString(), "-c", file.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile())).start();
    var p = process;
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
      if (!p.isAlive()) throw new IllegalStateException("mosquitto exited: " + output());
      for (int port : open) {
        try (var s = new Socket("127.0.0.1", port)) {
          // accepting
        } catch (IOException e) {
          return false;
        }
      }
      return true;
    });
    return this;
  }

  /** SIGTERM: Mosquitto writes its persistence file and exits. */
  void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) return;
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** The broker's log (log_type all): connections, subscriptions, every PUBLISH. */
  String log() throws IOException {
    Path log = dir.resolve("mosquitto.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private String output() {
    try {
      return Files.readString(dir.resolve("mosquitto.out")) + log();
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Where {@link #close()} copies the broker's log before removing its directory. */
  LocalMosquitto keepLogAt(Path file) {
    this.keepLogAt = file;
    return this;
  }

  Optional<Process> process() {
    return Optional.ofNullable(process);
  }

  @Override
  public void close() throws Exception {
    try {
      stop();
      if (keepLogAt != null) Files.writeString(keepLogAt, log());
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
