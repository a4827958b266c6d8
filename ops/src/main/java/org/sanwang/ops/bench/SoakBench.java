package org.sanwang.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.sanwang.connectors.core.WebhookSigning;
import org.sanwang.ops.demo.DemoDistrict;

/**
 * The soak: the demo district of a running cluster ({@code ops/cluster start N}) under a steady,
 * realistic load for {@code --soak-minutes}, watching whether each node stays flat. Load, all over
 * HTTP from this one process, at constant rates (open loop: each request has a scheduled time, and
 * its latency counts from it, so a stalled node is not hidden by a waiting sender):
 * <ul>
 *   <li>chat: {@code --post-rate} posts a second (default 1,000) from demo staff: building heads to their
 *       own building's group, the district user to any building group; each with a fresh clientMsgId;</li>
 *   <li>every demo device heartbeating about once a minute ({@code --beat-every} seconds);</li>
 *   <li>a device press every {@code --call-every} seconds (default 10), resolved 5 s later by the district user;</li>
 *   <li>{@code --net-rate} signed CloudEvents a second (default 5) over the three networks: party notices (every
 *       fifth to the building heads' inboxes of the first community), governance cases, community notices;</li>
 *   <li>{@code --stream-clients} SSE clients (default 18,000), spread over the nodes, four in five on building
 *       groups and one in five on building heads' inboxes, all on one selector per node ({@link SseCrowd}).</li>
 * </ul>
 * After {@code --warmup-seconds} (default 30) each node gets a full GC ({@code jcmd GC.run}) and its heap and
 * open files are the start; every {@code --sample-seconds} (default 30) one line per node: heap, open files,
 * stream clients, GC pauses, journal write p99, and this node's post latency from the load generator; at the
 * end a full GC again, the end figures, whether each stayed flat (within {@code --flat-percent}, default 15),
 * and whether every stream client is still connected and received frames. Not a test: {@code ops/bench/run --soak}.
 */
public final class SoakBench {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TEXT = "今晚七点楼下小广场有义诊，请行动不便的老人提前告诉楼长，我们上门接送。";
  static final int FILE_LIMIT = 20_000;

  record Node(int index, String base, int port, long pid) {}

  record Device(String id, String secret) {}

  /** One node's figures at one moment. */
  record Reading(long heap, long files, long rss) {}

  private final List<Node> nodes;
  private final HttpClient http;
  private final ExecutorService completions = Executors.newFixedThreadPool(4, daemon("soak-http"));
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(daemon("soak-later"));
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final List<String> groups;
  private final Map<String, String> headOf = new LinkedHashMap<>(); // building head's username -> building
  private final List<String> inboxUsers = new ArrayList<>();
  private final List<String> firstCommunityBuildings = new ArrayList<>();
  private final List<Device> devices;
  private final Map<String, WebhookSigning> signing = new LinkedHashMap<>();
  private final String run = Long.toString(System.currentTimeMillis(), 36);

  // what the load generator saw: latencies in microseconds from the scheduled time
  private final Recorder allPosts = new Recorder(600_000_000L, 3);
  private final List<Recorder> postsPerNode = new ArrayList<>();
  private final Histogram postsTotal = new Histogram(600_000_000L, 3);
  private final Map<String, AtomicLong> okTotal = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> okInterval = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> errorsTotal = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> errorsInterval = new ConcurrentHashMap<>();
  private final Map<String, String> firstError = new ConcurrentHashMap<>();
  private final Semaphore inflight;
  /** Heartbeats, presses, resolves and network events have their own: a backlog of posts does not hold them. */
  private final Semaphore others = new Semaphore(100);
  private final int inflightCap;
  private final List<String> heads = new ArrayList<>();
  private volatile boolean loading = true;

