package org.sanwang.ops.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.sanwang.ops.bench.ConnectionBench.Opts;

/**
 * The hub measured over HTTP, from outside, as users and networks reach it. Starts the packaged
 * hub as its own process on the bench's PostgreSQL, gives it {@code --http-groups} building groups,
 * warms it up (C2 needs about a minute on 2 cores) and then measures, each path in turn:
 *
 * <ol>
 *   <li>closed loop with {@code wrk} ({@code --http-connections} connections, 2 threads): the HTTP
 *       floor ({@code GET /health/alive}), a history page that is already complete
 *       ({@code ?after=0&limit=1}), the newest page of a group ({@code ?after=<newest>}, read from
 *       the journal every time), and durable group posts;
 *   <li>stream opens in a closed loop ({@link StreamOpens}, as many clients): connect, {@code GET
 *       …/stream}, the answer's head, reset; a new connection each, as a phone coming back;
 *   <li>constant rate from this JVM ({@link OpenLoop}, HdrHistogram): {@code --http-rate} posts a
 *       second, latency counted from each post's scheduled send, so a stall is not hidden.
 * </ol>
 *
 * For each it prints requests a second, latency, non-2xx answers and the hub's CPU time per
 * request (from /proc). {@code --http-java} runs the hub on another JDK, {@code --http-jvm} adds
 * its JVM options; {@code --http-profile=DIR} writes async-profiler's collapsed stacks of each
 * closed-loop run there (it needs {@code ASYNC_PROFILER_LIB}). Not a test: {@code ops/bench/run --only=http}.
 */
public final class HttpBench {
  private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

  private final LocalHub hub;
  private final Opts opts;
  private final Path scripts;
  private final List<String> groups;

  private HttpBench(LocalHub hub, Opts opts, Path scripts, List<String> groups) {
    this.hub = hub;
    this.opts = opts;
    this.scripts = scripts;
    this.groups = groups;
  }

