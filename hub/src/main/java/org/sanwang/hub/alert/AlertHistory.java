package org.sanwang.hub.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Every alert, open or closed: its place, its times (raised, acknowledged, at the door, closed) and
 * who acted, for the leaders' figures and the closed-alert history. A projection of the alert
 * events tagged {@link AlertEntity#TAG}, read through whichever query plugin the configuration
 * names. Each node keeps one copy per query plugin, built from the journal at start and followed
 * live; only four small events per alert are read.
 */
public final class AlertHistory {
  private final Map<String, AlertSummary> alerts = new ConcurrentHashMap<>();
  private volatile Offset offset = Offset.noOffset();
  private final List<java.util.function.Consumer<AlertSummary>> closeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  private AlertHistory() {}

  /** The copies this actor system follows, one per query plugin: everyone who asks for one shares it. */
  private static final class Followed implements Extension {
    final Map<String, AlertHistory> byPlugin = new ConcurrentHashMap<>();
  }

  private static final ExtensionId<Followed> FOLLOWED = new ExtensionId<>() {
    @Override
    public Followed createExtension(ActorSystem<?> system) {
      return new Followed();
    }
  };

  /**
   * This node's copy read through {@code readJournalPluginId}, started by the first who asks: it
   * follows the alert events and restarts with backoff from where it was if the query fails.
   */
  public static AlertHistory follow(ActorSystem<?> system, String readJournalPluginId) {
    return FOLLOWED.apply(system).byPlugin.computeIfAbsent(readJournalPluginId, id -> start(system, id));
  }

  /** This node's copy read through the query plugin {@code sanwang.read-journal} names. */
  public static AlertHistory of(ActorSystem<?> system) {
    return follow(system, system.settings().config().getString("sanwang.read-journal"));
  }

  private static AlertHistory start(ActorSystem<?> system, String readJournalPluginId) {
    var history = new AlertHistory();
    var query = PersistenceQuery.get(system).getReadJournalFor(EventsByTagQuery.class, readJournalPluginId);
    RestartSource.withBackoff(RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2),
            () -> query.eventsByTag(AlertEntity.TAG, history.offset))
        .runWith(Sink.foreach(history::apply), system);
    return history;
  }

  /** Every alert raised at or after {@code since}, open or closed. */
  public List<AlertSummary> raisedSince(Instant since) {
    return alerts.values().stream().filter(a -> !a.raisedAt().isBefore(since)).toList();
  }

  /** Every alert known, open or closed, in no particular order. */
  public List<AlertSummary> all() {
    return List.copyOf(alerts.values());
  }

  /**
   * Tells {@code listener} of every alert that has closed: at once of those closed already, then of
   * each as it closes (on every node that follows, and again after a restart: the listener must be
   * idempotent, as an outbox keyed by the alert is).
   */
  public void onClosed(java.util.function.Consumer<AlertSummary> listener) {
    closeListeners.add(listener);
    alerts.values().stream().filter(a -> a.closedAt() != null).forEach(listener);
  }

  void apply(EventEnvelope envelope) {
    String id = PersistenceId.ofUniqueId(envelope.persistenceId()).entityId();
    var after = alerts.compute(id, (key, known) -> applied(key, known, envelope.event()));
    offset = envelope.offset();
    if (after != null && envelope.event() instanceof AlertEntity.Closed)
      for (var listener : closeListeners) {
        try {
          listener.accept(after);
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(AlertHistory.class).warn("A listener of closed alerts failed on {}: {}", id, e.toString());
        }
      }
  }

  /**
   * The summary after one more event (pure). The first acknowledgement counts (an alert
   * acknowledged again after nobody arrived keeps its first); an arrival nobody acknowledged
   * before counts as both.
   */
  static AlertSummary applied(String id, AlertSummary known, Object event) {
    if (event instanceof AlertEntity.AlertRaised e) {
      var f = e.facts();
      return new AlertSummary(id, AlertEntity.RAISED, f.deviceId(), f.residentId(), f.residentName(), f.building(), f.community(),
          f.address(), 1, e.at(), 0, 0, null, null, null, null, null, null);
    }
    if (known == null) return null;
    if (event instanceof AlertEntity.Acknowledged e && known.acknowledgedAt() == null)
      return with(known, AlertEntity.ACKNOWLEDGED, e.by(), e.at(), null, null, null, null);
    if (event instanceof AlertEntity.Arrived e)
      return with(known, AlertEntity.ARRIVED, known.acknowledgedBy() == null ? e.by() : known.acknowledgedBy(),
          known.acknowledgedAt() == null ? e.at() : known.acknowledgedAt(), e.by(), e.at(), null, null);
    if (event instanceof AlertEntity.Closed e) {
      var closed = with(known, e.state(), known.acknowledgedBy(), known.acknowledgedAt(), null, null, e.by(), e.at());
      return e.pressCount() == null ? closed : new AlertSummary(closed.id(), closed.state(), closed.deviceId(), closed.residentId(),
          closed.residentName(), closed.building(), closed.community(), closed.address(), e.pressCount(), closed.raisedAt(),
          e.step(), e.cycle(), closed.acknowledgedBy(), closed.acknowledgedAt(), closed.arrivedAt(), closed.closedAt(),
          closed.arrivedBy(), closed.closedBy());
    }
    return known;
  }

  private static AlertSummary with(AlertSummary a, String state, Actor ackBy, Instant ackAt, Actor arrivedBy, Instant arrivedAt,
      Actor closedBy, Instant closedAt) {
    return new AlertSummary(a.id(), state, a.deviceId(), a.residentId(), a.residentName(), a.building(), a.community(), a.address(),
        a.pressCount(), a.raisedAt(), a.step(), a.cycle(), ackBy, ackAt, arrivedAt == null ? a.arrivedAt() : arrivedAt,
        closedAt == null ? a.closedAt() : closedAt, arrivedBy == null ? a.arrivedBy() : arrivedBy,
        closedBy == null ? a.closedBy() : closedBy);
  }
}
