package org.sanwang.hub.group;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Reads a group's messages by offset straight from the journal (offset = sequence number), through
 * whichever query plugin the configuration names, so the hub stays free of JDBC.
 *
 * <p>A page whose offsets were all written when it was read can never change (events are never
 * deleted or rewritten), so {@link #page} keeps such pages, up to {@code cacheBytes} of text: a
 * page read again costs no query and no stream. A page reaching past the group's newest offset is
 * read from the journal every time, since it grows.
 */
public final class GroupHistory {
  private final ActorSystem<?> system;
  private final CurrentEventsByPersistenceIdQuery query;
  private final Cache<Page, List<GroupMessage>> complete;

  private record Page(String groupId, long after, long limit) {}

  public GroupHistory(ActorSystem<?> system, String readJournalPluginId, long cacheBytes) {
    this.system = system;
    this.query = PersistenceQuery.get(system).getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalPluginId);
    this.complete = Caffeine.newBuilder().maximumWeight(cacheBytes)
        .weigher((Page p, List<GroupMessage> page) -> 64 + page.stream().mapToInt(m -> 160 + 2 * m.text().length()).sum())
        .recordStats().build();
  }

  /** The page cache's size, hits and misses on the registry ({@code cache_gets_total{cache="group_history"}}). */
  public void bindTo(MeterRegistry registry) {
    CaffeineCacheMetrics.monitor(registry, complete, "group_history");
  }

  /** Messages with offsets in {@code (after, after + limit]}, in order. */
  public CompletionStage<List<GroupMessage>> page(String groupId, long after, long limit) {
    var key = new Page(groupId, after, limit);
    var known = complete.getIfPresent(key);
    if (known != null) return CompletableFuture.completedFuture(known);
    long to = to(after, limit);
    return events(groupId, after, to).runWith(Sink.seq(), system).thenApply(envelopes -> {
      var messages = envelopes.stream().map(EventEnvelope::event).filter(GroupEntity.MessagePosted.class::isInstance)
          .map(e -> ((GroupEntity.MessagePosted) e).message()).toList();
      if (!envelopes.isEmpty() && envelopes.get(envelopes.size() - 1).sequenceNr() == to) complete.put(key, messages);
      return messages;
    });
  }

  /** The same messages as a stream, read from the journal (a live stream filling a hole). */
  public Source<GroupMessage, NotUsed> stream(String groupId, long after, long limit) {
    return events(groupId, after, to(after, limit)).map(EventEnvelope::event)
        .filter(e -> e instanceof GroupEntity.MessagePosted)
        .map(e -> ((GroupEntity.MessagePosted) e).message());
  }

  private Source<EventEnvelope, NotUsed> events(String groupId, long after, long to) {
    return query.currentEventsByPersistenceId(GroupEntity.persistenceId(groupId).id(), after + 1, to);
  }

  private static long to(long after, long limit) {
    return limit >= Long.MAX_VALUE - after ? Long.MAX_VALUE : after + limit;
  }
}