  public static void main(String[] args) throws Exception {
    var opts = Opts.parse(args);
    Path jar = Path.of(opts.string("jar", "ops/target/sanwang-hub.jar"));
    Path java = Path.of(opts.string("http-java", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    var jvm = Arrays.stream(opts.string("http-jvm", "").split(" ")).filter(o -> !o.isBlank()).toList();
    String heap = opts.string("http-heap", "2g");
    long t0 = System.nanoTime();
    try (var hub = LocalHub.start(jar, java, heap, jvm, System.getenv())) {
      System.out.printf("hub on %s (%s), -Xmx%s %s: ready %.1f s after start%n", java, javaVersion(java), heap, String.join(" ", jvm),
          (System.nanoTime() - t0) / 1e9);
      hub.login();
      var groups = hub.importBuildings(opts.integer("http-groups", 200));
      Path scripts = Files.createTempDirectory("sanwang-wrk", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      try {
        new HttpBench(hub, opts, scripts, groups).run();
      } finally {
        try (var files = Files.list(scripts)) {
          for (var f : files.toList()) Files.delete(f);
        }
        Files.delete(scripts);
      }
    }
  }

  private void run() throws Exception {
    int seconds = opts.integer("http-seconds", 15);
    int warmup = opts.integer("http-warmup", 60);
    int rate = opts.integer("http-rate", 6_000);
    var health = script("health", "wrk.method = \"GET\"\nwrk.path = \"/health/alive\"\n");
    var history = script("history", readScript("/api/v1/groups/\" .. g .. \"/messages?after=0&limit=1"));
    var posts = script("posts", postScript("warm"));

    System.out.printf("warm-up: %d s of posts, history pages and stream opens, not measured%n", warmup);
    wrk(posts, Math.max(1, warmup / 2), null);
    wrk(history, Math.max(1, warmup / 4), null);
    streamOpens(Math.max(1, warmup / 4), null);

    var rows = new ArrayList<Row>();
    rows.add(wrk(health, seconds, "GET /health/alive (the HTTP floor)"));
    rows.add(wrk(history, seconds, "GET …/messages?after=0&limit=1 (a complete page)"));
    rows.add(wrk(script("newest", newestScript()), seconds, "GET …/messages?after=<newest> (the newest page)"));
    rows.add(streamOpens(seconds, "GET …/stream (a stream opened: the answer's head, then closed)"));
    rows.add(wrk(script("posts-measured", postScript("closed")), seconds, "POST …/messages (durable)"));
    constantRate(rate, Math.max(1, seconds / 2), false); // the client's own warm-up
    var constant = constantRate(rate, seconds, true);
    rows.add(constant);

    System.out.println();
    System.out.println("| path | requests/s | p50 | p99 | max | non-2xx | hub CPU per request |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (var r : rows)
      System.out.printf("| %s | %,.0f | %s | %s | %s | %d | %.0f µs |%n", r.what(), r.perSecond(), ms(r.p50()), ms(r.p99()),
          r.max() < 0 ? "" : ms(r.max()), r.failed(), r.cpuMicros());
    System.out.printf("RESULT health_per_s=%.0f history_per_s=%.0f newest_per_s=%.0f stream_opens_per_s=%.0f posts_per_s=%.0f posts_p99_ms=%.2f "
            + "constant_rate=%d constant_posts_per_s=%.0f constant_p99_ms=%.2f constant_failed=%d%n",
        rows.get(0).perSecond(), rows.get(1).perSecond(), rows.get(2).perSecond(), rows.get(3).perSecond(), rows.get(4).perSecond(), rows.get(4).p99(),
        rate, constant.perSecond(), constant.p99(), constant.failed());
  }

  /** One measured path: latencies in milliseconds; {@code max} negative when the tool does not give it. */
  record Row(String what, double perSecond, double p50, double p99, double max, long failed, double cpuMicros) {}

  /** A closed-loop run of {@code wrk}; {@code what} null for an unmeasured one. */
  private Row wrk(Path script, int seconds, String what) throws Exception {
    var command = List.of("wrk", "-t2", "-c" + opts.integer("http-connections", 64), "-d" + seconds + "s", "--latency",
        "-s", script.toString(), hub.base);
    Duration cpu0 = hub.cpu();
    String profile = what == null ? null : startProfile();
    var p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IllegalStateException("wrk failed: " + out);
    if (profile != null) stopProfile(profile, script);
    if (what == null) return null;
    double cpu = (hub.cpu().toNanos() - cpu0.toNanos()) / 1e3;
    var m = REQUESTS.matcher(out);
    if (!m.find()) throw new IllegalStateException("no Requests/sec in wrk's output: " + out);
    double perSecond = Double.parseDouble(m.group(1));
    double p50 = 0, p99 = 0;
    var pm = PERCENTILE.matcher(out);
    while (pm.find()) {
      double v = Double.parseDouble(pm.group(2)) * switch (pm.group(3)) {
        case "us" -> 0.001;
        case "s" -> 1000;
        default -> 1;
      };
      if (pm.group(1).equals("50")) p50 = v;
      if (pm.group(1).equals("99")) p99 = v;
    }
    var non2xx = NON_2XX.matcher(out);
    long failed = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
    var errors = SOCKET_ERRORS.matcher(out);
    System.out.printf("%s: %,.0f/s, p50 %s, p99 %s, non-2xx %d%s%n", what, perSecond, ms(p50), ms(p99), failed,
        errors.find() ? ", socket errors: " + errors.group(1) : "");
    return new Row(what + ", wrk " + opts.integer("http-connections", 64) + " connections", perSecond, p50, p99, -1, failed,
        cpu / Math.max(1, perSecond * seconds));
  }

  /**
   * Stream opens in a closed loop ({@link StreamOpens}, as many clients as wrk's connections), over
   * the groups in turn; {@code what} null for an unmeasured run.
   */
  private Row streamOpens(int seconds, String what) throws Exception {
    int clients = opts.integer("http-connections", 64);
    var paths = groups.stream().map(g -> "/api/v1/groups/" + g + "/stream").toList();
    Duration cpu0 = hub.cpu();
    var result = StreamOpens.of(new InetSocketAddress("127.0.0.1", hub.port), paths, hub.token()).run(clients, Duration.ofSeconds(seconds));
    if (what == null) return null;
    double cpu = (hub.cpu().toNanos() - cpu0.toNanos()) / 1e3;
    var latency = result.latency();
    var row = new Row(what + ", " + clients + " clients", result.perSecond(), latency.getValueAtPercentile(50) / 1e6,
        latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6, result.failed(), cpu / Math.max(1, result.opened()));
    System.out.printf("%s: %,.0f/s, p50 %s, p99 %s, max %s, failed %d%n", what, row.perSecond(), ms(row.p50()), ms(row.p99()),
        ms(row.max()), row.failed());
    return row;
  }

  /**
   * Posts at a constant rate from this JVM ({@link OpenLoop}: as many keep-alive connections as
   * wrk's), each counted from the moment it was due, not the moment it could be sent.
   */
  private Row constantRate(int rate, int seconds, boolean measured) throws Exception {
    int connections = opts.integer("http-connections", 64);
    String run = Long.toString(System.nanoTime(), 36);
    long total = (long) rate * seconds;
    long interval = 1_000_000_000L / rate;
    Duration cpu0 = hub.cpu();
    long start;
    try (var load = new OpenLoop(new InetSocketAddress("127.0.0.1", hub.port), connections)) {
      start = System.nanoTime() + 50_000_000L;
      for (long i = 0; i < total; i++) {
        long due = start + i * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) LockSupport.parkNanos(wait);
        String body = "{\"text\":\"定速消息 " + i + "\",\"clientMsgId\":\"c-" + run + "-" + i + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/groups/" + groups.get((int) (i % groups.size())) + "/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: Bearer " + hub.token() + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] request = new byte[head.length() + bytes.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, request, 0, head.length());
        System.arraycopy(bytes, 0, request, head.length(), bytes.length);
        load.submit(due, request);
      }
      LocalHub.until(Duration.ofSeconds(120), () -> load.done() >= total, "every constant-rate post answered");
      double elapsed = (System.nanoTime() - start) / 1e9;
      double cpu = (hub.cpu().toNanos() - cpu0.toNanos()) / 1e3;
      var latency = load.latency;
      String what = String.format("POST …/messages (durable), constant %,d/s from the scheduled send, %d connections", rate, connections);
      var row = new Row(what, load.answered.get() / elapsed, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
          latency.getMaxValue() / 1e6, load.failed.get(), cpu / total);
      System.out.printf("%s%s: %,.0f/s, p50 %s, p99 %s, p99.9 %s, max %s, failed %d%n", measured ? "" : "(warm-up) ", what,
          row.perSecond(), ms(row.p50()), ms(row.p99()), ms(latency.getValueAtPercentile(99.9) / 1e6), ms(row.max()), row.failed());
      return row;
    }
  }

  private String postScript(String label) {
    return """
        local token = "%s"
        local run = "%s-%s"
        local n, tid = 0, 0
        setup = function(thread) tid = tid + 1; thread:set("tid", tid) end
        request = function()
          n = n + 1
          local g = string.format("130803001001-B%%04d", (n * 7 + tid) %% %d + 1)
          local body = string.format('{"text":"压测消息 %%d","clientMsgId":"%%s-%%d-%%d"}', n, run, tid, n)
          return wrk.format("POST", "/api/v1/groups/" .. g .. "/messages",
            {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
        end
        """.formatted(hub.token(), label, Long.toString(System.nanoTime(), 36), groups.size());
  }

  private String readScript(String path) {
    return """
        local token = "%s"
        local n = 0
        request = function()
          n = n + 1
          local g = string.format("130803001001-B%%04d", n %% %d + 1)
          return wrk.format("GET", "%s", {["Authorization"] = "Bearer " .. token})
        end
        """.formatted(hub.token(), groups.size(), path);
  }

  /** Each group's newest offset, asked once: the page after it is what a client polling for news reads. */
  private String newestScript() throws Exception {
    var newest = new StringBuilder("local newest = {");
    for (var g : groups) newest.append(lastOffset(g)).append(',');
    newest.append("}\n");
    return newest + """
        local token = "%s"
        local n = 0
        request = function()
          n = n + 1
          local i = n %% %d + 1
          local g = string.format("130803001001-B%%04d", i)
          return wrk.format("GET", "/api/v1/groups/" .. g .. "/messages?after=" .. newest[i], {["Authorization"] = "Bearer " .. token})
        end
        """.formatted(hub.token(), groups.size());
  }

  private long lastOffset(String group) throws Exception {
    long after = 0;
    while (true) {
      var page = hub.send("GET", "/api/v1/groups/" + group + "/messages?after=" + after + "&limit=500", null);
      long next = page.path("next").asLong(after);
      if (next == after || page.path("messages").size() < 500) return next;
      after = next;
    }
  }

  private Path script(String name, String text) throws IOException {
    var file = scripts.resolve(name + ".lua");
    Files.writeString(file, text);
    return file;
  }

  // async-profiler, attached to the hub for one run when --http-profile names a directory

  private String startProfile() throws Exception {
    String dir = opts.string("http-profile", "");
    String lib = System.getenv().getOrDefault("ASYNC_PROFILER_LIB", "");
    if (dir.isEmpty() || lib.isEmpty()) return null;
    hub.jcmd("JVMTI.agent_load", lib, "\"start,event=itimer,interval=1ms\"");
    return lib;
  }

  private void stopProfile(String lib, Path script) throws Exception {
    var out = Path.of(opts.string("http-profile", "")).toAbsolutePath().resolve(script.getFileName().toString().replace(".lua", ".collapsed"));
    Files.createDirectories(out.getParent());
    hub.jcmd("JVMTI.agent_load", lib, "\"stop,file=" + out + ",collapsed\"");
    System.out.println("  profile: " + out);
  }

  private static String javaVersion(Path java) throws Exception {
    var p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out.lines().findFirst().orElse("?");
  }

  private static String ms(double millis) {
    return String.format("%.2f ms", millis);
  }
}
