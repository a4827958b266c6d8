package org.sanwang.connectors.core;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Applies one network's stored events in the hub, a round at a time: woken when events arrive, and
 * every second in any case (events another node stored, events that failed to apply). One per network
 * in the cluster (a cluster singleton), so an event is applied by one node.
 */
public final class NetworkApplier {
  static final int ROUND = 500;

  private NetworkApplier() {}

  /** A {@link RoundLoop}: woken when events arrive, and every second. */
  public static Behavior<Object> create(NetworkEdge edge) {
    return RoundLoop.create("Applying " + edge.network().id() + " events", Duration.ofSeconds(1), () -> edge.applyPending(ROUND));
  }
}
