package org.sanwang.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node hosts and sees of the cluster, polled every 10 s into gauges on {@code /metrics}:
 * {@code sanwang_shards{type}} and {@code sanwang_entities{type}} (the shards of each entity type in
 * this node's shard region, and their running entities) and {@code sanwang_cluster_members{status}}
 * (members by status as this node sees them; {@code status="unreachable"} counts the members this
 * node's failure detector cannot reach, whatever their status, so it overlaps the others).
 */
public final class NodeMetrics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeMetrics.class);
  public static final Duration EVERY = Duration.ofSeconds(10);
  /** Every member status, and the unreachable ones: a gauge each, so a status with none shows 0. */
  static final List<String> STATUSES = List.of("joining", "weakly_up", "up", "leaving", "exiting", "down", "removed",
      "preparing_for_shutdown", "ready_for_shutdown", "unreachable");
  /** Every sharded entity type of the hub. */
  public static final List<EntityTypeKey<?>> HUB_TYPES = List.of(
      org.sanwang.hub.group.GroupEntity.ENTITY_KEY, org.sanwang.hub.community.CommunityEntity.ENTITY_KEY,
      org.sanwang.hub.alert.AlertEntity.ENTITY_KEY, org.sanwang.hub.alert.CallerEntity.ENTITY_KEY,
      org.sanwang.hub.alert.AlertBoard.ENTITY_KEY, org.sanwang.hub.inbox.InboxEntity.ENTITY_KEY,
      org.sanwang.hub.device.DeviceEntity.ENTITY_KEY, org.sanwang.hub.device.CallLinks.ENTITY_KEY,
      org.sanwang.hub.checkin.CheckInBook.ENTITY_KEY, org.sanwang.hub.work.CaseEntity.ENTITY_KEY,
      org.sanwang.hub.work.WishEntity.ENTITY_KEY, org.sanwang.hub.work.AppointmentEntity.ENTITY_KEY,
      org.sanwang.hub.org.OrgRegistry.ENTITY_KEY, org.sanwang.hub.access.HubSecrets.ENTITY_KEY,
      org.sanwang.hub.access.TokenVersions.ENTITY_KEY, org.sanwang.hub.access.Activations.ENTITY_KEY,
      org.sanwang.hub.notify.PushSubscriptions.ENTITY_KEY);
  /** Numbers the pollers, so that a second start on one system (a test) gets an actor name of its own. */
  private static final AtomicLong INSTANCES = new AtomicLong();

  /** Shards of one entity type on this node, and their running entities. */
  record Hosted(long shards, long entities) {
    static Hosted of(CurrentShardRegionState region) {
      long entities = region.getShards().stream().mapToLong(s -> s.getEntityIds().size()).sum();
      // A shard that did not answer in time is hosted all the same; its entities are not counted.
      return new Hosted(region.getShards().size() + region.getFailed().size(), entities);
    }
  }

  private final MeterRegistry registry;
  private final List<Meter> meters;
  private final ActorRef<Command> poller;
  private final AtomicBoolean closed = new AtomicBoolean();

  private NodeMetrics(MeterRegistry registry, List<Meter> meters, ActorRef<Command> poller) {
    this.registry = registry;
    this.meters = meters;
    this.poller = poller;
  }

  /**
   * Starts polling this node's shard regions of {@code types} (usually {@link #HUB_TYPES}) and the
   * cluster's members every 10 s; stops when the actor system terminates.
   */
  public static NodeMetrics start(ActorSystem<?> system, MeterRegistry registry, List<EntityTypeKey<?>> types) {
    return start(system, registry, types, EVERY);
  }

  static NodeMetrics start(ActorSystem<?> system, MeterRegistry registry, List<EntityTypeKey<?>> types, Duration every) {
    var shards = new LinkedHashMap<String, AtomicLong>();
    var entities = new LinkedHashMap<String, AtomicLong>();
    var members = new LinkedHashMap<String, AtomicLong>();
    var meters = new ArrayList<Meter>();
    for (var type : types) {
      shards.put(type.name(), new AtomicLong());
      entities.put(type.name(), new AtomicLong());
      meters.add(Gauge.builder("sanwang.shards", shards.get(type.name()), AtomicLong::get)
          .description("Shards of this entity type hosted on this node").tag("type", type.name()).register(registry));
      meters.add(Gauge.builder("sanwang.entities", entities.get(type.name()), AtomicLong::get)
          .description("Running entities of this type on this node").tag("type", type.name()).register(registry));
    }
    for (String status : STATUSES) {
      members.put(status, new AtomicLong());
      meters.add(Gauge.builder("sanwang.cluster.members", members.get(status), AtomicLong::get)
          .description("Cluster members by status, as this node sees them").tag("status", status).register(registry));
    }
    var poller = system.systemActorOf(poll(types, every, shards, entities, members),
        "node-metrics-" + INSTANCES.incrementAndGet(), Props.empty());
    var started = new NodeMetrics(registry, List.copyOf(meters), poller);
    system.getWhenTerminated().thenRun(started::close);
    return started;
  }

  /** Stops polling and takes the gauges off the registry. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    meters.forEach(registry::remove);
    poller.tell(new Stop());
  }

  // The poller

  sealed interface Command {}

  private record Tick() implements Command {}

  private record Stop() implements Command {}

  private record RegionState(String type, CurrentShardRegionState state, Throwable failure) implements Command {}

  private static Behavior<Command> poll(List<EntityTypeKey<?>> types, Duration every, Map<String, AtomicLong> shards,
      Map<String, AtomicLong> entities, Map<String, AtomicLong> members) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay("poll", new Tick(), Duration.ZERO, every);
      var shardState = ClusterSharding.get(ctx.getSystem()).shardState();
      var cluster = Cluster.get(ctx.getSystem());
      return Behaviors.receive(Command.class)
          .onMessage(Tick.class, t -> {
            for (var type : types)
              ctx.ask(CurrentShardRegionState.class, shardState, every,
                  replyTo -> new GetShardRegionState(type, replyTo),
                  (state, failure) -> new RegionState(type.name(), state, failure));
            var state = cluster.state();
            membersByStatus(state.getMembers(), state.getUnreachable())
                .forEach((status, n) -> members.computeIfAbsent(status, x -> new AtomicLong()).set(n));
            return Behaviors.same();
          })
          .onMessage(RegionState.class, r -> {
            if (r.failure() != null) {
              log.debug("The shard region of {} did not answer: {}", r.type(), r.failure().toString());
            } else {
              var hosted = Hosted.of(r.state());
              shards.get(r.type()).set(hosted.shards());
              entities.get(r.type()).set(hosted.entities());
            }
            return Behaviors.same();
          })
          .onMessage(Stop.class, s -> Behaviors.stopped())
          .build();
    }));
  }

  /** Members by status label (every label of {@link #STATUSES}, 0 when none), the unreachable counted apart. */
  static Map<String, Long> membersByStatus(Iterable<Member> members, Set<Member> unreachable) {
    var counts = new LinkedHashMap<String, Long>();
    STATUSES.forEach(s -> counts.put(s, 0L));
    for (var m : members) counts.merge(statusLabel(m.status().toString()), 1L, Long::sum);
    counts.put("unreachable", (long) unreachable.size());
    return counts;
  }

  /** {@code WeaklyUp} → {@code weakly_up}: the label of a member status. */
  static String statusLabel(String status) {
    return status.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
