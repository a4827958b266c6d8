package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost when the hub dies with SIGKILL. The packaged hub runs as its own
 * process; eight writers post into building groups while four press devices of their own over HTTP
 * (resolving the alert after every few presses, so new alerts keep opening); the hub is killed in
 * the middle of that load, restarted on the same database and checked, three rounds on the same
 * data, then once more killed right after a quiet post and press. After every restart: each post
 * that got a 201 is at its offset with its id and text, every group's offsets run 1..n, the next post
 * gets n+1; each alert a press got a 202 for exists with at least the acknowledged press count, is
 * resolved if its resolution was acknowledged, and is listed among the open alerts if it is open.
 * Only the HTTP contract is used. Each database gets a subclass.
 */
abstract class AcknowledgedWritesSurviveKillContract {
  static final List<String> GROUPS = IntStream.rangeClosed(7, 13).mapToObj(b -> String.format("130803001001-B%02d", b)).toList();
  static final int ROUNDS = 3;
  static final int POST_WRITERS = 8;
  static final int PRESS_WRITERS = 4;
  static final int POSTS_PER_ROUND = 300;
  static final int PRESSES_PER_ROUND = 60;
  static final int PRESSES_BEFORE_RESOLVE = 4;
  static final Set<String> OPEN_STATES = Set.of("raised", "acknowledged", "arrived");

  record Post(String group, long offset, String id, String text) {}

  record Device(String id, String secret) {}

  /** The hub's environment on this engine (and its data directory, for the embedded one). */
  protected abstract Map<String, String> hubEnv(Path dataDir) throws Exception;

  protected abstract String engine();

  private final Set<Post> posts = ConcurrentHashMap.newKeySet();
  /** alertId → the highest pressCount a 202 carried for it. */
  private final Map<String, Integer> pressCounts = new ConcurrentHashMap<>();
  private final Set<String> resolved = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();

