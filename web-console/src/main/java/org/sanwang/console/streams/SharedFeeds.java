package org.sanwang.console.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;

/**
 * This node's live streams to clients, shared: one upstream per feed (one pub-sub subscription, one
 * history check), started when the feed's first local client arrives and stopped when its last one
 * leaves, fanned out to the local clients by a {@link BroadcastHub}. A client costs the hub's slot
 * and its own bounded buffer, not a subscription of its own: ten thousand building heads' phones on
 * a node are ten thousand hub consumers over a few thousand subscriptions.
 */
public final class SharedFeeds implements Extension {
  /** Elements the hub keeps for its slowest consumer; each consumer's own buffer is behind it. */
  private static final int HUB_BUFFER = 256;

  private static final ExtensionId<SharedFeeds> ID = new ExtensionId<>() {
    @Override
    public SharedFeeds createExtension(ActorSystem<?> system) {
      return new SharedFeeds(system);
    }
  };

  /** A running upstream and its hub; its identity tells it from a later one under the same key. */
  private static final class Shared {
    final Source<Object, NotUsed> hub;
    final UniqueKillSwitch kill;
    final AtomicLong last = new AtomicLong(-1);
    int clients;

    Shared(Source<Object, NotUsed> hub, UniqueKillSwitch kill) {
      this.hub = hub;
      this.kill = kill;
    }
  }

  private final Materializer materializer;
  private final ConcurrentHashMap<String, Shared> shared = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> clientsByKind = new ConcurrentHashMap<>();

  private SharedFeeds(ActorSystem<?> system) {
    this.materializer = Materializer.matFromSystem(system);
  }

  public static SharedFeeds get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** {@code sanwang_stream_clients{kind}} and {@code sanwang_stream_subscriptions} on the registry. */
  public void bindTo(MeterRegistry registry) {
    for (String kind : new String[] {"group", "inbox", "alerts", "traffic", "resident", "work"})
      Gauge.builder("sanwang_stream_clients", counter(kind), AtomicInteger::get).tag("kind", kind)
          .description("Open live streams (SSE and WebSocket) of clients on this node").register(registry);
    Gauge.builder("sanwang_stream_subscriptions", shared, Map::size)
        .description("Feeds this node subscribes to once for all its clients").register(registry);
  }

  /**
   * A client's stream, counted as {@code kind} for as long as it runs. Built when it starts, so what
   * the response keeps for the stream's life is this one step, not the blueprint of every operator in
   * it (about a kilobyte each, per client).
   */
  public <T> Source<T, NotUsed> client(String kind, Supplier<Source<T, NotUsed>> stream) {
    var count = counter(kind);
    return Source.<T, NotUsed>fromMaterializer((mat, attributes) -> stream.get().watchTermination((nu, done) -> {
      count.incrementAndGet();
      done.whenComplete((d, e) -> count.decrementAndGet());
      return NotUsed.getInstance();
    })).mapMaterializedValue(x -> NotUsed.getInstance());
  }

  /**
   * The live elements under {@code key} from now on, shared with this node's other clients of the
   * key; {@code upstream} is materialized once, for the first of them.
   */
  @SuppressWarnings("unchecked")
  public <T> Source<T, NotUsed> attach(String key, Supplier<Source<T, NotUsed>> upstream) {
    return Source.<T, NotUsed>fromMaterializer((mat, attributes) -> {
      Shared s = acquire(key, (Supplier<Source<Object, NotUsed>>) (Supplier<?>) upstream);
      return ((Source<T, NotUsed>) (Source<?, NotUsed>) s.hub).watchTermination((nu, done) -> {
        done.whenComplete((d, e) -> release(key, s));
        return NotUsed.getInstance();
      });
    }).mapMaterializedValue(x -> NotUsed.getInstance());
  }

  /** The last offset the shared upstream under {@code key} passed on, when one runs and has passed any. */
  java.util.OptionalLong last(String key) {
    var s = shared.get(key);
    long l = s == null ? -1 : s.last.get();
    return l < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(l);
  }

  /** Records what the upstream under {@code key} passed on (see {@link #last}). */
  void passed(String key, long offset) {
    var s = shared.get(key);
    if (s != null) s.last.accumulateAndGet(offset, Math::max);
  }

  private Shared acquire(String key, Supplier<Source<Object, NotUsed>> upstream) {
    return shared.compute(key, (k, s) -> {
      if (s == null) {
        var ended = new java.util.concurrent.CompletableFuture<Shared>();
        var run = upstream.get()
            .watchTermination((nu, done) -> {
              // An upstream that ends (failed, say) is forgotten, so the next client starts a new one.
              done.whenComplete((d, e) -> ended.thenAcceptAsync(gone -> shared.remove(k, gone)));
              return nu;
            })
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(BroadcastHub.of(Object.class, HUB_BUFFER), Keep.both())
            .run(materializer);
        s = new Shared(run.second(), run.first());
        ended.complete(s);
      }
      s.clients++;
      return s;
    });
  }

  private void release(String key, Shared mine) {
    shared.computeIfPresent(key, (k, s) -> {
      if (s != mine) return s;
      if (--s.clients > 0) return s;
      s.kill.shutdown();
      return null;
    });
  }

  private AtomicInteger counter(String kind) {
    return clientsByKind.computeIfAbsent(kind, k -> new AtomicInteger());
  }
}
