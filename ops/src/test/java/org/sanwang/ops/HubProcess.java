package org.sanwang.ops;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged hub (ops/target/sanwang-hub.jar) run as a separate process, so tests can kill -9 it.
 * One instance keeps its HTTP and cluster ports across restarts ({@link #start()} again after
 * {@link #kill()} or {@link #stop()}), so a restarted cluster node comes back at the same address.
 */
final class HubProcess implements AutoCloseable {
  private final Map<String, String> env;
  private final Path log;
  private final int port;
  private final List<String> jvmOptions = new ArrayList<>();
  private String heap = "512m";
  private Process process;

  HubProcess(Map<String, String> env, Path log) throws IOException {
    this.port = freePort();
    this.env = new java.util.HashMap<>(env);
    this.env.put("SANWANG_HTTP_PORT", Integer.toString(port));
    this.env.putIfAbsent("SANWANG_CLUSTER_PORT", "0");
    this.log = log;
  }

  int port() {
    return port;
  }

  /** The maximum heap ({@code -Xmx}), e.g. {@code 384m}; 512m unless set. */
  HubProcess heap(String max) {
    this.heap = max;
    return this;
  }

  /** Extra JVM options, e.g. {@code -Dsanwang.networks.callback-backoff-min=200ms} (HubNode.load honours system properties). */
  HubProcess jvmOptions(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  /** Starts the hub and waits until it answers ready (90 s at most). */
  HubProcess start() throws IOException {
    launch();
    awaitReady(Duration.ofSeconds(90));
    return this;
  }

  /** Starts the hub without waiting for it (a cluster node that must join before it is ready). */
  HubProcess launch() throws IOException {
    if (isAlive()) throw new IllegalStateException("the hub on port " + port + " is already running");
    Path jar = Path.of("target", "sanwang-hub.jar").toAbsolutePath();
    if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: run mvn package first");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new ArrayList<String>(List.of(java, "-Xmx" + heap));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    var pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    process = pb.start();
    return this;
  }

  /** Waits until {@code /health/ready} answers 200; fails at once if the process exits. */
  HubProcess awaitReady(Duration atMost) {
    var client = new HubClient(port);
    var p = process;
    await().atMost(atMost).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> {
          if (!p.isAlive()) throw new IllegalStateException("hub exited, see " + log);
          return client.get("/health/ready").status() == 200;
        });
    return this;
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The operating system's id of the running hub. */
  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** SIGKILL: no shutdown hooks, no flushing, like a power cut of the JVM. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /**
   * SIGTERM, as an orchestrator stops a node: CoordinatedShutdown leaves the cluster and unbinds;
   * waits for the exit ({@code atMost}), then SIGKILL. True if it exited by itself in time.
   */
  boolean stop(Duration atMost) throws InterruptedException {
    if (!isAlive()) return true;
    process.destroy();
    if (process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) return true;
    kill();
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    if (isAlive()) stop(Duration.ofSeconds(30));
  }

  static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
