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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How many live streams one node holds, and what each costs: starts the packaged hub as its own
 * process ({@code -Xmx1g}), gives it a community of {@code --conn-groups} buildings, opens
 * {@code --connections} SSE clients across their groups from one {@link SseCrowd}, and measures the
 * open rate, the heap and RSS each client adds (after a full GC, by {@code jcmd}), that one post per
 * group reaches every client, and a reconnect storm (all clients dropped and opened again at once).
 */
public final class ConnectionBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private String token;

  private ConnectionBench(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public static void main(String[] args) throws Exception {
    var opts = Opts.parse(args);
    int connections = opts.integer("connections", 19_000);
    int groups = opts.integer("conn-groups", 1_000);
    String heap = opts.string("conn-heap", "1g");
    String path = opts.string("conn-path", ""); // another stream than the groups' (e.g. /api/v1/alerts/stream), for comparison
    Path jar = Path.of(opts.string("jar", "ops/target/sanwang-hub.jar")).toAbsolutePath();
    Path dir = Files.createTempDirectory("sanwang-connections");
    Path log = Files.createTempFile("sanwang-connections", ".log");
    int port = freePort();
    var env = new HashMap<String, String>(System.getenv());
    env.put("SANWANG_HTTP_PORT", Integer.toString(port));
    env.put("SANWANG_CLUSTER_PORT", "0");
    env.put("SANWANG_DATA_DIR", dir.toString());
    env.put("SANWANG_DEMO", "off");
    env.put("SANWANG_ADMIN_PASSWORD", BenchNode.ADMIN_PASSWORD);
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms" + heap,
        "-Xmx" + heap, "-XX:+UseG1GC"));
    // Extra JVM options for the hub, space-separated (e.g. -Dpekko.http.server.parsing.header-cache.default=0).
    for (var o : opts.string("conn-jvm", "").split(" ")) if (!o.isBlank()) command.add(o);
    command.addAll(List.of("-jar", jar.toString()));
    var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    var hub = pb.start();
    try {
      var bench = new ConnectionBench(port);
      until(Duration.ofSeconds(120), () -> {
        if (!hub.isAlive()) throw new IllegalStateException("the hub exited: see " + log);
        return bench.status("/health/ready") == 200;
      }, "the hub to be ready (see " + log + ")");
      bench.login();
      List<String> groupIds = bench.importBuildings(groups);
      long pid = hub.pid();
      gc(pid);
      long heap0 = bench.heapUsed();
      long rss0 = rss(pid);
      System.out.printf("hub pid %d, -Xmx%s; idle: heap %.1f MB after GC, RSS %.1f MB%n", pid, heap, heap0 / 1e6, rss0 / 1e6);

      try (var crowd = new SseCrowd("127.0.0.1", port)) {
        long t0 = System.nanoTime();
        for (int i = 0; i < connections; i++) crowd.open(path.isEmpty() ? "/api/v1/groups/" + groupIds.get(i % groupIds.size()) + "/stream" : path, bench.token);
        until(Duration.ofSeconds(300), () -> crowd.answered() >= connections || crowd.closedCount() > 0 && crowd.answered()
            + crowd.closedCount() >= connections, "every client answered");
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("opened %,d SSE clients (%,d answered 200, %,d closed) in %.2f s: %,.0f a second%n", connections,
            crowd.ok(), crowd.closedCount(), openSeconds, connections / openSeconds);
        gc(pid);
        long heap1 = bench.heapUsed();
        long rss1 = rss(pid);
        System.out.printf("with %,d clients: heap %.1f MB after GC (+%,d bytes a client), RSS %.1f MB (+%,d bytes a client), "
                + "%s shared subscriptions, %s group clients on /metrics%n",
            crowd.ok(), heap1 / 1e6, (heap1 - heap0) / Math.max(1, crowd.ok()), rss1 / 1e6, (rss1 - rss0) / Math.max(1, crowd.ok()),
            bench.metric("sanwang_stream_subscriptions"), bench.metric("sanwang_stream_clients{kind=\"group\"}"));

        if (opts.string("conn-histogram", "false").equals("true")) {
          var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
          var p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
          new String(p.getInputStream().readAllBytes()).lines().limit(45).forEach(System.out::println);
        }
        long t1 = System.nanoTime();
        for (var g : groupIds) bench.post(g);
        if (path.isEmpty()) until(Duration.ofSeconds(120), () -> crowd.frames() >= crowd.ok(), "every client's frame");
        System.out.printf("one post to each of %,d groups: all %,d clients had their frame %.2f s after the first post%n",
            groupIds.size(), crowd.ok(), (System.nanoTime() - t1) / 1e9);

        crowd.closeAll();
        long t2 = System.nanoTime();
        for (int i = 0; i < connections; i++) crowd.open(path.isEmpty() ? "/api/v1/groups/" + groupIds.get(i % groupIds.size()) + "/stream" : path, bench.token);
        until(Duration.ofSeconds(300), () -> crowd.answered() + crowd.closedCount() >= connections, "the storm answered");
        double stormSeconds = (System.nanoTime() - t2) / 1e9;
        System.out.printf("reconnect storm: %,d clients dropped and opened again at once, answered in %.2f s: %,.0f a second%n",
            connections, stormSeconds, connections / stormSeconds);
        System.out.printf("RESULT connections=%d open_per_s=%.0f heap_bytes_per_client=%d rss_bytes_per_client=%d storm_per_s=%.0f%n",
            crowd.ok(), connections / openSeconds, (heap1 - heap0) / Math.max(1, connections), (rss1 - rss0) / Math.max(1, connections),
            connections / stormSeconds);
      }
    } finally {
      hub.destroy();
      if (!hub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) hub.destroyForcibly();
    }
  }

  private void login() throws Exception {
    token = send("POST", "/api/v1/login", Map.of("username", "admin", "password", BenchNode.ADMIN_PASSWORD)).get("token").asText();
  }

  /** One community of {@code n} buildings: {@code n} building groups. */
  private List<String> importBuildings(int n) throws Exception {
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

  private void post(String group) throws Exception {
    send("POST", "/api/v1/groups/" + group + "/messages", Map.of("text", "连接测试", "clientMsgId", "conn-" + group));
  }

  private JsonNode send(String method, String path, Object body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) request.header("Authorization", "Bearer " + token);
    var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) throw new IllegalStateException(method + " " + path + ": " + response.body());
    return JSON.readTree(response.body());
  }

  private int status(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }

  private String metric(String series) throws Exception {
    var text = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    return text.lines().filter(l -> l.startsWith(series + " ")).map(l -> l.substring(series.length() + 1)).findFirst().orElse("?");
  }

  /** Heap in use, from the hub's own /metrics (all heap pools). */
  private long heapUsed() throws Exception {
    var text = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    return (long) text.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  /** A full GC in the hub (jcmd), so that what is left is what is live. */
  private static void gc(long pid) throws Exception {
    var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start().waitFor();
  }

  private static long rss(long pid) throws IOException {
    for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    return 0;
  }

  private static void until(Duration max, BooleanSupplier done, String what) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) throw new IllegalStateException("timed out waiting for " + what);
      Thread.sleep(20); // a benchmark polling its own progress, not a test
    }
  }

  private static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** {@code --name=value} options. */
  record Opts(Map<String, String> values) {
    static Opts parse(String[] args) {
      var m = new HashMap<String, String>();
      for (var a : args) {
        if (!a.startsWith("--") || !a.contains("=")) continue;
        m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      }
      return new Opts(m);
    }

    int integer(String name, int fallback) {
      return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    String string(String name, String fallback) {
      return values.getOrDefault(name, fallback);
    }
  }
}