  @Test
  void everyAcknowledgedPostPressAndResolutionSurvivesKillMinusNine() throws Exception {
    var env = hubEnv(HubFixture.tempDir());
    Path log = Path.of("target", "acknowledged-writes-kill-" + engine() + ".log").toAbsolutePath();
    for (int round = 1; round <= ROUNDS; round++) {
      try (var hub = new HubProcess(env, log).start()) {
        var admin = new HubClient(hub.port());
        admin.login("admin", HubFixture.ADMIN_PASSWORD);
        if (round == 1) {
          var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(document()));
          assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        } else {
          assertEveryAcknowledgedWriteIsBack(admin, "after kill " + (round - 1));
        }
        writeUntilKilled(hub, admin, round);
      }
    }
    try (var hub = new HubProcess(env, log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      assertEveryAcknowledgedWriteIsBack(admin, "after kill " + ROUNDS);
      // a quiet hub: one post, and a press that opens a new alert, each acknowledged, then SIGKILL straight away
      assertThat(postAndRemember(admin, GROUPS.get(0), "quiet")).isTrue();
      var pressed = pressAndRemember(admin, devices().get(PRESS_WRITERS));
      hub.kill();
      assertThat(pressed).isNotNull();
      assertThat(pressed.get("pressCount").asInt()).isEqualTo(1);
    }
    try (var hub = new HubProcess(env, log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      assertEveryAcknowledgedWriteIsBack(admin, "after the quiet kill");
    }
    assertThat(posts).hasSizeGreaterThanOrEqualTo(ROUNDS * POSTS_PER_ROUND);
    assertThat(pressCounts.values().stream().mapToInt(Integer::intValue).sum())
        .isGreaterThanOrEqualTo(ROUNDS * PRESSES_PER_ROUND);
  }

  /** 8 writers post and 4 press until this round has enough acknowledgements, then the hub is killed under them. */
  private void writeUntilKilled(HubProcess hub, HubClient admin, int round) throws Exception {
    var stop = new AtomicBoolean();
    var postsThisRound = new AtomicInteger();
    var pressesThisRound = new AtomicInteger();
    var resolvesThisRound = new AtomicInteger();
    ExecutorService writers = Executors.newFixedThreadPool(POST_WRITERS + PRESS_WRITERS);
    for (int w = 0; w < POST_WRITERS; w++) {
      int writer = w;
      writers.submit(() -> {
        for (int i = 0; !stop.get(); i++) {
          try {
            if (postAndRemember(admin, GROUPS.get((writer + i) % GROUPS.size()), "r" + round + "-w" + writer + "-" + i))
              postsThisRound.incrementAndGet();
          } catch (RuntimeException e) {
            return; // the hub is gone
          }
        }
      });
    }
    for (int w = 0; w < PRESS_WRITERS; w++) {
      var device = devices().get(w);
      writers.submit(() -> {
        while (!stop.get()) {
          try {
            var pressed = pressAndRemember(admin, device);
            if (pressed == null) continue;
            pressesThisRound.incrementAndGet();
            if (pressed.get("pressCount").asInt() % PRESSES_BEFORE_RESOLVE == 0) {
              String alertId = pressed.get("alertId").asText();
              var r = admin.post("/api/v1/alerts/" + alertId + "/resolve", Map.of("note", "kill test"));
              if (r.status() == 200) {
                resolved.add(alertId);
                resolvesThisRound.incrementAndGet();
              }
            }
          } catch (RuntimeException e) {
            return; // the hub is gone
          }
        }
      });
    }
    long started = System.nanoTime();
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
          .until(() -> postsThisRound.get() >= POSTS_PER_ROUND && pressesThisRound.get() >= PRESSES_PER_ROUND);
    } finally {
      double seconds = (System.nanoTime() - started) / 1e9;
      hub.kill();
      stop.set(true);
      writers.shutdown();
      assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      System.out.printf("[%s] round %d: killed after %.1f s under load: %d posts (%.0f/s), %d presses (%.0f/s), "
          + "%d resolutions acknowledged%n", engine(), round, seconds, postsThisRound.get(), postsThisRound.get() / seconds,
          pressesThisRound.get(), pressesThisRound.get() / seconds, resolvesThisRound.get());
    }
  }

  private boolean postAndRemember(HubClient client, String group, String text) {
    var r = client.post("/api/v1/groups/" + group + "/messages", Map.of("text", text, "clientMsgId", text));
    if (r.status() != 201) return false;
    posts.add(new Post(group, r.body().get("offset").asLong(), r.body().get("id").asText(), text));
    return true;
  }

  /** The 202's body, or null if the press was not acknowledged. */
  private JsonNode pressAndRemember(HubClient client, Device device) {
    long seq = seqs.computeIfAbsent(device.id(), d -> new AtomicLong()).incrementAndGet();
    var r = client.device(device.id(), device.secret(), "call", "{\"seq\":" + seq + "}");
    if (r.status() != 202) return null;
    pressCounts.merge(r.body().get("alertId").asText(), r.body().get("pressCount").asInt(), Math::max);
    return r.body();
  }

