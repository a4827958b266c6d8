package org.sanwang.ops.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.sanwang.hub.group.GroupEntity;
import org.sanwang.hub.group.Sender;
import org.sanwang.ops.HubNode;

/**
 * Durable group posts against the configured database (PostgreSQL when SANWANG_DB_URL is set),
 * through Cluster Sharding exactly as the HTTP route posts: each reply comes after the event is
 * committed. Two phases, each printing posts/s and ack latency p50/p99/p999 (HdrHistogram):
 * <ol>
 *   <li>saturation: a closed loop with one post in flight per group, to find the ceiling;</li>
 *   <li>constant rate: posts injected on a fixed schedule across many groups, latency measured
 *       from the scheduled time (no coordinated omission).</li>
 * </ol>
 * Not a test: run it with {@code ops/bench}.
 */
public final class GroupPostBench {
  private GroupPostBench() {}

  /**
   * Completions run here: on a 2-core machine the common pool has one thread and the JDK then
   * starts a thread per completion, which would measure the JDK, not the hub.
   */
  static java.util.concurrent.Executor EXECUTOR;

  public static void main(String[] args) throws Exception {
    var opts = options(args);
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "20"));
    int closedGroups = Integer.parseInt(opts.getOrDefault("inflight", "96"));
    int rate = Integer.parseInt(opts.getOrDefault("rate", "10000"));
    int rateGroups = Integer.parseInt(opts.getOrDefault("groups", "2000"));

    try (var node = HubNode.start(HubNode.load(BenchNode.overrides("bench")))) {
      EXECUTOR = node.system().executionContext();
      var sharding = ClusterSharding.get(node.system());
      var sender = new Sender("bench", "压测", "resident");
      System.out.printf("database: %s%n", node.settings().dbUrl().orElse("embedded H2"));

      // Warm-up: wake the entities and let the JIT compile the hot path (C2 needs ~15 s on 2 cores).
      closedLoop(sharding, sender, closedGroups, "warm", Duration.ofSeconds(warmup));
      var sat = closedLoop(sharding, sender, closedGroups, "sat", Duration.ofSeconds(seconds));
      print("saturation, " + closedGroups + " posts in flight", sat.count, seconds, sat.histogram);

      var open = openLoop(sharding, sender, rate, rateGroups, Duration.ofSeconds(seconds));
      print("constant rate " + rate + "/s over " + rateGroups + " groups", open.count, seconds, open.histogram);
      System.out.printf("RESULT durable_posts_per_s=%.0f p99_ms_at_%d_per_s=%.2f%n", sat.count / (double) seconds, rate,
          open.histogram.getValueAtPercentile(99) / 1000.0);
    }
    System.exit(0);
  }

  record Result(long count, Histogram histogram) {}

  static Result closedLoop(ClusterSharding sharding, Sender sender, int groups, String prefix, Duration duration)
      throws InterruptedException {
    var histogram = new ConcurrentHistogram(60_000_000L, 3);
    var done = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    var finished = new CountDownLatch(groups);
    for (int g = 0; g < groups; g++) {
      var ref = sharding.entityRefFor(GroupEntity.ENTITY_KEY, "bench-" + prefix + "-" + g);
      loop(ref, sender, end, histogram, done, finished);
    }
    finished.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
    return new Result(done.get(), histogram);
  }

  private static void loop(EntityRef<GroupEntity.Command> ref, Sender sender, long end, Histogram h, AtomicLong done,
      CountDownLatch finished) {
    long start = System.nanoTime();
    if (start >= end) {
      finished.countDown();
      return;
    }
    ref.<GroupEntity.Receipt>ask(r -> new GroupEntity.PostMessage(sender, "hub", "chat", TEXT, null, r), Duration.ofSeconds(30))
        .whenCompleteAsync((ok, err) -> {
          long now = System.nanoTime();
          if (err == null && now <= end) {
            h.recordValue((now - start) / 1000);
            done.incrementAndGet();
          }
          loop(ref, sender, end, h, done, finished);
        }, EXECUTOR);
  }

  static Result openLoop(ClusterSharding sharding, Sender sender, int rate, int groups, Duration duration)
      throws InterruptedException {
    var histogram = new ConcurrentHistogram(60_000_000L, 3);
    var done = new AtomicLong();
    @SuppressWarnings("unchecked")
    EntityRef<GroupEntity.Command>[] refs = new EntityRef[groups];
    for (int g = 0; g < groups; g++) refs[g] = sharding.entityRefFor(GroupEntity.ENTITY_KEY, "bench-rate-" + g);
    // Wake every group first, so the measurement does not include 'groups' entity recoveries.
    var woken = new java.util.ArrayList<java.util.concurrent.CompletableFuture<GroupEntity.Receipt>>();
    for (var ref : refs)
      woken.add(ref.<GroupEntity.Receipt>ask(r -> new GroupEntity.PostMessage(sender, "hub", "chat", TEXT, null, r),
          Duration.ofSeconds(60)).toCompletableFuture());
    java.util.concurrent.CompletableFuture.allOf(woken.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
    long total = rate * duration.toSeconds();
    long intervalNanos = 1_000_000_000L / rate;
    var finished = new CountDownLatch((int) total);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (long i = 0; i < total; i++) {
      long intended = start + i * intervalNanos;
      long wait = intended - System.nanoTime();
      if (wait > 50_000) LockSupport.parkNanos(wait);
      var ref = refs[(int) (i % groups)];
      ref.<GroupEntity.Receipt>ask(r -> new GroupEntity.PostMessage(sender, "hub", "chat", TEXT, null, r), Duration.ofSeconds(30))
          .whenCompleteAsync((ok, err) -> {
            if (err == null) {
              histogram.recordValue((System.nanoTime() - intended) / 1000);
              if (System.nanoTime() <= end) done.incrementAndGet();
            }
            finished.countDown();
          }, EXECUTOR);
    }
    finished.await(60, TimeUnit.SECONDS);
    return new Result(done.get(), histogram);
  }

  static void print(String phase, long count, int seconds, Histogram h) {
    System.out.printf("%-45s %8.0f posts/s   ack p50 %6.2f ms   p99 %6.2f ms   p99.9 %6.2f ms   max %7.2f ms%n",
        phase, count / (double) seconds, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
  }

  private static Map<String, String> options(String[] args) {
    var m = new HashMap<String, String>();
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) throw new IllegalArgumentException("options are --name=value, got " + a);
      m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    return m;
  }

  /** A typical building-group message (about 60 UTF-8 bytes of text; about 250 bytes as an event). */
  static final String TEXT = "今天下午三点楼下有免费量血压，请老人们按时参加。";
}
