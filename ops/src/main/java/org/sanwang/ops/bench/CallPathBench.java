package org.sanwang.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.sanwang.connectors.devices.NoDelaySockets;
import org.sanwang.hub.group.GroupEntity;
import org.sanwang.hub.group.Sender;
import org.sanwang.ops.HubNode;

/**
 * The call path: from a device's press (HTTP, and MQTT when SANWANG_MQTT_URL is set) to the
 * alert frame on the building head's inbox SSE stream, p50/p99/p999, at idle and while group posts
 * run in the background. Presses are injected at a constant rate, each on a fresh device, and
 * latency counts from the scheduled press time. Not a test: run it with {@code ops/bench/run}.
 */
public final class CallPathBench {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String COMMUNITY = "130803001001";
  static final String PASSWORD = "bench-building-head";

  private CallPathBench() {}

  public static void main(String[] args) throws Exception {
    var opts = new HashMap<String, String>();
    for (String a : args) opts.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    int rate = Integer.parseInt(opts.getOrDefault("call-rate", "20"));
    int seconds = Integer.parseInt(opts.getOrDefault("call-seconds", "20"));
    int background = Integer.parseInt(opts.getOrDefault("background", "2000"));
    int buildings = Integer.parseInt(opts.getOrDefault("buildings", "100"));
    int perPhase = rate * seconds;
    int devicesPerBuilding = (3 * perPhase + 20 + buildings - 1) / buildings;
    String mqttUrl = System.getenv().getOrDefault("SANWANG_MQTT_URL", "");

    var overrides = BenchNode.overrides("callbench");
    overrides.put("sanwang.mqtt.client-id", "sanwang-hub-bench");
    try (var node = HubNode.start(HubNode.load(overrides))) {
      String base = "http://127.0.0.1:" + node.httpPort();
      var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      String admin = login(http, base, "admin", BenchNode.ADMIN_PASSWORD);
      var doc = document(buildings, devicesPerBuilding);
      var imported = http.send(json(base + "/api/v1/org/import", admin, JSON.writeValueAsString(doc)), HttpResponse.BodyHandlers.ofString());
      if (imported.statusCode() != 200) throw new IllegalStateException("import failed: " + imported.body());

      var sendTimes = new ConcurrentHashMap<String, Long>();
      var channels = new ConcurrentHashMap<String, String>();
      var histograms = new ConcurrentHashMap<String, Histogram>();
      var answers = new ConcurrentHashMap<String, Histogram>();
      var phase = new java.util.concurrent.atomic.AtomicReference<String>("idle");
      var frames = new AtomicLong();
      for (int b = 1; b <= buildings; b++) {
        String token = login(http, base, "bh-" + b, PASSWORD);
        var req = HttpRequest.newBuilder(URI.create(base + "/api/v1/me/inbox/stream")).header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream").build();
        http.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(line -> {
          long now = System.nanoTime();
          if (!line.startsWith("data:")) return;
          try {
            JsonNode item = JSON.readTree(line.substring(5));
            String alertId = item.at("/ref/id").asText();
            String caller = alertId.substring(0, alertId.lastIndexOf('-')); // alert ids are <residentId>-<n>
            Long sent = sendTimes.remove(caller);
            if (sent != null) {
              histograms.computeIfAbsent(phase.get() + channels.getOrDefault(caller, " http"),
                  k -> new ConcurrentHistogram(60_000_000L, 3)).recordValue((now - sent) / 1000);
              frames.incrementAndGet();
            }
          } catch (Exception ignored) {
            // heartbeats and other frames
          }
        }));
      }
      MqttAsyncClient mqtt = null;
      if (!mqttUrl.isEmpty()) {
        mqtt = new MqttAsyncClient(mqttUrl, "bench-devices-" + System.nanoTime(), new MemoryPersistence());
        var o = new MqttConnectOptions();
        o.setMaxInflight(1000);
        o.setSocketFactory(NoDelaySockets.forUrl(mqttUrl));
        mqtt.connect(o).waitForCompletion(10_000);
      }
      Thread.sleep(2000); // let every SSE stream subscribe before the first press

      int next = 0;
      System.out.printf("database: %s; MQTT: %s%n", node.settings().dbUrl().orElse("embedded H2"), mqttUrl.isEmpty() ? "off" : mqttUrl);
      for (String p : List.of("warm-up", "idle", "loaded")) {
        phase.set(p);
        var stop = new AtomicBoolean();
        Thread load = null;
        if (p.equals("loaded")) load = backgroundPosts(node, background, stop);
        var before = TimerWindow.all();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < perPhase; i++, next++) {
          long intended = start + i * interval;
          long wait = intended - System.nanoTime();
          if (wait > 0) LockSupport.parkNanos(wait);
          boolean viaMqtt = mqtt != null && i % 2 == 1;
          String device = deviceId(next, viaMqtt);
          channels.put("r-" + next, viaMqtt ? " mqtt" : " http");
          sendTimes.put("r-" + next, intended); // each press on a fresh resident (whose alert id starts with it)
          if (viaMqtt) {
            var m = new MqttMessage(("{\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            mqtt.publish("sanwang/v1/devices/" + device + "/call", m);
          } else {
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/" + device + "/call"))
                .header("Authorization", "Device " + secret(device)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seq\":" + i + "}")).build(), HttpResponse.BodyHandlers.discarding())
                .thenRun(() -> answers.computeIfAbsent(p, k -> new ConcurrentHistogram(60_000_000L, 3))
                    .recordValue(Math.max(0, (System.nanoTime() - intended) / 1000)));
          }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!sendTimes.isEmpty() && System.nanoTime() < deadline) Thread.sleep(100);
        stop.set(true);
        if (load != null) load.join();
        if (!sendTimes.isEmpty()) System.out.printf("%s: %d presses never reached an inbox stream%n", p, sendTimes.size());
        if (!p.startsWith("warm")) TimerWindow.print(p, before, TimerWindow.all(), answers.get(p));
        sendTimes.clear();
      }
      histograms.keySet().stream().filter(k -> !k.startsWith("warm")).sorted().forEach(k -> {
        var h = histograms.get(k);
        System.out.printf("press → building head's SSE frame, %-12s %5d presses   p50 %7.2f ms   p99 %7.2f ms   p99.9 %7.2f ms   max %7.2f ms%n",
            k, h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
            h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
      });
      if (mqtt != null) mqtt.disconnect().waitForCompletion(5000);
    }
    System.exit(0);
  }

  /** Group posts at a constant {@code rate} over 500 groups through sharding, until stopped. */
  static Thread backgroundPosts(HubNode node, int rate, AtomicBoolean stop) {
    var sharding = ClusterSharding.get(node.system());
    var sender = new Sender("bench", "压测", "resident");
    var t = new Thread(() -> {
      long start = System.nanoTime();
      long interval = 1_000_000_000L / rate;
      for (long i = 0; !stop.get(); i++) {
        long wait = start + i * interval - System.nanoTime();
        if (wait > 50_000) LockSupport.parkNanos(wait);
        sharding.entityRefFor(GroupEntity.ENTITY_KEY, "bench-bg-" + (i % 500))
            .tell(new GroupEntity.PostMessage(sender, "hub", "chat", "背景消息", null, node.system().ignoreRef()));
      }
    }, "background-posts");
    t.start();
    return t;
  }

  static String deviceId(int n, boolean mqtt) {
    return String.format("bd-%05d", n) + (mqtt ? "m" : "h");
  }

  static String secret(String device) {
    return "bench-secret-" + device + "-0123456789";
  }

  static Map<String, Object> document(int buildings, int devicesPerBuilding) {
    var bs = new ArrayList<Map<String, Object>>();
    var grids = new ArrayList<Map<String, Object>>();
    var people = new ArrayList<Map<String, Object>>();
    var residents = new ArrayList<Map<String, Object>>();
    int device = 0;
    var gridBuildings = new ArrayList<String>();
    for (int b = 1; b <= buildings; b++) {
      String code = COMMUNITY + String.format("-B%03d", b);
      bs.add(Map.of("code", code, "name", b + "号楼", "units", 2));
      gridBuildings.add(code);
      if (gridBuildings.size() == 8 || b == buildings) {
        grids.add(Map.of("code", COMMUNITY + String.format("-G%02d", grids.size() + 1), "name", "网格" + (grids.size() + 1),
            "buildings", List.copyOf(gridBuildings)));
        gridBuildings.clear();
      }
      people.add(Map.of("id", "bh-" + b, "name", "楼长" + b, "roles", List.of(Map.of("role", "building_head", "scope", code)),
          "login", Map.of("username", "bh-" + b, "password", PASSWORD)));
      for (int d = 0; d < devicesPerBuilding; d++, device++) {
        var devs = List.of(Map.of("id", deviceId(device, false), "secret", secret(deviceId(device, false))),
            Map.of("id", deviceId(device, true), "secret", secret(deviceId(device, true))));
        residents.add(Map.of("id", "r-" + device, "name", "居民" + device, "building", code, "unit", 1, "room", "101",
            "flags", List.of("living_alone"), "contacts", List.of(), "devices", devs));
      }
    }
    return Map.of("districts", List.of(Map.of("code", "130803", "name", "双滦区", "streets", List.of(Map.of(
            "code", "130803001", "name", "元宝山街道", "communities", List.of(Map.of("code", COMMUNITY, "name", "双安社区",
                "grids", grids, "buildings", bs)))))),
        "people", people, "residents", residents);
  }

  static String login(HttpClient http, String base, String user, String password) throws Exception {
    var r = http.send(json(base + "/api/v1/login", null, JSON.writeValueAsString(Map.of("username", user, "password", password))),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("login " + user + ": " + r.body());
    return JSON.readTree(r.body()).get("token").asText();
  }

  static HttpRequest json(String url, String token, String body) {
    var b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b.build();
  }

  /**
   * Where a phase's time went, from the hub's own timers: a journal write from command to event
   * stored, by journal, and a press received to its first responder's inbox item; and a press sent
   * to its HTTP answer (which waits for the board too). Quantiles from the timers' histogram buckets.
   */
  record TimerWindow(String name, long count, CountAtBucket[] buckets) {
    static final List<String[]> TIMERS = List.of(new String[] {"sanwang.journal.write", "journal", "urgent"},
        new String[] {"sanwang.journal.write", "journal", "default"}, new String[] {"sanwang.alert.time.to.notify"});

    static List<TimerWindow> all() {
      var out = new ArrayList<TimerWindow>();
      for (var t : TIMERS) {
        var timer = Metrics.globalRegistry.find(t[0]).tags(Arrays.copyOfRange(t, 1, t.length)).timer();
        String name = t.length > 1 ? t[0] + "{" + t[2] + "}" : t[0];
        if (timer == null) out.add(new TimerWindow(name, 0, new CountAtBucket[0]));
        else {
          var snapshot = timer.takeSnapshot();
          out.add(new TimerWindow(name, snapshot.count(), snapshot.histogramCounts()));
        }
      }
      return out;
    }

    static void print(String phase, List<TimerWindow> before, List<TimerWindow> after, Histogram answers) {
      for (int i = 0; i < after.size(); i++) {
        var a = before.get(i);
        var b = after.get(i);
        long n = b.count() - a.count();
        if (n <= 0 || b.buckets().length == 0) continue;
        System.out.printf("  %s: %-42s %7d   p50 %7.2f ms   p99 %7.2f ms%n", phase, b.name(), n, quantile(a, b, n, 0.5),
            quantile(a, b, n, 0.99));
      }
      if (answers != null)
        System.out.printf("  %s: %-42s %7d   p50 %7.2f ms   p99 %7.2f ms%n", phase, "press sent → HTTP answer", answers.getTotalCount(),
            answers.getValueAtPercentile(50) / 1000.0, answers.getValueAtPercentile(99) / 1000.0);
    }

    /** The upper bound of the first bucket holding the quantile of what was recorded between the snapshots. */
    private static double quantile(TimerWindow a, TimerWindow b, long n, double q) {
      for (int j = 0; j < b.buckets().length; j++) {
        double inWindow = b.buckets()[j].count() - (j < a.buckets().length ? a.buckets()[j].count() : 0);
        if (inWindow >= q * n) return b.buckets()[j].bucket(TimeUnit.MILLISECONDS);
      }
      return Double.NaN;
    }
  }
}
