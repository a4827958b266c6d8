package org.sanwang.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.sanwang.connectors.core.WebhookSigning;
import org.sanwang.ops.HubNode;

/**
 * The network edge's ingestion over HTTP, as a network sends: {@code party.notice} CloudEvents signed
 * with Standard Webhooks, posted to {@code /api/v1/networks/party/events}, each answered 202 only once
 * durable in PostgreSQL after the dedup check. Phases, each printing events/s and request latency
 * (HdrHistogram):
 * <ol>
 *   <li>batches ({@code application/cloudevents-batch+json}, 100 events each), a closed loop with a
 *       fixed number of requests in flight: first a warm-up on the fresh table (printed: PostgreSQL has
 *       no statistics of it yet and plans the dedup lookup for an empty table), then, once the bench has
 *       analyzed the table as autovacuum would a minute in, the measurement;</li>
 *   <li>dedup: the same batches sent again, every event a duplicate;</li>
 *   <li>single events ({@code application/cloudevents+json}), the same closed loop;</li>
 *   <li>202 → SSE: once the applier has caught up, single events at a fixed rate into a few building
 *       groups whose SSE streams are open, latency from each 202 to the group's frame carrying it.</li>
 * </ol>
 * The applier's lag (events stored, not yet applied) is read from the network's status after each
 * phase, and its own pace while it catches up alone. The 429 limiter is raised out of the way. The
 * load generator shares the JVM and the two cores with the hub and PostgreSQL, as in the other
 * benchmarks. Not a test: run it with {@code ops/bench/run}.
 */
public final class NetworkIngestBench {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SOURCE = "urn:bench:party-network";
  static final String BATCH = "application/cloudevents-batch+json";
  static final String ONE = "application/cloudevents+json";

  private NetworkIngestBench() {}

