package org.sanwang.hub;

import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.function.Effect;
import org.apache.pekko.persistence.typed.EventRejectedException;
import org.apache.pekko.persistence.typed.JournalPersistFailed;
import org.apache.pekko.persistence.typed.JournalPersistRejected;
import org.apache.pekko.persistence.typed.javadsl.SignalHandlerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every persistent entity shares: restarting after journal failures, and counting them. */
public final class Entities {
  private static final Logger log = LoggerFactory.getLogger(Entities.class);

  private Entities() {}

  /** The call path's own threads ({@code sanwang.call-path-dispatcher}): a press never waits behind chat for a thread. */
  public static final DispatcherSelector CALL_PATH = DispatcherSelector.fromConfig("sanwang.call-path-dispatcher");

  /** An entity of the call path (alerts, callers, devices, inboxes, the board), run on {@link #CALL_PATH}. */
  public static <M, E> Entity<M, E> onCallPath(Entity<M, E> entity) {
    return entity.withEntityProps(CALL_PATH);
  }

  /** After a journal failure an entity restarts and recovers, backing off from 200 ms to 5 s. */
  public static final BackoffSupervisorStrategy ON_JOURNAL_FAILURE =
      SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2);

  /**
   * An entity whose write the journal refused (an event it cannot store) restarts the same way,
   * instead of stopping: it recovers from what was stored and its timers run again.
   */
  public static <T> Behavior<T> restartingOnRefusedWrites(Behavior<T> entity) {
    return Behaviors.supervise(entity).onFailure(EventRejectedException.class, ON_JOURNAL_FAILURE);
  }

  /** Adds the logging and counting of failed and refused writes to an entity's signal handlers. */
  public static <S> SignalHandlerBuilder<S> countingJournalFailures(SignalHandlerBuilder<S> signals, String entityType,
      String entityId) {
    return signals
        .onSignal(JournalPersistRejected.class, (s, signal) -> journalFailed(entityType, entityId, "rejected", signal.getFailure()))
        .onSignal(JournalPersistFailed.class, (s, signal) -> journalFailed(entityType, entityId, "failed", signal.getFailure()));
  }

  /**
   * Logs and counts a write the journal failed or refused ({@code sanwang_journal_failures_total}
   * by entity type and kind, on {@code /metrics}).
   */
  public static void journalFailed(String entityType, String entityId, String kind, Throwable cause) {
    Metrics.counter("sanwang.journal.failures", "entity", entityType, "kind", kind).increment();
    log.error("Journal {} a write of {} {}; the entity restarts from what is stored", kind, entityType, entityId, cause);
  }

  private static final Map<String, Timer> WRITES = new ConcurrentHashMap<>();

  /**
   * Starts timing a command's write now; run the returned side effect once the event is persisted
   * ({@code Effect().persist(e).thenRun(Entities.timingWrite(journalPluginId()))}). It records
   * {@code sanwang_journal_write_seconds{journal}}: from the command handler to the event in the journal.
   */
  public static Effect timingWrite(String journalPluginId) {
    long started = System.nanoTime();
    var timer = WRITES.computeIfAbsent(journalName(journalPluginId), journal -> Timer.builder("sanwang.journal.write")
        .description("From a command received to its event persisted, by journal")
        .tag("journal", journal).publishPercentileHistogram().register(Metrics.globalRegistry));
    return () -> timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  /** The journal's name on {@code /metrics}: {@code default} for the default plugin, {@code urgent} for {@code jdbc-journal-urgent}. */
  static String journalName(String journalPluginId) {
    if (journalPluginId == null || journalPluginId.isBlank()) return "default";
    return journalPluginId.startsWith("jdbc-journal-") ? journalPluginId.substring("jdbc-journal-".length()) : journalPluginId;
  }
}
