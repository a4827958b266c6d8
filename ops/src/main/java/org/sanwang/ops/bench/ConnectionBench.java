package org.sanwang.ops.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
  private ConnectionBench() {}

  public static void main(String[] args) throws Exception {
    var opts = Opts.parse(args);
    int connections = opts.integer("connections", 19_000);
    int groups = opts.integer("conn-groups", 1_000);
    String heap = opts.string("conn-heap", "1g");
    String path = opts.string("conn-path", ""); // another stream than the groups' (e.g. /api/v1/alerts/stream), for comparison
    Path jar = Path.of(opts.string("jar", "ops/target/sanwang-hub.jar"));
    // Extra JVM options for the hub, space-separated (e.g. -Dpekko.http.server.parsing.header-cache.default=0).
    var jvm = Arrays.stream(opts.string("conn-jvm", "").split(" ")).filter(o -> !o.isBlank()).toList();
    try (var hub = LocalHub.start(jar, heap, jvm, System.getenv())) {
      int port = hub.port;
      hub.login();
      List<String> groupIds = hub.importBuildings(groups);
      long pid = hub.pid();
      hub.gc();
      long heap0 = hub.heapUsed();
      long rss0 = hub.rss();
      System.out.printf("hub pid %d, -Xmx%s; idle: heap %.1f MB after GC, RSS %.1f MB%n", pid, heap, heap0 / 1e6, rss0 / 1e6);

      try (var crowd = new SseCrowd("127.0.0.1", port)) {
        long t0 = System.nanoTime();
        for (int i = 0; i < connections; i++) crowd.open(path.isEmpty() ? "/api/v1/groups/" + groupIds.get(i % groupIds.size()) + "/stream" : path, hub.token());
        until(Duration.ofSeconds(300), () -> crowd.answered() >= connections || crowd.closedCount() > 0 && crowd.answered()
            + crowd.closedCount() >= connections, "every client answered");
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("opened %,d SSE clients (%,d answered 200, %,d closed) in %.2f s: %,.0f a second%n", connections,
            crowd.ok(), crowd.closedCount(), openSeconds, connections / openSeconds);
        hub.gc();
        long heap1 = hub.heapUsed();
        long rss1 = hub.rss();
        System.out.printf("with %,d clients: heap %.1f MB after GC (+%,d bytes a client), RSS %.1f MB (+%,d bytes a client), "
                + "%s shared subscriptions, %s group clients on /metrics%n",
            crowd.ok(), heap1 / 1e6, (heap1 - heap0) / Math.max(1, crowd.ok()), rss1 / 1e6, (rss1 - rss0) / Math.max(1, crowd.ok()),
            hub.metric("sanwang_stream_subscriptions"), hub.metric("sanwang_stream_clients{kind=\"group\"}"));

        if (opts.string("conn-histogram", "false").equals("true"))
          hub.jcmd("GC.class_histogram").lines().limit(45).forEach(System.out::println);
        long t1 = System.nanoTime();
        for (var g : groupIds) hub.send("POST", "/api/v1/groups/" + g + "/messages", Map.of("text", "连接测试", "clientMsgId", "conn-" + g));
        if (path.isEmpty()) until(Duration.ofSeconds(120), () -> crowd.frames() >= crowd.ok(), "every client's frame");
        System.out.printf("one post to each of %,d groups: all %,d clients had their frame %.2f s after the first post%n",
            groupIds.size(), crowd.ok(), (System.nanoTime() - t1) / 1e9);

        crowd.closeAll();
        long t2 = System.nanoTime();
        for (int i = 0; i < connections; i++) crowd.open(path.isEmpty() ? "/api/v1/groups/" + groupIds.get(i % groupIds.size()) + "/stream" : path, hub.token());
        until(Duration.ofSeconds(300), () -> crowd.answered() + crowd.closedCount() >= connections, "the storm answered");
        double stormSeconds = (System.nanoTime() - t2) / 1e9;
        System.out.printf("reconnect storm: %,d clients dropped and opened again at once, answered in %.2f s: %,.0f a second%n",
            connections, stormSeconds, connections / stormSeconds);
        System.out.printf("RESULT connections=%d open_per_s=%.0f heap_bytes_per_client=%d rss_bytes_per_client=%d storm_per_s=%.0f%n",
            crowd.ok(), connections / openSeconds, (heap1 - heap0) / Math.max(1, connections), (rss1 - rss0) / Math.max(1, connections),
            connections / stormSeconds);
      }
    }
  }

  private static void until(Duration max, BooleanSupplier done, String what) throws InterruptedException {
    LocalHub.until(max, done, what);
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