  public static void main(String[] args) throws Exception {
    var opts = new HashMap<String, String>();
    for (String a : args) if (a.startsWith("--") && a.contains("=")) opts.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    int warmup = Integer.parseInt(opts.getOrDefault("net-warmup", "15"));
    int seconds = Integer.parseInt(opts.getOrDefault("net-seconds", "20"));
    int clients = Integer.parseInt(opts.getOrDefault("net-clients", "12"));
    int batchSize = Integer.parseInt(opts.getOrDefault("net-batch", "100"));
    int buildings = Integer.parseInt(opts.getOrDefault("net-buildings", "50"));
    int sseRate = Integer.parseInt(opts.getOrDefault("net-sse-rate", "200"));
    int sseSeconds = Integer.parseInt(opts.getOrDefault("net-sse-seconds", "15"));
    int sseGroups = Integer.parseInt(opts.getOrDefault("net-sse-groups", "5"));
    int drainMax = Integer.parseInt(opts.getOrDefault("net-drain-max", "300"));
    // Diagnosis: --net-apply=false sends phases 1-3 to unmapped subjects, quarantined at the door, so the applier has nothing to do.
    boolean apply = Boolean.parseBoolean(opts.getOrDefault("net-apply", "true"));
    // --net-analyze=false leaves the statistics of network_inbound to autovacuum (see phase 1).
    boolean analyze = Boolean.parseBoolean(opts.getOrDefault("net-analyze", "true"));
    // Diagnosis: --net-timeline=true prints each measured second's accepted events and slowest request.
    boolean timeline = Boolean.parseBoolean(opts.getOrDefault("net-timeline", "false"));

    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    var overrides = BenchNode.overrides("netbench");
    overrides.put("sanwang.network-secrets.party", secret);
    overrides.put("sanwang.networks.rate", 1_000_000);
    try (var node = HubNode.start(HubNode.load(overrides))) {
      String base = "http://127.0.0.1:" + node.httpPort();
      var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      String admin = CallPathBench.login(http, base, "admin", BenchNode.ADMIN_PASSWORD);
      var imported = http.send(CallPathBench.json(base + "/api/v1/org/import", admin,
          JSON.writeValueAsString(CallPathBench.document(buildings, 0))), HttpResponse.BodyHandlers.ofString());
      if (imported.statusCode() != 200) throw new IllegalStateException("import failed: " + imported.body());
      var codes = new ArrayList<String>();
      for (int b = 1; b <= buildings; b++) codes.add(CallPathBench.COMMUNITY + String.format("-B%03d", b));
      var subjects = apply ? codes : codes.stream().map(c -> "unmapped-" + c).toList();
      var party = new Party(http, base, WebhookSigning.of(secret), admin, subjects);
      System.out.printf("database: %s; network party, %d buildings, %d requests in flight, batches of %d%s%n",
          node.settings().dbUrl().orElse("embedded H2"), buildings, clients, batchSize,
          apply ? "" : "; subjects unmapped (quarantined at the door, nothing to apply)");

      // 1. Batches. Warm-up first: C2 needs it on 2 cores. Batch numbers go on across warm-up and measurement.
      // The warm-up runs on a fresh network_inbound that PostgreSQL has no statistics of yet (autovacuum
      // analyzes it about a minute in, whenever it gets round to it); it is printed as such. Then the
      // bench analyzes the table itself, so that the measurement does not depend on autovacuum's timing.
      var nextBatch = new AtomicLong();
      LongFunction<String> batches = n -> party.batch("b-" + n, batchSize, n * batchSize);
      var fresh = closedLoop(party, clients, BATCH, batches, nextBatch, Duration.ofSeconds(warmup));
      if (timeline) fresh.printTimeline("batches, warm-up on the fresh table");
      if (analyze) analyze(node);
      long firstMeasured = nextBatch.get();
      var batched = closedLoop(party, clients, BATCH, batches, nextBatch, Duration.ofSeconds(seconds));
      long lastMeasured = nextBatch.get();
      var afterBatches = party.status();
      if (timeline) batched.printTimeline("batches");

      // 2. Dedup: batches of the measured phase sent again (wrapping round if this goes faster).
      long sent = Math.max(1, lastMeasured - firstMeasured);
      var again = new AtomicLong();
      var dedup = closedLoop(party, clients, BATCH, n -> batches.apply(firstMeasured + n % sent), again, Duration.ofSeconds(seconds));

      // 3. Single events, one per request.
      var nextSingle = new AtomicLong();
      LongFunction<String> singles = n -> party.event("s-" + n, subjects.get((int) (n % subjects.size())), "单条通知 s-" + n);
      closedLoop(party, clients, ONE, singles, nextSingle, Duration.ofSeconds(Math.min(warmup, 5)));
      var single = closedLoop(party, clients, ONE, singles, nextSingle, Duration.ofSeconds(seconds));
      var afterSingles = party.status();
      if (timeline) single.printTimeline("single events");

      // The applier's own pace: from the end of ingestion until nothing is pending.
      var drain = drain(party, Duration.ofSeconds(drainMax));

      // 4. 202 → SSE frame in the building group, at a fixed rate, on a caught-up applier.
      long backlog = party.status().pending;
      var sse = ssePhase(party, codes.subList(0, Math.min(sseGroups, codes.size())), sseRate, sseSeconds);
      var afterRun = party.status();

      System.out.println();
      System.out.println("network ingestion, party.notice over HTTP, Standard Webhooks signature checked, dedup in PostgreSQL:");
      print("batches, first " + warmup + " s on a fresh table (warm-up)", fresh, warmup, fresh.accepted, "accepted");
      print("batches of " + batchSize + ", " + clients + " in flight" + (analyze ? ", analyzed" : ""), batched, seconds,
          batched.accepted, "accepted");
      print("same batches again (all duplicates)", dedup, seconds, dedup.duplicates, "duplicate");
      print("single events, " + clients + " in flight", single, seconds, single.accepted, "accepted");
      System.out.printf("%-52s %8d events   p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms   (send → frame p99 %.2f ms; %d frames before their 202)%n",
          "202 → building group's SSE frame, " + sseRate + "/s", sse.latency.getTotalCount(), ms(sse.latency, 50),
          ms(sse.latency, 99), sse.latency.getMaxValue() / 1000.0, ms(sse.fromSend, 99), sse.early);
      if (sse.missing > 0)
        System.out.printf("  %d events did not reach their group's stream within 30 s of the last (%d events were pending before them)%n",
            sse.missing, backlog);
      System.out.printf("applier: %d pending after the batches, %d after the single events; %s; %d pending after the run%n",
          afterBatches.pending, afterSingles.pending, drain, afterRun.pending);
      System.out.printf("RESULT batch_events_per_s=%.0f single_events_per_s=%.0f dedup_events_per_s=%.0f batch_p99_ms=%.2f "
              + "sse_p50_ms=%.2f sse_p99_ms=%.2f pending_after_run=%d fresh_batch_events_per_s=%.0f%n",
          batched.accepted / (double) seconds, single.accepted / (double) seconds, dedup.duplicates / (double) seconds,
          ms(batched.latency, 99), ms(sse.latency, 50), ms(sse.latency, 99), afterRun.pending, fresh.accepted / (double) warmup);
    }
    System.exit(0);
  }

