package org.sanwang.ops;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Hub nodes of one cluster as separate processes of the packaged jar on loopback, over one PostgreSQL:
 * each its own HTTP and cluster port and data directory, the first node's {@code hub-keys.properties}
 * copied into the others' before they start (as spec/cluster.md says every node shares it). The first
 * node is started and ready before the others join. {@link #close()} stops every node still running.
 */
final class ClusterNodes implements AutoCloseable {
  private final List<HubProcess> nodes = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();
  private final List<Integer> clusterPorts = new ArrayList<>();
  /** The nodes a load balancer sends to: ready, and not being stopped. */
  private final Set<Integer> inRotation = ConcurrentHashMap.newKeySet();

  /**
   * @param everyNodeASeed every node's address in SANWANG_SEED_NODES (needed to restart the first node
   *     while the others run: with itself as the only seed it would form a cluster of its own), else the
   *     first node's only
   */
  ClusterNodes(HubFixture.Db db, int count, String name, Map<String, String> extraEnv, boolean everyNodeASeed,
      String... jvmOptions) throws Exception {
    for (int i = 0; i < count; i++) {
      clusterPorts.add(HubProcess.freePort());
      dirs.add(HubFixture.tempDir());
    }
    var seeds = (everyNodeASeed ? clusterPorts : clusterPorts.subList(0, 1)).stream()
        .map(p -> "pekko://sanwang@127.0.0.1:" + p).toList();
    for (int i = 0; i < count; i++) {
      var env = new HashMap<>(HubFixture.processEnv(db, dirs.get(i)));
      env.putAll(extraEnv);
      env.put("SANWANG_CLUSTER_PORT", Integer.toString(clusterPorts.get(i)));
      env.put("SANWANG_SEED_NODES", String.join(",", seeds));
      Path log = Path.of("target", name + "-node" + (i + 1) + ".log").toAbsolutePath();
      Files.deleteIfExists(log);
      nodes.add(new HubProcess(env, log).heap("384m").jvmOptions(jvmOptions));
    }
  }

  /** Node 1 first (up and ready), its key file into the others' directories, then the others side by side. */
  ClusterNodes startAll() throws Exception {
    nodes.get(0).start();
    inRotation.add(0);
    Path keys = dirs.get(0).resolve(HubKeys.FILE_NAME);
    for (int i = 1; i < nodes.size(); i++) {
      Path copy = dirs.get(i).resolve(HubKeys.FILE_NAME);
      Files.copy(keys, copy, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
    }
    var offsets = new ArrayList<Long>();
    for (int i = 1; i < nodes.size(); i++) {
      offsets.add(logSize(i));
      nodes.get(i).launch();
    }
    for (int i = 1; i < nodes.size(); i++) {
      nodes.get(i).awaitReady(Duration.ofSeconds(120));
      awaitLog(i, offsets.get(i - 1), "Welcome from", Duration.ofSeconds(60));
      inRotation.add(i);
    }
    return this;
  }

  int size() {
    return nodes.size();
  }

  HubProcess node(int i) {
    return nodes.get(i);
  }

  int port(int i) {
    return nodes.get(i).port();
  }

  /**
   * The HTTP ports a load balancer sends to: of the nodes that were ready and are not being stopped
   * (as Kubernetes takes a terminating pod out of its endpoints). A killed node stays in until
   * {@link #kill} says otherwise, as it would until health checks fail.
   */
  List<Integer> livePorts() {
    return inRotation.stream().sorted().map(i -> nodes.get(i).port()).toList();
  }

  /** Out of the rotation, then SIGTERM and wait; true if it exited by itself within {@code atMost}. */
  boolean stop(int i, Duration atMost) throws InterruptedException {
    inRotation.remove(i);
    return nodes.get(i).stop(atMost);
  }

  /** SIGKILL, and out of the rotation. */
  void kill(int i) throws InterruptedException {
    nodes.get(i).kill();
    inRotation.remove(i);
  }

  /** Starts node {@code i} again (same ports and directory) and waits until it is ready and has joined. */
  void restart(int i) throws Exception {
    long offset = logSize(i);
    nodes.get(i).launch().awaitReady(Duration.ofSeconds(120));
    if (i > 0) awaitLog(i, offset, "Welcome from", Duration.ofSeconds(60));
    inRotation.add(i);
  }

  long logSize(int i) throws IOException {
    Path log = nodes.get(i).log();
    return Files.exists(log) ? Files.size(log) : 0;
  }

  /** The node's log from byte {@code from} on. */
  String logSince(int i, long from) throws IOException {
    Path log = nodes.get(i).log();
    if (!Files.exists(log)) return "";
    byte[] all = Files.readAllBytes(log);
    return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
  }

  void awaitLog(int i, long from, String text, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> logSince(i, from).contains(text));
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      try {
        nodes.get(i).close();
      } catch (Exception e) {
        if (first == null) first = e;
      }
    }
    if (first != null) throw first;
  }

  /**
   * The shared test organisation ({@link OrgDocuments#everyRole()}: 王芳 heads B07, {@code duty} is
   * 黄值班, a community duty officer with a login) with the seven call devices of
   * {@link AcknowledgedWritesSurviveKillContract#document()}: dev-0001, dev-0002 and dev-kill-01..05,
   * each its own resident's, in B07..B11.
   */
  static Map<String, Object> organisation() {
    var doc = new HashMap<>(OrgDocuments.everyRole());
    var residents = new ArrayList<Object>((List<?>) doc.get("residents"));
    @SuppressWarnings("unchecked")
    var extra = (List<Map<String, Object>>) AcknowledgedWritesSurviveKillContract.document().get("residents");
    extra.stream().filter(r -> r.get("id").toString().startsWith("r-kill-")).forEach(residents::add);
    doc.put("residents", residents);
    return doc;
  }

  record Device(String id, String secret) {}

  static List<Device> devices() {
    var all = new ArrayList<Device>(List.of(new Device("dev-0001", "device-secret-0001-abcdef"),
        new Device("dev-0002", "device-secret-0002-abcdef")));
    AcknowledgedWritesSurviveKillContract.devices().forEach(d -> all.add(new Device(d.id(), d.secret())));
    return all;
  }

  /**
   * Steady writers as real clients behind a load balancer: each post (with its clientMsgId) and each
   * press (with its seq) is tried on a live node, and on a failure or timeout tried again with the same
   * clientMsgId or seq on the next live node, until acknowledged or {@code giveUpAfter}; a writer asked
   * to stop finishes the write it is on first. Every answer that is not an acknowledgement is kept.
   */
  static final class Load {
    record Post(String group, long offset, String id, String text) {}

    record Press(String deviceId, long seq, String alertId, int pressCount) {}

    record Failure(String write, int port, int status, String contentType, String detail, long atMillis) {
      boolean problem503() {
        return status == 503 && contentType.startsWith("application/problem+json");
      }
    }

    final Set<Post> posts = ConcurrentHashMap.newKeySet();
    final List<Press> presses = new CopyOnWriteArrayList<>();
    final List<Failure> failures = new CopyOnWriteArrayList<>();
    final List<String> gaveUp = new CopyOnWriteArrayList<>();
    final AtomicInteger retriedWrites = new AtomicInteger();
    private final Supplier<List<Integer>> ports;
    private final String token;
    private final List<String> groups;
    private final List<Device> devices;
    private final int posters;
    private final Duration pause;
    private final Duration giveUpAfter;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Integer, HubClient> clients = new ConcurrentHashMap<>();

    /**
     * @param pause a writer's pause between two writes (and before a retry), to keep the load steady
     *     on a small machine
     */
    Load(Supplier<List<Integer>> ports, String token, List<String> groups, List<Device> devices, int posters,
        Duration pause, Duration giveUpAfter) {
      this.ports = ports;
      this.token = token;
      this.groups = groups;
      this.devices = devices;
      this.posters = posters;
      this.pause = pause;
      this.giveUpAfter = giveUpAfter;
    }

    Load start() {
      for (int w = 0; w < posters; w++) {
        int writer = w;
        threads.add(thread("poster-" + w, () -> {
          for (int i = 0; !stop.get(); i++) {
            String group = groups.get((writer + i) % groups.size());
            String text = "w" + writer + "-" + i;
            var r = untilAcknowledged("post " + text, 201, c -> c.post("/api/v1/groups/" + group + "/messages",
                Map.of("text", text, "clientMsgId", text)));
            if (r != null) posts.add(new Post(group, r.body().get("offset").asLong(), r.body().get("id").asText(), text));
            pause();
          }
        }));
      }
      for (var device : devices) {
        threads.add(thread("presser-" + device.id(), () -> {
          for (long seq = 1; !stop.get(); seq++) {
            long s = seq;
            var r = untilAcknowledged("press " + device.id() + " seq " + s, 202, c -> c.device(device.id(), device.secret(), "call",
                "{\"seq\":" + s + "}"));
            if (r != null)
              presses.add(new Press(device.id(), s, r.body().get("alertId").asText(), r.body().get("pressCount").asInt()));
            pause();
          }
        }));
      }
      return this;
    }

    private static Thread thread(String name, Runnable body) {
      var t = new Thread(body, name);
      t.setDaemon(true);
      t.start();
      return t;
    }

    /** Stops the writers, each after the write it is on, and waits for them. */
    void stop() throws InterruptedException {
      stop.set(true);
      for (var t : threads) t.join(giveUpAfter.plusSeconds(30).toMillis());
    }

    int postsAcknowledged() {
      return posts.size();
    }

    private HubClient.Response untilAcknowledged(String write, int expected,
        java.util.function.Function<HubClient, HubClient.Response> send) {
      long deadline = System.nanoTime() + giveUpAfter.toNanos();
      boolean first = true;
      while (System.nanoTime() < deadline) {
        var live = ports.get();
        if (live.isEmpty()) {
          pause();
          continue;
        }
        int port = live.get(Math.floorMod(next.getAndIncrement(), live.size()));
        var client = clients.computeIfAbsent(port, p -> new HubClient(p).as(token));
        if (!first) retriedWrites.incrementAndGet();
        first = false;
        try {
          var r = send.apply(client);
          if (r.status() == expected) return r;
          failures.add(new Failure(write, port, r.status(), r.contentType(), r.raw(), System.currentTimeMillis()));
        } catch (RuntimeException e) {
          failures.add(new Failure(write, port, 0, "", String.valueOf(e.getCause() == null ? e : e.getCause()),
              System.currentTimeMillis()));
        }
        pause();
      }
      gaveUp.add(write);
      return null;
    }

    /** A client's pause between writes: not a test waiting for a condition (that is Awaitility's). */
    private void pause() {
      LockSupport.parkNanos(pause.toNanos());
    }

    /** Every write that got an answer other than its acknowledgement, one line each (for messages). */
    static String describe(List<Failure> failures) {
      var sb = new StringBuilder();
      failures.stream().limit(20).forEach(f -> sb.append("\n  ").append(f));
      if (failures.size() > 20) sb.append("\n  … ").append(failures.size() - 20).append(" more");
      return sb.toString();
    }

    /** The buildings of B07..B13, the groups the kill test writes into. */
    static List<String> groups(int count) {
      return IntStream.range(0, count).mapToObj(i -> AcknowledgedWritesSurviveKillContract.GROUPS.get(i)).toList();
    }
  }
}