  private SoakBench(List<Node> nodes, Path dataDir, int inflight) throws IOException {
    this.nodes = nodes;
    this.inflight = new Semaphore(inflight);
    this.inflightCap = inflight;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(completions)
        .connectTimeout(Duration.ofSeconds(10)).build();
    for (int i = 0; i < nodes.size(); i++) postsPerNode.add(new Recorder(600_000_000L, 3));
    // the demo district's places: the same on every install (a fixed seed); passwords and secrets are per install
    var doc = DemoDistrict.generate(DemoDistrict.SEED, "not-a-password-of-this-install");
    groups = doc.districts().stream().flatMap(d -> d.streets().stream()).flatMap(s -> s.communities().stream())
        .flatMap(c -> c.buildings().stream()).map(b -> b.code()).toList();
    for (var line : Files.readAllLines(dataDir.resolve("demo-logins.txt"), StandardCharsets.UTF_8)) {
      var f = line.trim().split("\\s+");
      if (f.length < 4 || line.startsWith("#")) continue;
      if (f[2].equals("building_head") || f[2].equals("online_building_head")) {
        inboxUsers.add(f[0]);
        if (f[2].equals("building_head")) {
          headOf.put(f[0], f[3]);
          firstCommunityBuildings.add(f[3]);
        }
      }
    }
    password = Files.readAllLines(dataDir.resolve("demo-logins.txt"), StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("password: ")).map(l -> l.substring("password: ".length()).trim()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no password line in " + dataDir.resolve("demo-logins.txt")));
    var list = new ArrayList<Device>();
    for (JsonNode d : JSON.readTree(dataDir.resolve("demo-devices.json").toFile())) list.add(new Device(d.get("id").asText(), d.get("secret").asText()));
    devices = List.copyOf(list);
    heads.addAll(headOf.keySet());
    var keys = new Properties();
    keys.load(new StringReader(Files.readString(dataDir.resolve("hub-keys.properties"))));
    for (String n : List.of("party", "governance", "community")) signing.put(n, WebhookSigning.of(keys.getProperty("network-secret." + n)));
  }

  private final String password;

  public static void main(String[] args) throws Exception {
    var opts = ConnectionBench.Opts.parse(args);
    Path dir = Path.of(opts.string("cluster-dir", System.getenv().getOrDefault("SANWANG_CLUSTER_DIR", "cluster"))).toAbsolutePath();
    int minutes = opts.integer("soak-minutes", 10);
    int clients = opts.integer("stream-clients", 18_000);
    int postRate = opts.integer("post-rate", 1_000);
    int callEvery = opts.integer("call-every", 10);
    int netRate = opts.integer("net-rate", 5);
    int beatEvery = opts.integer("beat-every", 60);
    int sampleSeconds = opts.integer("sample-seconds", 30);
    int warmup = opts.integer("warmup-seconds", 30);
    int flatPercent = opts.integer("flat-percent", 15);
    int inflight = opts.integer("inflight", 400);

    var nodes = new ArrayList<Node>();
    for (int i = 1; Files.exists(dir.resolve("node" + i + ".env")); i++) {
      var env = new Properties();
      env.load(new StringReader(Files.readString(dir.resolve("node" + i + ".env"))));
      int port = Integer.parseInt(env.getProperty("SANWANG_HTTP_PORT"));
      long pid = Long.parseLong(Files.readString(dir.resolve("node" + i + ".pid")).trim());
      nodes.add(new Node(i, "http://127.0.0.1:" + port, port, pid));
    }
    if (nodes.isEmpty()) throw new IllegalArgumentException("no nodes in " + dir + ": start them with ops/cluster start N");
    String label = opts.string("label", nodes.size() == 1 ? "one node" : nodes.size() + " nodes");
    var bench = new SoakBench(nodes, dir.resolve("node1"), inflight);
    System.out.printf("[%s] soak of the demo district on %d node%s (%s): %d buildings, %d devices; load: %,d posts/s, a heartbeat "
            + "per device every %d s (%.0f/s), a press every %d s (resolved 5 s later), %d network events/s, %,d SSE clients; "
            + "%d s warm-up, then %d min, a sample every %d s%n",
        label, nodes.size(), nodes.size() == 1 ? "" : "s", nodes.stream().map(Node::base).toList(), bench.groups.size(),
        bench.devices.size(), postRate, beatEvery, bench.devices.size() / (double) beatEvery, callEvery, netRate, clients,
        warmup, minutes, sampleSeconds);
    System.out.printf("[%s] %,d stream clients, not 20,000: this machine allows at most %,d open files per process (ulimit -Hn), "
            + "for the load generator as for a node, and each client is one socket on both sides%n", label, clients, FILE_LIMIT);
    bench.soak(label, clients, postRate, callEvery, netRate, beatEvery, warmup, minutes * 60, sampleSeconds, flatPercent);
    System.exit(0);
  }

  private void soak(String label, int clients, int postRate, int callEvery, int netRate, int beatEvery, int warmup, int seconds,
      int sampleSeconds, int flatPercent) throws Exception {
    login("district");
    for (var u : inboxUsers) login(u);
    System.out.printf("[%s] logged in: district and %d building heads of the first community (%d buildings)%n", label,
        inboxUsers.size(), firstCommunityBuildings.size());

    // the stream clients
    var crowds = new ArrayList<SseCrowd>();
    for (var n : nodes) crowds.add(new SseCrowd("127.0.0.1", n.port(), "soak-streams-node" + n.index()));
    long t0 = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      int node = i % nodes.size();
      boolean inbox = i % 5 == 4;
      if (inbox) {
        String user = inboxUsers.get((i / 5) % inboxUsers.size());
        crowds.get(node).open("inbox", "/api/v1/me/inbox/stream", tokens.get(user));
      } else {
        crowds.get(node).open("group", "/api/v1/groups/" + groups.get((i - i / 5) % groups.size()) + "/stream", tokens.get("district"));
      }
      if (i % 1000 == 999) {
        int opened = i + 1;
        waitFor(Duration.ofSeconds(60), () -> answered(crowds) >= opened - 500);
      }
    }
    waitFor(Duration.ofSeconds(120), () -> answered(crowds) >= clients);
    for (int round = 1; round <= 5; round++) {
      var statuses = new TreeMap<Integer, Integer>();
      crowds.forEach(c -> c.statuses().forEach((k, v) -> statuses.merge(k, v, Integer::sum)));
      if (statuses.keySet().stream().allMatch(k -> k == 200)) break;
      System.out.printf("[%s] stream clients by status (0: closed after 200, -1: no answer yet) %s: opening the failed ones again "
          + "(round %d)%n", label, statuses, round);
      Thread.sleep(3_000); // as a browser's EventSource waits before it reconnects
      int again = 0;
      for (var c : crowds) again += c.reopenFailed();
      int expected = clients;
      waitFor(Duration.ofSeconds(60), () -> answered(crowds) >= expected);
      if (again == 0) waitFor(Duration.ofSeconds(10), () -> false);
    }
    System.out.printf("[%s] opened %,d SSE clients in %.1f s (4 in 5 on the %,d building groups as the district user, 1 in 5 on "
            + "the inboxes of the %d building heads): %,d answered 200, %,d closed%n", label, clients, (System.nanoTime() - t0) / 1e9,
        groups.size(), inboxUsers.size(), crowds.stream().flatMap(c -> c.clients().stream()).filter(SseCrowd.Client::connected).count(),
        crowds.stream().mapToInt(SseCrowd::closedCount).sum());

    var idle = readAll(true);
    for (var n : nodes)
      System.out.printf("[%s] node%d idle with the clients, after a full GC: heap %.0f MB, %,d open files, RSS %.0f MB%n", label,
          n.index(), idle.get(n.index() - 1).heap() / 1e6, idle.get(n.index() - 1).files(), idle.get(n.index() - 1).rss() / 1e6);

    // the load
    var threads = List.of(
        rated("posts", postRate, this::post),
        rated("beats", devices.size() / (double) beatEvery, this::beat),
        rated("calls", 1.0 / callEvery, this::call),
        rated("events", netRate, this::event));
    long loadStart = System.nanoTime();
    var before = scrapeAll();
    sleepUntil(loadStart + TimeUnit.SECONDS.toNanos(warmup));
    sample(label, "warm-up", before, warmup, crowds);
    System.out.printf("[%s] warm-up over; a full GC on each node for the start figures (a pause the first interval sees)%n", label);
    var start = readAll(true);
    resetTotals();
    before = scrapeAll();
    long measured = System.nanoTime();
    long end = measured + TimeUnit.SECONDS.toNanos(seconds);
    for (long last = measured; last < end; ) {
      long at = Math.min(last + TimeUnit.SECONDS.toNanos(sampleSeconds), end);
      sleepUntil(at);
      before = sample(label, String.format("%4ds", Math.round((at - measured) / 1e9)), before, (at - last) / 1e9, crowds);
      last = at;
    }
    loading = false;
    double measuredSeconds = (System.nanoTime() - measured) / 1e9;
    for (var t : threads) t.join();
    if (inflight.tryAcquire(inflightCap, 60, TimeUnit.SECONDS)) inflight.release(inflightCap);
    else System.out.printf("[%s] requests still unanswered 60 s after the load stopped%n", label);
    Thread.sleep(6_000); // the last presses' resolves (5 s after their 202)
    sample(label, "drain", before, 0, crowds);
    var endFigures = readAll(true);

    // the stream clients at the end
    int connected = 0;
    int withFrames = 0;
    long frames = 0;
    long heartbeats = 0;
    var missing = new TreeMap<String, Integer>();
    for (var crowd : crowds) {
      for (var c : crowd.clients()) {
        if (c.connected()) connected++;
        if (c.frames() > 0) withFrames++;
        else missing.merge(c.kind() + (c.connected() ? "" : " (closed)"), 1, Integer::sum);
        frames += c.frames();
        heartbeats += c.heartbeats();
      }
    }
    var clientsMetric = new ArrayList<Long>();
    for (var n : nodes) clientsMetric.add((long) scrape(n).sum("sanwang_stream_clients").orElse(-1));

    // the summary
    long posts = okTotal.getOrDefault("posts", new AtomicLong()).get();
    System.out.println();
    System.out.printf("SUMMARY [%s] %d node%s, %d s measured after %d s warm-up: posts %,d ok = %.0f/s (target %,d/s), latency from the "
            + "scheduled time p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; ok: %s; errors: %s%n",
        label, nodes.size(), nodes.size() == 1 ? "" : "s", Math.round(measuredSeconds), warmup, posts, posts / measuredSeconds, postRate,
        ms(postsTotal, 50), ms(postsTotal, 99), ms(postsTotal, 99.9), postsTotal.getMaxValue() / 1000.0, counts(okTotal),
        errorsTotal.values().stream().mapToLong(AtomicLong::get).sum() == 0 ? "none" : counts(errorsTotal) + " " + firstError);
    for (var n : nodes) {
      var s = start.get(n.index() - 1);
      var e = endFigures.get(n.index() - 1);
      System.out.printf("SUMMARY [%s] node%d after a full GC: heap %.0f MB at start, %.0f MB at end (%+.1f%%, %s); open files %,d at "
              + "start, %,d at end (%+.1f%%, %s); RSS %.0f MB at start, %.0f MB at end (%+.1f%%)%n",
          label, n.index(), s.heap() / 1e6, e.heap() / 1e6, pct(s.heap(), e.heap()), flat(s.heap(), e.heap(), flatPercent),
          s.files(), e.files(), pct(s.files(), e.files()), flat(s.files(), e.files(), flatPercent), s.rss() / 1e6, e.rss() / 1e6,
          pct(s.rss(), e.rss()));
    }
    System.out.printf("SUMMARY [%s] stream clients: %,d of %,d still connected, %,d received frames (%,d frames in all, not counting "
            + "%,d keep-alive heartbeats)%s; sanwang_stream_clients per node %s%n",
        label, connected, clients, withFrames, frames, heartbeats, missing.isEmpty() ? "" : "; without a frame: " + missing, clientsMetric);
    System.out.printf("SUMMARY [%s] verdict: posts %s, heap %s, open files %s, stream clients %s, errors %s%n", label,
        posts / measuredSeconds >= postRate * 0.95 ? "at rate" : String.format("BELOW rate (%.0f%% of it)", 100 * posts / measuredSeconds / postRate),
        allFlat(start, endFigures, Reading::heap, flatPercent), allFlat(start, endFigures, Reading::files, flatPercent),
        connected == clients && withFrames == clients ? "all connected with frames" : "NOT all connected with frames",
        errorsTotal.values().stream().mapToLong(AtomicLong::get).sum() == 0 ? "none" : "SOME");
    for (var c : crowds) c.close();
  }