  /** The party network as a client of the hub: builds, signs and sends its events, and reads its status as the admin. */
  static final class Party {
    final HttpClient http;
    final String base;
    final WebhookSigning signing;
    final String admin;
    final List<String> buildings;
    final AtomicLong webhookIds = new AtomicLong();

    Party(HttpClient http, String base, WebhookSigning signing, String admin, List<String> buildings) {
      this.http = http;
      this.base = base;
      this.signing = signing;
      this.admin = admin;
      this.buildings = buildings;
    }

    /** A batch of {@code size} events with ids {@code prefix-0..}, spread over the buildings from {@code from} on. */
    String batch(String prefix, int size, long from) {
      var sb = new StringBuilder(size * 400).append('[');
      for (int i = 0; i < size; i++) {
        if (i > 0) sb.append(',');
        String id = prefix + "-" + i;
        sb.append(event(id, buildings.get((int) ((from + i) % buildings.size())), "批量通知 " + id));
      }
      return sb.append(']').toString();
    }

    /** One {@code party.notice} of about 400 bytes, as a network's CloudEvent. */
    String event(String id, String subject, String title) {
      return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + SOURCE + "\",\"type\":\"party.notice\",\"subject\":\""
          + subject + "\",\"time\":\"" + Instant.now() + "\",\"datacontenttype\":\"application/json\",\"data\":{\"title\":\""
          + title + "\",\"body\":\"" + GroupPostBench.TEXT + "\"}}";
    }

    HttpRequest post(String contentType, String body) {
      var b = HttpRequest.newBuilder(URI.create(base + "/api/v1/networks/party/events")).timeout(Duration.ofSeconds(60))
          .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
      signing.sign("msg_bench_" + webhookIds.incrementAndGet(), Instant.now(), body).forEach(b::header);
      return b.build();
    }

    record Status(long pending, long applied) {}

