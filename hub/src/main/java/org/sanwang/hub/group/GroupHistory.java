package org.sanwang.hub.group;

import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Reads a group's messages by offset straight from the journal (offset = sequence number), through
 * whichever query plugin the configuration names, so the hub stays free of JDBC.
 */
public final class GroupHistory {
  private final CurrentEventsByPersistenceIdQuery query;

  public GroupHistory(ActorSystem<?> system, String readJournalPluginId) {
    this.query = PersistenceQuery.get(system).getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalPluginId);
  }

  /** Messages with offsets in {@code (after, after + limit]}, in order. */
  public Source<GroupMessage, NotUsed> page(String groupId, long after, long limit) {
    long to = limit >= Long.MAX_VALUE - after ? Long.MAX_VALUE : after + limit;
    return query.currentEventsByPersistenceId(GroupEntity.persistenceId(groupId).id(), after + 1, to)
        .map(env -> env.event())
        .filter(e -> e instanceof GroupEntity.MessagePosted)
        .map(e -> ((GroupEntity.MessagePosted) e).message());
  }
}