  // --- the load

  interface Send {
    void send(long n, long scheduled);
  }

  /** A thread sending {@code perSecond} requests a second at constant intervals until the load stops. */
  private Thread rated(String name, double perSecond, Send send) {
    long interval = (long) (1e9 / perSecond);
    var t = new Thread(() -> {
      long start = System.nanoTime();
      for (long n = 0; loading; n++) {
        long scheduled = start + n * interval;
        long wait = scheduled - System.nanoTime();
        if (wait > 0) LockSupport.parkNanos(wait);
        if (!loading) break;
        send.send(n, scheduled);
      }
    }, "soak-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void post(long n, long scheduled) {
    var node = nodes.get((int) (n % nodes.size()));
    String user;
    String group;
    if (n % 4 == 0 && !heads.isEmpty()) { // a building head in their own building's group
      user = heads.get((int) ((n / 4) % heads.size()));
      group = headOf.get(user);
    } else {
      user = "district";
      group = groups.get((int) ((n * 7919) % groups.size()));
    }
    String body = "{\"text\":\"" + TEXT + " #" + n + "\",\"clientMsgId\":\"soak-" + run + "-" + n + "\"}";
    var request = HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/groups/" + group + "/messages"))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", "Bearer " + tokens.get(user))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    send("posts", request, 201, scheduled, node.index() - 1, null);
  }

