package org.sanwang.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The packaged hub as its own process on loopback, for the benchmarks that measure it from
 * outside as users do: no demo, the bench's admin password, its own data directory, the database
 * of {@code SANWANG_DB_*} from the environment. Stopped (and waited for) on close.
 */
final class LocalHub implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final int port;
  final String base;
  final Path log;
  private final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String token;
  private Path ownedDir;

  private LocalHub(int port, Process process, Path log) {
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code jar} on this JVM's java with {@code -Xms/-Xmx heap}, G1 unless {@code jvmOptions} choose otherwise, and waits until ready. */
  static LocalHub start(Path jar, String heap, List<String> jvmOptions, Map<String, String> env) throws Exception {
    return start(jar, Path.of(System.getProperty("java.home"), "bin", "java"), heap, jvmOptions, env);
  }

  /** The same on another JVM ({@code java}: its launcher), for comparing JDKs. */
  static LocalHub start(Path jar, Path java, String heap, List<String> jvmOptions, Map<String, String> env) throws Exception {
    Path dir = Files.createTempDirectory("sanwang-bench-hub", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    var hub = start(jar, java, heap, jvmOptions, env, dir, freePort());
    hub.ownedDir = dir;
    return hub;
  }

  /** The same on a given data directory and port: a hub started again where another was stopped or killed. */
  static LocalHub start(Path jar, Path java, String heap, List<String> jvmOptions, Map<String, String> env, Path dir, int port)
      throws Exception {
    Path log = Files.createTempFile("sanwang-bench-hub", ".log");
    var command = new ArrayList<>(List.of(java.toString(), "-Xms" + heap, "-Xmx" + heap));
    if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) command.add("-XX:+UseG1GC");
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("SANWANG_HTTP_PORT", Integer.toString(port));
    pb.environment().put("SANWANG_CLUSTER_PORT", "0");
    pb.environment().put("SANWANG_DATA_DIR", dir.toString());
    pb.environment().put("SANWANG_DEMO", "off");
    pb.environment().put("SANWANG_ADMIN_PASSWORD", BenchNode.ADMIN_PASSWORD);
    var hub = new LocalHub(port, pb.start(), log);
    try {
      until(Duration.ofSeconds(120), () -> {
        if (!hub.process.isAlive()) throw new IllegalStateException("the hub exited: see " + log);
        return hub.status("/health/ready") == 200;
      }, "the hub to be ready (see " + log + ")");
    } catch (Exception e) {
      hub.process.destroyForcibly().waitFor(); // its log stays, for the message to point at
      throw e;
    }
    return hub;
  }

  long pid() {
    return process.pid();
  }

  /** Signs in as the bench's admin; later requests carry the token. */
  String login() throws Exception {
    token = send("POST", "/api/v1/login", Map.of("username", "admin", "password", BenchNode.ADMIN_PASSWORD)).get("token").asText();
    return token;
  }

  String token() {
    return token;
  }

  /** One community of {@code n} buildings, so {@code n} building groups; their ids. */
  List<String> importBuildings(int n) throws Exception {
    var buildings = new ArrayList<Map<String, Object>>();
    var ids = new ArrayList<String>();
    for (int b = 1; b <= n; b++) {
      String code = String.format("130803001001-B%04d", b);
      ids.add(code);
      buildings.add(Map.of("code", code, "name", b + "号楼", "units", 2));
    }
    send("POST", "/api/v1/org/import", Map.of("districts", List.of(Map.of("code", "130803", "name", "双滦区", "streets",
        List.of(Map.of("code", "130803001", "name", "元宝山街道", "communities", List.of(Map.of("code", "130803001001",
            "name", "双安社区", "buildings", buildings))))))));
    return ids;
  }

  /** A request with {@code body} as JSON (none when null); the answer's JSON, or an exception for a status of 300 or more. */
  JsonNode send(String method, String path, Object body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (body != null) request.header("Content-Type", "application/json");
    if (token != null) request.header("Authorization", "Bearer " + token);
    var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) throw new IllegalStateException(method + " " + path + ": " + response.body());
    return JSON.readTree(response.body());
  }

  int status(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }

  /** CPU time the hub's process has used (user and system), from /proc. */
  Duration cpu() throws IOException {
    return processCpu(pid());
  }

  /** CPU time of a process (user and system) from {@code /proc/<pid>/stat}, zero once it is gone. */
  static Duration processCpu(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Duration.ofMillis((Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10); // clock ticks of 10 ms
    } catch (IOException | RuntimeException e) {
      return Duration.ZERO;
    }
  }

  /** A series' value on {@code /metrics}, "?" when absent. */
  String metric(String series) throws Exception {
    return metrics().lines().filter(l -> l.startsWith(series + " ")).map(l -> l.substring(series.length() + 1)).findFirst().orElse("?");
  }

  /** Heap in use, from the hub's own /metrics (all heap pools). */
  long heapUsed() throws Exception {
    return (long) metrics().lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private String metrics() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** {@code jcmd <hub> command…}: its output. */
  String jcmd(String... command) throws Exception {
    var line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid())));
    line.addAll(List.of(command));
    var p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  /** A full GC in the hub, so that what is left is what is live. */
  void gc() throws Exception {
    jcmd("GC.run");
  }

  long rss() throws IOException {
    for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")))
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    return 0;
  }

  /** {@code kill -9}: the process ends at once, as in a crash. */
  void kill() throws InterruptedException, IOException {
    process.destroyForcibly().waitFor();
    Files.deleteIfExists(log);
  }

  /** Stops the hub, then removes its log and the data directory this class made for it (keys and database). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    try {
      Files.deleteIfExists(log);
      if (ownedDir != null) deleteTree(ownedDir);
    } catch (IOException e) {
      System.err.println("could not remove the bench hub's files: " + e.getMessage());
    }
  }

  /** Removes a directory and everything in it (nothing when it is gone). */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (var paths = Files.walk(root)) {
      for (var p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  static void until(Duration max, BooleanSupplier done, String what) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) throw new IllegalStateException("timed out waiting for " + what);
      Thread.sleep(20); // a benchmark polling its own progress, not a test
    }
  }

  static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
