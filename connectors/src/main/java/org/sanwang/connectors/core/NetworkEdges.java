package org.sanwang.connectors.core;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.sanwang.hub.org.OrgDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge of all three networks on this node: a {@link NetworkEdge} each, and, once in the cluster,
 * each network's applier, callback dispatcher and feed poller as cluster singletons. Storage runs on
 * its own small pool of threads, so blocking JDBC never holds an actor's thread.
 */
public final class NetworkEdges {
  private static final Logger log = LoggerFactory.getLogger(NetworkEdges.class);

  private final Map<Network, NetworkEdge> edges;
  private final NetworkStore store;

  private NetworkEdges(Map<Network, NetworkEdge> edges, NetworkStore store) {
    this.edges = edges;
    this.store = store;
  }

  public NetworkEdge edge(Network n) {
    return edges.get(n);
  }

  public NetworkStore store() {
    return store;
  }

  public static NetworkEdges start(ActorSystem<?> system, NetworkSettings settings, DataSource db, OrgDirectory directory,
      HubEffects effects, List<NetworkMapper> mappers, MeterRegistry metrics, Clock clock,
      CloudEventsReader.TextCheck text) {
    ExecutorService jdbc = Executors.newFixedThreadPool(8, r -> {
      var t = new Thread(r, "network-edge-jdbc");
      t.setDaemon(true);
      return t;
    });
    var store = new NetworkStore(db);
    var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.callbackTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    var edges = new EnumMap<Network, NetworkEdge>(Network.class);
    var singletons = ClusterSingleton.get(system);
    for (var mapper : mappers) {
      var n = mapper.network();
      var edge = new NetworkEdge(n, settings, store, mapper, directory, effects, jdbc, clock, new NetworkCounters(n, metrics, clock),
          text);
      edges.put(n, edge);
      var depth = new OutboxDepth(() -> store.pendingCallbacks(n), jdbc, clock, OutboxDepth.EVERY);
      Gauge.builder("sanwang.network.outbox.depth", depth, OutboxDepth::value)
          .description("Callbacks waiting to be delivered to the network").tag("network", n.id())
          .strongReference(true).register(metrics);
      var applier = singletons.init(SingletonActor.of(supervised(NetworkApplier.create(edge)), "network-applier-" + n.id()));
      edge.onWork("applier", () -> applier.tell(new RoundLoop.Wake()));
      var e = settings.edge(n);
      if (e.callback().isPresent()) {
        var outbox = singletons.init(SingletonActor.of(supervised(CallbackDispatcher.create(edge, http)), "network-callbacks-" + n.id()));
        edge.onWork("outbox", () -> outbox.tell(new RoundLoop.Wake()));
        log.info("Callbacks to the {} go to {}", n.nameEn(), e.callback().get());
      }
      e.feed().ifPresent(feed -> {
        singletons.init(SingletonActor.of(Behaviors.supervise(FeedPoller.create(edge, feed, http))
            .onFailure(SupervisorStrategy.restartWithBackoff(settings.feedBackoffMin(), settings.feedBackoffMax(), 0.2)),
            "network-feed-" + n.id()));
        log.info("Polling the {}'s feed at {}", n.nameEn(), feed);
      });
    }
    // Forget applied events (and their dedup keys) older than the retention, daily.
    system.scheduler().scheduleWithFixedDelay(Duration.ofMinutes(1), Duration.ofHours(24), () -> jdbc.execute(() -> {
      try {
        int pruned = store.prune(Instant.now(clock).minus(settings.dedupRetention()));
        if (pruned > 0) log.info("Forgot {} network events applied more than {} ago", pruned, settings.dedupRetention());
      } catch (RuntimeException x) {
        log.warn("Pruning old network events failed: {}", x.toString());
      }
    }), system.executionContext());
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "network-edge-jdbc", () -> {
      jdbc.shutdown();
      try {
        jdbc.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
      }
      return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
    });
    return new NetworkEdges(Map.copyOf(edges), store);
  }

  private static <T> org.apache.pekko.actor.typed.Behavior<T> supervised(org.apache.pekko.actor.typed.Behavior<T> b) {
    return Behaviors.supervise(b).onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
  }

  public Optional<NetworkEdge> edge(String id) {
    return Network.of(id).map(edges::get);
  }

  /**
   * {@code sanwang_network_outbox_depth{network}}: a scrape reads the last count of pending
   * callbacks, and starts a new count on the edge's JDBC threads when the last one is older than
   * {@code every} (so the database is asked at most that often, and never on the scraping thread).
   * NaN until the first count is in; a failed count keeps the one before.
   */
  static final class OutboxDepth {
    static final Duration EVERY = Duration.ofSeconds(10);

    private final LongSupplier count;
    private final Executor jdbc;
    private final Clock clock;
    private final Duration every;
    private final AtomicBoolean counting = new AtomicBoolean();
    private volatile double depth = Double.NaN;
    private volatile Instant startedAt;

    OutboxDepth(LongSupplier count, Executor jdbc, Clock clock, Duration every) {
      this.count = count;
      this.jdbc = jdbc;
      this.clock = clock;
      this.every = every;
      refresh(clock.instant());
    }

    double value() {
      var now = clock.instant();
      if (!now.isBefore(startedAt.plus(every))) refresh(now);
      return depth;
    }

    private void refresh(Instant now) {
      if (!counting.compareAndSet(false, true)) return;
      startedAt = now;
      try {
        jdbc.execute(() -> {
          try {
            depth = count.getAsLong();
          } catch (RuntimeException x) {
            log.debug("Counting the pending callbacks failed: {}", x.toString());
          } finally {
            counting.set(false);
          }
        });
      } catch (RejectedExecutionException x) { // the node is stopping
        counting.set(false);
      }
    }
  }
}
