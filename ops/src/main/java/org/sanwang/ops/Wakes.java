package org.sanwang.ops;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.cluster.typed.Subscribe;
import org.sanwang.hub.alert.AlertBoard;
import org.sanwang.hub.checkin.CheckInBook;
import org.sanwang.hub.device.DeviceEntity;
import org.sanwang.hub.org.OrgDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entities whose timers must run without anyone asking: open alerts (escalation), check-in books
 * (the daily deadline), devices (the heartbeat watch). Sharding starts an entity only when a message
 * comes, so they are woken when the hub starts and, by a cluster singleton, whenever a node is removed
 * (its shards then start on the survivors): an alert on a node that died goes on escalating.
 */
final class Wakes {
  private static final Logger log = LoggerFactory.getLogger(Wakes.class);

  private Wakes() {}

  /** Wakes them all: the open alerts at once, the check-in books, then the devices at 500 a second. */
  static void all(ActorSystem<?> system, OrgDirectory directory, Duration timeout, String why) {
    alerts(system, timeout, why);
    var sharding = ClusterSharding.get(system);
    var tree = directory.index().tree();
    tree.communities().keySet().forEach(code -> sharding.entityRefFor(CheckInBook.ENTITY_KEY, code).tell(new CheckInBook.Wake()));
    var deviceIds = tree.residents().values().stream().flatMap(r -> r.devices().stream().map(d -> d.id())).toList();
    org.apache.pekko.stream.javadsl.Source.from(deviceIds)
        .throttle(500, Duration.ofSeconds(1))
        .runForeach(id -> sharding.entityRefFor(DeviceEntity.ENTITY_KEY, id).tell(new DeviceEntity.GetDevice(system.ignoreRef())),
            system);
  }

  private static void alerts(ActorSystem<?> system, Duration timeout, String why) {
    AlertBoard.wakeOpenAlerts(system, timeout).whenComplete((woken, e) -> {
      if (e != null) log.warn("Could not wake the open alerts ({}): {}", why, e.toString());
      else if (woken > 0) log.debug("Woke {} open alerts ({})", woken, why);
    });
  }

  /**
   * The open alerts over the next half minute, densely at first, everything twice. A wake that reaches
   * the region before the coordinator has let the lost node's shards go is lost with the node; the
   * coordinator lets them go {@code margin} (the down-removal margin) after the removal.
   */
  private static void wakeAfterLoss(org.apache.pekko.actor.typed.javadsl.TimerScheduler<Signal> timers, String tag, String why,
      Duration margin) {
    for (int ms : new int[] {200, 500, 1000, 1500, 2500, 4000, 7000, 12000, 20000, 30000})
      timers.startSingleTimer("alerts-" + tag + "-" + ms, new WakeAlerts(why), margin.plusMillis(ms));
    for (int s : new int[] {12, 30})
      timers.startSingleTimer("all-" + tag + "-" + s, new WakeAll(why), margin.plusSeconds(s));
  }

  private sealed interface Signal {}

  private record Removed(ClusterEvent.MemberRemoved event) implements Signal {}

  private record WakeAlerts(String why) implements Signal {}

  private record WakeAll(String why) implements Signal {}

  /**
   * The singleton that wakes them all when a node is removed from the cluster. The removed node's
   * shards move only once the coordinator has let them go (the down-removal margin after the removal),
   * and a wake that comes before is lost with the node: the open alerts are woken from then on over the
   * following half minute, and every {@code every} whatever happens (a running alert ignores it). Where
   * the singleton starts (after the node that ran it was removed) it does the same.
   */
  static void afterNodeLoss(ActorSystem<?> system, OrgDirectory directory, Duration timeout, Duration every) {
    Duration margin = Duration.ofNanos(org.apache.pekko.cluster.Cluster.get(system.classicSystem()).settings().DownRemovalMargin().toNanos());
    Behavior<Signal> watch = Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
          ctx.messageAdapter(ClusterEvent.MemberRemoved.class, Removed::new), ClusterEvent.MemberRemoved.class));
      timers.startTimerWithFixedDelay("periodic", new WakeAlerts("periodic"), every);
      // Started here: at the cluster's start, or because the node that ran it was removed, a removal it
      // did not live to see, and the singleton starts only after the margin, like the coordinators. The
      // same wakes as after one, from now (at the start, a second round: cheap).
      wakeAfterLoss(timers, "taken-over", "singleton started", Duration.ZERO);
      return Behaviors.receiveMessage(signal -> {
        if (signal instanceof Removed r) {
          String why = "node " + r.event().member().address() + " left the cluster";
          log.info("{}: waking its open alerts, check-in books and devices on the survivors", why);
          alerts(ctx.getSystem(), timeout, why);
          wakeAfterLoss(timers, r.event().member().uniqueAddress().toString(), why, margin);
        } else if (signal instanceof WakeAlerts w) {
          alerts(ctx.getSystem(), timeout, w.why());
        } else if (signal instanceof WakeAll w) {
          all(ctx.getSystem(), directory, timeout, w.why());
        }
        return Behaviors.same();
      });
    }));
    ClusterSingleton.get(system).init(SingletonActor.of(
        Behaviors.supervise(watch).onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2)),
        "wake-after-node-loss"));
  }
}
