package org.sanwang.hub.work;

import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Wakes every open case whose deadline has passed, every {@code every}: a case's deadline is a timer of
 * its entity, and an entity that was not running (after a restart, or passivated while idle) has no
 * timer until something wakes it. Woken, it recovers, sees the deadline passed and escalates.
 */
public final class CaseDeadlineWatch {
  private CaseDeadlineWatch() {}

  public static Cancellable start(ActorSystem<?> system, WorkBook<CaseEntity.State> cases, Duration every, Clock clock) {
    var sharding = ClusterSharding.get(system);
    return system.scheduler().scheduleAtFixedRate(every, every, () -> {
      var now = clock.instant();
      cases.all().stream()
          .filter(s -> CaseView.deadline(s) != null && CaseView.deadline(s).isBefore(now)
              && CaseEntity.record(s).level().next().isPresent())
          .forEach(s -> sharding.entityRefFor(CaseEntity.ENTITY_KEY, s.id()).tell(new CaseEntity.Wake()));
    }, system.executionContext());
  }
}
