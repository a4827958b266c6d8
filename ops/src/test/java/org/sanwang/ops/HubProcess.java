package org.sanwang.ops;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The packaged hub (ops/target/sanwang-hub.jar) run as a separate process, so tests can kill -9 it. */
final class HubProcess implements AutoCloseable {
  private final Map<String, String> env;
  private final Path log;
  private final int port;
  private Process process;

  HubProcess(Map<String, String> env, Path log) throws IOException {
    this.port = freePort();
    this.env = new java.util.HashMap<>(env);
    this.env.put("SANWANG_HTTP_PORT", Integer.toString(port));
    this.env.put("SANWANG_CLUSTER_PORT", "0");
    this.log = log;
  }

  int port() {
    return port;
  }

  HubProcess start() throws IOException {
    Path jar = Path.of("target", "sanwang-hub.jar").toAbsolutePath();
    if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: run mvn package first");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var pb = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    process = pb.start();
    var client = new HubClient(port);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> {
          if (!process.isAlive()) throw new IllegalStateException("hub exited, see " + log);
          return client.get("/health/ready").status() == 200;
        });
    return this;
  }

  /** SIGKILL: no shutdown hooks, no flushing, like a power cut of the JVM. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) kill();
    }
  }

  static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