  private void beat(long n, long scheduled) {
    var device = devices.get((int) (n % devices.size()));
    var node = nodes.get((int) (n % nodes.size()));
    String body = "{\"at\":\"" + Instant.now() + "\",\"battery\":" + (60 + n % 40) + ",\"seq\":" + n + "}";
    send("beats", deviceRequest(node, device, "heartbeat", body), 202, scheduled, -1, null);
  }

  private void call(long n, long scheduled) {
    var device = devices.get((int) ((n * 104_729) % devices.size()));
    var node = nodes.get((int) (n % nodes.size()));
    String body = "{\"at\":\"" + Instant.now() + "\",\"battery\":80,\"seq\":" + (1_000_000 + n) + "}";
    send("calls", deviceRequest(node, device, "call", body), 202, scheduled, -1, answer -> {
      String alertId = answer.path("alertId").asText("");
      if (alertId.isEmpty()) return;
      later.schedule(() -> {
        var to = nodes.get((int) ((n + 1) % nodes.size()));
        var resolve = HttpRequest.newBuilder(URI.create(to.base() + "/api/v1/alerts/" + alertId + "/resolve"))
            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + tokens.get("district"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"soak: resolved by the district desk\"}")).build();
        send("resolves", resolve, 200, System.nanoTime(), -1, null);
      }, 5, TimeUnit.SECONDS);
    });
  }

  private static HttpRequest deviceRequest(Node node, Device device, String what, String body) {
    return HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/devices/" + device.id() + "/" + what))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", "Device " + device.secret())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** Round the three networks: party notices (every fifth to the first community's building heads' inboxes), cases, community notices. */
  private void event(long n, long scheduled) {
    var node = nodes.get((int) (n % nodes.size()));
    String id = "soak-" + run + "-" + n;
    String building = groups.get((int) ((n * 613) % groups.size()));
    String network;
    Map<String, Object> event;
    switch ((int) (n % 3)) {
      case 0 -> {
        network = "party";
        if (n % 5 == 0 && !firstCommunityBuildings.isEmpty()) {
          String own = firstCommunityBuildings.get((int) ((n / 5) % firstCommunityBuildings.size()));
          event = cloudEvent(id, network, "party.notice", own, Map.of("title", "楼长通知 " + n, "body", TEXT,
              "roles", List.of("building_head", "online_building_head")));
        } else {
          event = cloudEvent(id, network, "party.notice", building, Map.of("title", "党建通知 " + n, "body", TEXT));
        }
      }
      case 1 -> {
        network = "governance";
        event = cloudEvent(id, network, "governance.case.reported", building, Map.of("caseId", "case-" + id, "category", "environment",
            "description", "楼道堆放杂物，影响通行 " + n));
      }
      default -> {
        network = "community";
        event = cloudEvent(id, network, "community.notice", building, Map.of("title", "社区通知 " + n, "body", TEXT));
      }
    }
    String body;
    try {
      body = JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    var b = HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/networks/" + network + "/events")).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/cloudevents+json").POST(HttpRequest.BodyPublishers.ofString(body));
    signing.get(network).sign(id, Instant.now(), body).forEach(b::header);
    send("events", b.build(), 202, scheduled, -1, null);
  }

  private static Map<String, Object> cloudEvent(String id, String network, String type, String subject, Map<String, Object> data) {
    var e = new LinkedHashMap<String, Object>();
    e.put("specversion", "1.0");
    e.put("id", id);
    e.put("source", "urn:soak:" + network);
    e.put("type", type);
    e.put("subject", subject);
    e.put("time", Instant.now().toString());
    e.put("datacontenttype", "application/json");
    e.put("data", data);
    return e;
  }

  /**
   * Sends at most {@code inflight} requests at once (a node that stalls holds the sender, whose waiting counts in
   * the latency from the scheduled time); records posts' latency, counts answers by kind and status.
   */
  private void send(String kind, HttpRequest request, int expected, long scheduled, int nodeIndex,
      java.util.function.Consumer<JsonNode> then) {
    var permits = kind.equals("posts") ? inflight : others;
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, failure) -> {
      permits.release();
      long micros = (System.nanoTime() - scheduled) / 1000;
      if (failure != null || r.statusCode() != expected) {
        String why = failure != null ? failure.getClass().getSimpleName() : Integer.toString(r.statusCode());
        errorsTotal.computeIfAbsent(kind + " " + why, k -> new AtomicLong()).incrementAndGet();
        errorsInterval.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        firstError.putIfAbsent(kind + " " + why, failure != null ? String.valueOf(failure.getMessage())
            : r.body().substring(0, Math.min(300, r.body().length())));
        return;
      }
      okTotal.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
      okInterval.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
      if (kind.equals("posts")) {
        allPosts.recordValue(micros);
        postsPerNode.get(nodeIndex).recordValue(micros);
      }
      if (then != null) {
        try {
          then.accept(JSON.readTree(r.body()));
        } catch (IOException e) {
          errorsTotal.computeIfAbsent(kind + " unreadable", k -> new AtomicLong()).incrementAndGet();
        }
      }
    });
  }

  private void resetTotals() {
    allPosts.reset();
    postsPerNode.forEach(Recorder::reset);
    postsTotal.reset();
    okTotal.clear();
    okInterval.clear();
    errorsInterval.clear();
    errorsTotal.clear();
    firstError.clear();
  }

  // --- the samples

  /** One line per node (its metrics and the posts it answered), then the load generator's line; returns this scrape. */
  private List<PromText> sample(String label, String at, List<PromText> before, double seconds, List<SseCrowd> crowds) {
    var now = scrapeAll();
    var all = allPosts.getIntervalHistogram();
    postsTotal.add(all);
    for (var n : nodes) {
      var m = now.get(n.index() - 1);
      var b = before.get(n.index() - 1);
      var h = postsPerNode.get(n.index() - 1).getIntervalHistogram();
      double gcCount = m.sum("jvm_gc_pause_seconds_count").orElse(0) - b.sum("jvm_gc_pause_seconds_count").orElse(0);
      double gcSum = m.sum("jvm_gc_pause_seconds_sum").orElse(0) - b.sum("jvm_gc_pause_seconds_sum").orElse(0);
      var journal = PromText.percentileBetween(b, m, "sanwang_journal_write_seconds", "journal", 99);
      var journalText = new StringBuilder();
      journal.forEach((k, v) -> journalText.append(journalText.isEmpty() ? "" : " ").append(k).append(' ')
          .append(v.isInfinite() ? "inf" : String.format("%.1f", v * 1000)));
      System.out.printf("[%s] %s node%d: heap %4.0f MB, files %,6d, streams %,6.0f, gc %3.0f pauses %5.0f ms (max %4.0f ms), journal p99 "
              + "ms %s | posts %,6d (%4.0f/s) p50 %6.1f p99 %7.1f max %7.1f ms%n",
          label, at, n.index(), m.sum("jvm_memory_used_bytes", "area=\"heap\"").orElse(0) / 1e6,
          (long) m.sum("process_files_open_files").orElse(-1), m.sum("sanwang_stream_clients").orElse(-1), gcCount, gcSum * 1000,
          m.max("jvm_gc_pause_seconds_max").orElse(0) * 1000, journalText.isEmpty() ? "-" : journalText,
          h.getTotalCount(), seconds > 0 ? h.getTotalCount() / seconds : 0, ms(h, 50), ms(h, 99), h.getMaxValue() / 1000.0);
    }
    var ok = new TreeMap<String, Long>();
    okInterval.forEach((k, v) -> ok.put(k, v.getAndSet(0)));
    var errors = new TreeMap<String, Long>();
    errorsInterval.forEach((k, v) -> errors.put(k, v.getAndSet(0)));
    long connected = crowds.stream().flatMap(c -> c.clients().stream()).filter(SseCrowd.Client::connected).count();
    System.out.printf("[%s] %s load: posts %,d (%.0f/s) p50 %.1f p99 %.1f max %.1f ms; ok %s; errors %s; SSE %,d connected, %,d frames so far%n",
        label, at, all.getTotalCount(), seconds > 0 ? all.getTotalCount() / seconds : 0, ms(all, 50), ms(all, 99), all.getMaxValue() / 1000.0,
        ok, errors.values().stream().mapToLong(Long::longValue).sum() == 0 ? "0" : errors, connected,
        crowds.stream().mapToLong(SseCrowd::frames).sum());
    return now;
  }

  private List<PromText> scrapeAll() {
    return nodes.stream().map(this::scrape).toList();
  }

  private PromText scrape(Node node) {
    try {
      var r = http.send(HttpRequest.newBuilder(URI.create(node.base() + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return PromText.parse(r.body());
    } catch (IOException e) {
      System.out.printf("node%d: /metrics failed: %s%n", node.index(), e);
      return PromText.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PromText.empty();
    }
  }

  /** Each node's heap (from its /metrics), open files and RSS, after a full GC ({@code jcmd GC.run}) when asked. */
  private List<Reading> readAll(boolean gc) throws Exception {
    var out = new ArrayList<Reading>();
    for (var n : nodes) {
      if (gc) {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(n.pid()), "GC.run").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(120, TimeUnit.SECONDS);
      }
      var m = scrape(n);
      out.add(new Reading((long) m.sum("jvm_memory_used_bytes", "area=\"heap\"").orElse(0), (long) m.sum("process_files_open_files")
          .orElse(0), rss(n.pid())));
    }
    return out;
  }

  private static long rss(long pid) {
    try {
      for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    } catch (IOException ignored) {
      // the node is gone: 0
    }
    return 0;
  }

  // --- small things

  private void login(String user) throws Exception {
    tokens.put(user, CallPathBench.login(http, nodes.get(0).base(), user, password));
  }

  private static int answered(List<SseCrowd> crowds) {
    return crowds.stream().mapToInt(SseCrowd::done).sum();
  }

  private static String counts(Map<String, AtomicLong> m) {
    var sorted = new TreeMap<String, Long>();
    m.forEach((k, v) -> sorted.put(k, v.get()));
    return sorted.toString();
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static double pct(long start, long end) {
    return start == 0 ? 0 : 100.0 * (end - start) / start;
  }

  private static String flat(long start, long end, int percent) {
    return Math.abs(pct(start, end)) <= percent ? "flat" : end > start ? "GREW" : "shrank";
  }

  private static String allFlat(List<Reading> start, List<Reading> end, java.util.function.ToLongFunction<Reading> f, int percent) {
    var out = new ArrayList<String>();
    for (int i = 0; i < start.size(); i++) out.add(flat(f.applyAsLong(start.get(i)), f.applyAsLong(end.get(i)), percent));
    return out.stream().allMatch("flat"::equals) ? "flat on every node (within " + percent + " %)" : out.toString();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    for (long left; (left = nanoTime - System.nanoTime()) > 0; ) Thread.sleep(Math.max(1, Math.min(1000, left / 1_000_000)));
  }

  private static void waitFor(Duration max, java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < end) Thread.sleep(50); // a benchmark polling its own progress
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    var n = new AtomicLong();
    return r -> {
      var t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
