package org.sanwang.connectors.community;

import java.time.Instant;
import org.sanwang.connectors.core.NetworkEdge;
import org.sanwang.connectors.core.OutboundEvent;
import org.sanwang.hub.alert.AlertHistory;
import org.sanwang.hub.alert.AlertSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code community.alert.closed}, the first real callback: when a one-key call closes (resolved or
 * cancelled), the network that keeps the residents hears who called, when, who acknowledged, when
 * someone was at the door, and how it closed. Fed by the alert history, which tells of every close on
 * every node and again after a restart: the outbox keeps one item per alert, so each is sent once.
 * Alerts closed before this hub first ran its outbox are not sent.
 */
public final class AlertClosedCallbacks {
  private static final Logger log = LoggerFactory.getLogger(AlertClosedCallbacks.class);
  public static final String TYPE = "community.alert.closed";

  private AlertClosedCallbacks() {}

  public static void start(AlertHistory history, NetworkEdge edge) {
    if (edge.settings().callback().isEmpty()) return;
    Instant since = edge.store().startedAt("alert-closed-callbacks:" + edge.network().id(), Instant.now());
    history.onClosed(alert -> {
      if (alert.closedAt() == null || alert.closedAt().isBefore(since)) return;
      edge.enqueue(event(alert)).whenComplete((added, failure) -> {
        if (failure != null) log.warn("Could not queue the closing of alert {} for the {}: {}", alert.id(),
            edge.network().nameEn(), failure.toString());
      });
    });
  }

  /** The callback for a closed alert (pure). */
  public static OutboundEvent event(AlertSummary a) {
    var data = OutboundEvent.data();
    data.put("alertId", a.id());
    data.put("residentId", a.residentId());
    data.put("raisedAt", a.raisedAt().toString());
    if (a.acknowledgedBy() != null) {
      data.put("acknowledgedBy", a.acknowledgedBy().id());
      data.put("acknowledgedByName", a.acknowledgedBy().name());
    }
    if (a.arrivedAt() != null) data.put("arrivedAt", a.arrivedAt().toString());
    data.put("closedAt", a.closedAt().toString());
    data.put("state", a.state());
    return OutboundEvent.of("alert-closed-" + a.id(), TYPE, a.building(), a.closedAt(), data);
  }
}