    Status status() throws Exception {
      var r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/networks/party")).header("Authorization", "Bearer " + admin)
          .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) throw new IllegalStateException("status: " + r.statusCode() + " " + r.body());
      var s = JSON.readTree(r.body());
      return new Status(s.get("pending").asLong(), s.get("applied").asLong());
    }
  }

  static final class Phase {
    final Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
    final AtomicLong requestsDone = new AtomicLong();
    long requests;
    long accepted;
    long duplicates;
    final Map<Integer, AtomicLong> refused = new ConcurrentHashMap<>();
    final AtomicLong acceptedSum = new AtomicLong();
    final AtomicLong duplicateSum = new AtomicLong();
    long start;
    final java.util.concurrent.atomic.AtomicLongArray perSecond = new java.util.concurrent.atomic.AtomicLongArray(3600);
    final java.util.concurrent.atomic.AtomicLongArray slowestPerSecond = new java.util.concurrent.atomic.AtomicLongArray(3600);

    void answered(long at, long micros, long accepted) {
      int second = (int) Math.min(3599, (at - start) / 1_000_000_000L);
      perSecond.addAndGet(second, accepted);
      slowestPerSecond.accumulateAndGet(second, micros, Math::max);
    }

    void printTimeline(String what) {
      var sb = new StringBuilder("timeline, " + what + " (second: accepted events, slowest request answered in it, ms):");
      for (int i = 0; i < 3600 && (perSecond.get(i) > 0 || slowestPerSecond.get(i) > 0); i++)
        sb.append(String.format("%s%d: %d %.0f", i % 6 == 0 ? "\n  " : "   ", i, perSecond.get(i), slowestPerSecond.get(i) / 1000.0));
      System.out.println(sb);
    }
  }

  /**
   * {@code clients} requests in flight, each sent when the last came back, for {@code duration}; only
   * answers within it count. Each client is a thread of its own with blocking sends: the JDK client's
   * {@code sendAsync} completes on the common pool, which on 2 cores is a new thread per completion.
   */
  static Phase closedLoop(Party party, int clients, String contentType, LongFunction<String> bodies, AtomicLong next,
      Duration duration) throws InterruptedException {
    var phase = new Phase();
    phase.start = System.nanoTime();
    long end = phase.start + duration.toNanos();
    var threads = new ArrayList<Thread>();
    for (int c = 0; c < clients; c++) {
      var t = new Thread(() -> {
        while (System.nanoTime() < end) send(party, contentType, bodies.apply(next.getAndIncrement()), end, phase);
      }, "bench-client-" + c);
      t.start();
      threads.add(t);
    }
    for (var t : threads) t.join();
    phase.requests = phase.requestsDone.get();
    phase.accepted = phase.acceptedSum.get();
    phase.duplicates = phase.duplicateSum.get();
    return phase;
  }

  private static void send(Party party, String contentType, String body, long end, Phase phase) {
    long start = System.nanoTime();
    HttpResponse<String> r;
    try {
      r = party.http.send(party.post(contentType, body), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      if (System.nanoTime() <= end) phase.refused.computeIfAbsent(-1, k -> new AtomicLong()).incrementAndGet();
      return;
    }
    long now = System.nanoTime();
    if (now > end) return;
    if (r.statusCode() != 202) {
      phase.refused.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
      return;
    }
    phase.latency.recordValue((now - start) / 1000);
    phase.requestsDone.incrementAndGet();
    try {
      JsonNode a = JSON.readTree(r.body());
      phase.acceptedSum.addAndGet(a.get("accepted").asLong());
      phase.duplicateSum.addAndGet(a.get("duplicates").asLong());
      phase.answered(now, (now - start) / 1000, a.get("accepted").asLong());
    } catch (Exception e) {
      phase.refused.computeIfAbsent(-2, k -> new AtomicLong()).incrementAndGet();
    }
  }

  /**
   * {@code ANALYZE} of the edge's inbound table, as autovacuum does once it notices the table grew:
   * until then PostgreSQL plans the dedup lookup for an empty table.
   */
  static void analyze(HubNode node) throws java.sql.SQLException {
    var s = node.settings();
    if (s.dbUrl().isEmpty()) return;
    try (var c = java.sql.DriverManager.getConnection(s.dbUrl().get(), s.dbUser(), s.dbPassword()); var st = c.createStatement()) {
      st.execute("ANALYZE network_inbound");
    }
  }

  /** Waits until nothing is pending (at most {@code max}) and says how fast the applier went alone. */
  static String drain(Party party, Duration max) throws Exception {
    var first = party.status();
    long start = System.nanoTime();
    long deadline = start + max.toNanos();
    var now = first;
    while (now.pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(2000); // the status counts every stored event (about 0.1 s at 300,000): not more often
      now = party.status();
    }
    double s = (System.nanoTime() - start) / 1e9;
    long applied = now.applied() - first.applied();
    return now.pending() == 0
        ? String.format("then applied %d in %.1f s (%.0f events/s, alone)", applied, s, applied / s)
        : String.format("then applied %d in %.1f s (%.0f events/s, alone) and stopped waiting with %d pending", applied, s,
            applied / s, now.pending());
  }

  record Sse(Histogram latency, Histogram fromSend, long early, long missing) {}

  /**
   * Opens the groups' SSE streams as the admin, then sends one event every {@code 1/rate} s round the
   * groups; each event's title is its key, found again in the frame's text.
   */
  static Sse ssePhase(Party party, List<String> groups, int rate, int seconds) throws Exception {
    var latency = new ConcurrentHistogram(60_000_000L, 3);
    var fromSend = new ConcurrentHistogram(60_000_000L, 3);
    var sentAt = new ConcurrentHashMap<String, Long>();
    var acceptedAt = new ConcurrentHashMap<String, Long>();
    var framedAt = new ConcurrentHashMap<String, Long>();
    var early = new AtomicLong();
    var done = new AtomicLong();
    var meeting = new Object(); // whichever of an event's 202 and frame comes second records it
    for (String g : groups) {
      var req = HttpRequest.newBuilder(URI.create(party.base + "/api/v1/groups/" + g + "/stream"))
          .header("Authorization", "Bearer " + party.admin).header("Accept", "text/event-stream").build();
      party.http.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
        long now = System.nanoTime();
        if (!line.startsWith("data:")) return;
        try {
          String text = JSON.readTree(line.substring(5)).path("text").asText();
          int at = text.indexOf("SSE-");
          if (at < 0) return;
          String key = text.substring(at, text.indexOf('\n', at) < 0 ? text.length() : text.indexOf('\n', at));
          Long accepted;
          synchronized (meeting) {
            accepted = acceptedAt.remove(key);
            if (accepted == null) framedAt.put(key, now); // the frame came before this bench saw the 202
          }
          if (accepted != null) {
            latency.recordValue(Math.max(0, now - accepted) / 1000);
            fromSend.recordValue((now - sentAt.get(key)) / 1000);
            done.incrementAndGet();
          }
        } catch (Exception ignored) {
          // heartbeats
        }
      }));
    }
    Thread.sleep(2000); // every stream subscribed before the first event
    long total = (long) rate * seconds;
    long interval = 1_000_000_000L / rate;
    var senders = java.util.concurrent.Executors.newFixedThreadPool(32);
    long start = System.nanoTime();
    for (long i = 0; i < total; i++) {
      long intended = start + i * interval;
      long wait = intended - System.nanoTime();
      if (wait > 0) LockSupport.parkNanos(wait);
      String key = "SSE-" + i;
      String body = party.event("sse-" + i, groups.get((int) (i % groups.size())), key);
      sentAt.put(key, intended); // send → frame counts from the scheduled time: a stalled sender is not hidden
      senders.execute(() -> {
        HttpResponse<Void> r;
        try {
          r = party.http.send(party.post(ONE, body), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
          return;
        }
        long now = System.nanoTime();
        if (r.statusCode() != 202) return;
        Long framed;
        synchronized (meeting) {
          framed = framedAt.remove(key);
          if (framed == null) acceptedAt.put(key, now); // the frame's handler records the latency
        }
        if (framed == null) return;
        early.incrementAndGet();
        latency.recordValue(0); // the frame came first
        fromSend.recordValue((framed - sentAt.get(key)) / 1000);
        done.incrementAndGet();
      });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (done.get() < total && System.nanoTime() < deadline) Thread.sleep(100);
    senders.shutdownNow();
    return new Sse(latency, fromSend, early.get(), total - done.get());
  }

  static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  static void print(String phase, Phase p, int seconds, long events, String what) {
    System.out.printf("%-52s %8.0f events/s (%s)   %6.0f requests/s   request p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms%n",
        phase, events / (double) seconds, what, p.requests / (double) seconds, ms(p.latency, 50), ms(p.latency, 99),
        p.latency.getMaxValue() / 1000.0);
    if (!p.refused.isEmpty()) {
      var by = new TreeMap<Integer, Long>();
      p.refused.forEach((k, v) -> by.put(k, v.get()));
      System.out.printf("  not 202 (status → requests; -1 failed, -2 unreadable answer): %s%n", by);
    }
  }
}