  private void assertEveryAcknowledgedWriteIsBack(HubClient admin, String when) {
    var byGroup = new HashMap<String, List<Post>>();
    posts.forEach(p -> byGroup.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p));
    var lostPosts = new ArrayList<String>();
    var nextOffsets = new HashMap<String, Long>();
    for (String group : GROUPS) {
      var stored = readAll(admin, group);
      for (int i = 0; i < stored.size(); i++)
        assertThat(stored.get(i).get("offset").asLong()).as("%s: offsets of %s run without a gap", when, group).isEqualTo(i + 1);
      for (var p : byGroup.getOrDefault(group, List.of())) {
        var m = p.offset() <= stored.size() ? stored.get((int) p.offset() - 1) : null;
        if (m == null) lostPosts.add(p + " is beyond the group's " + stored.size() + " messages");
        else if (!m.get("id").asText().equals(p.id()) || !m.get("text").asText().equals(p.text()))
          lostPosts.add(p + " was replaced by " + m);
      }
      nextOffsets.put(group, stored.size() + 1L);
    }
    var lostAlerts = new ArrayList<String>();
    var stillOpen = new HashSet<String>();
    pressCounts.forEach((alertId, pressCount) -> {
      var r = admin.get("/api/v1/alerts/" + alertId);
      if (r.status() != 200) {
        lostAlerts.add(alertId + " answers " + r.status());
        return;
      }
      int stored = r.body().get("pressCount").asInt();
      String state = r.body().get("state").asText();
      if (stored < pressCount) lostAlerts.add(alertId + " has " + stored + " presses, " + pressCount + " were acknowledged");
      if (resolved.contains(alertId) && !state.equals("resolved"))
        lostAlerts.add(alertId + " is " + state + ", its resolution was acknowledged");
      if (OPEN_STATES.contains(state)) stillOpen.add(alertId);
    });
    assertThat(lostPosts.size() + lostAlerts.size())
        .as("%s: %d of %d acknowledged posts lost (e.g. %s); %d of %d acknowledged alerts lost or behind (e.g. %s)", when,
            lostPosts.size(), posts.size(), first(lostPosts), lostAlerts.size(), pressCounts.size(), first(lostAlerts))
        .isZero();
    for (String group : GROUPS) {
      String text = "next after " + when;
      var next = admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", text, "clientMsgId", text + " " + group));
      assertThat(next.status()).as(next.raw()).isEqualTo(201);
      assertThat(next.body().get("offset").asLong()).as("%s: the next post in %s", when, group).isEqualTo(nextOffsets.get(group));
      posts.add(new Post(group, next.body().get("offset").asLong(), next.body().get("id").asText(), text));
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(admin.get("/api/v1/alerts?state=open").body().get("alerts").findValuesAsText("id"))
            .as("%s: open alerts on the board", when).containsAll(stillOpen));
    System.out.printf("[%s] %s: all %d acknowledged posts and %d alerts are back (%d open, %d resolved)%n", engine(), when,
        posts.size() - GROUPS.size(), pressCounts.size(), stillOpen.size(), resolved.size());
  }

  private static List<String> first(List<String> problems) {
    return problems.subList(0, Math.min(3, problems.size()));
  }

  private static List<JsonNode> readAll(HubClient client, String group) {
    var all = new ArrayList<JsonNode>();
    long after = 0;
    while (true) {
      var page = client.get("/api/v1/groups/" + group + "/messages?limit=500&after=" + after).body();
      page.get("messages").forEach(all::add);
      if (page.get("messages").isEmpty()) return all;
      after = page.get("next").asLong();
    }
  }

  /** One device per press writer and one for the quiet press, each its own resident's. */
  static List<Device> devices() {
    return IntStream.rangeClosed(1, PRESS_WRITERS + 1)
        .mapToObj(i -> new Device(String.format("dev-kill-%02d", i), String.format("device-secret-kill-%02d-abcdef", i)))
        .toList();
  }

  /** The test organisation plus a resident with a device for each of {@link #devices()} (the shared fixture has two). */
  static Map<String, Object> document() {
    var doc = new HashMap<>(OrgDocuments.shuangan());
    var residents = new ArrayList<Object>((List<?>) doc.get("residents"));
    var devices = devices();
    for (int i = 0; i < devices.size(); i++) {
      var d = devices.get(i);
      residents.add(Map.of("id", "r-kill-" + (i + 1), "name", "住户" + (i + 1), "building", GROUPS.get(i % GROUPS.size()),
          "unit", 1, "room", String.format("%d01", i + 1), "flags", List.of("living_alone"),
          "contacts", List.of(Map.of("name", "家属" + (i + 1), "relation", "son",
              "phone", String.format("+86139100000%02d", i + 1))),
          "devices", List.of(Map.of("id", d.id(), "secret", d.secret()))));
    }
    doc.put("residents", residents);
    return doc;
  }
}
