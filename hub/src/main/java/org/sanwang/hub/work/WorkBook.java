package org.sanwang.hub.work;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every case, wish or appointment as its entity has it, for the lists, the boards, the points and the
 * figures: a projection of one entity type's tagged events, folded by the entity's own pure event
 * handler, so each copy is the entity's state. Each node keeps one, built from the journal at start and
 * followed live; {@link #onChange listeners} hear of every change (again after a restart: they must be
 * idempotent, as an outbox keyed by entity and sequence number is).
 */
public final class WorkBook<S> {
  private static final Logger log = LoggerFactory.getLogger(WorkBook.class);

  /** One change: the entity, the event's sequence number, the event, and the state before and after it. */
  public record Change<S>(String id, long sequenceNr, Object event, S before, S after) {}

  private final String tag;
  private final Function<String, S> empty;
  private final BiFunction<S, Object, S> fold;
  private final Map<String, S> items = new ConcurrentHashMap<>();
  private final List<Consumer<Change<S>>> listeners = new CopyOnWriteArrayList<>();
  private volatile Offset offset = Offset.noOffset();

  private WorkBook(String tag, Function<String, S> empty, BiFunction<S, Object, S> fold) {
    this.tag = tag;
    this.empty = empty;
    this.fold = fold;
  }

  public static WorkBook<CaseEntity.State> cases() {
    return new WorkBook<>(CaseEntity.TAG, CaseEntity.NotReported::new, (s, e) -> CaseEntity.applied(s, (CaseEntity.Event) e));
  }

  public static WorkBook<WishEntity.State> wishes() {
    return new WorkBook<>(WishEntity.TAG, WishEntity.NotPosted::new, (s, e) -> WishEntity.applied(s, (WishEntity.Event) e));
  }

  public static WorkBook<AppointmentEntity.State> appointments() {
    return new WorkBook<>(AppointmentEntity.TAG, AppointmentEntity.NotRequested::new,
        (s, e) -> AppointmentEntity.applied(s, (AppointmentEntity.Event) e));
  }

  /**
   * Starts following the events through the query plugin {@code readJournalPluginId}, restarting with
   * backoff from where it was if the query fails. Register listeners first to hear of the past too.
   */
  public WorkBook<S> start(ActorSystem<?> system, String readJournalPluginId) {
    var query = PersistenceQuery.get(system).getReadJournalFor(EventsByTagQuery.class, readJournalPluginId);
    RestartSource.withBackoff(RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2),
            () -> query.eventsByTag(tag, offset))
        .runWith(Sink.foreach(this::apply), system);
    return this;
  }

  public Optional<S> get(String id) {
    return Optional.ofNullable(items.get(id));
  }

  public Collection<S> all() {
    return List.copyOf(items.values());
  }

  public void onChange(Consumer<Change<S>> listener) {
    listeners.add(listener);
  }

  void apply(EventEnvelope envelope) {
    String id = PersistenceId.ofUniqueId(envelope.persistenceId()).entityId();
    S before = items.getOrDefault(id, empty.apply(id));
    S after = fold.apply(before, envelope.event());
    items.put(id, after);
    offset = envelope.offset();
    var change = new Change<>(id, envelope.sequenceNr(), envelope.event(), before, after);
    for (var listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        log.warn("A listener of {} changes failed on {}: {}", tag, id, e.toString());
      }
    }
  }
}
