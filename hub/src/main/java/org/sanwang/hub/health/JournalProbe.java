package org.sanwang.hub.health;

import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.sanwang.hub.CborSerializable;

/**
 * Proves the journal is writable: each probe persists a tiny event and replies once it is stored.
 * One per node; readiness probes are rate-limited by the caller.
 */
public final class JournalProbe
    extends EventSourcedBehaviorWithEnforcedReplies<JournalProbe.Command, JournalProbe.Probed, JournalProbe.State> {

  public sealed interface Command extends CborSerializable {}

  public record Probe(ActorRef<Probed> replyTo) implements Command {}

  public record Probed(Instant at) implements CborSerializable {}

  public record State(long probes) implements CborSerializable {}

  public static Behavior<Command> create(String nodeId) {
    return new JournalProbe(PersistenceId.of("JournalProbe", nodeId));
  }

  private JournalProbe(PersistenceId id) {
    // Restarted with backoff when the journal fails a write: readiness comes back with the database.
    super(id, org.sanwang.hub.Entities.ON_JOURNAL_FAILURE);
  }

  @Override
  public State emptyState() {
    return new State(0);
  }

  @Override
  public CommandHandlerWithReply<Command, Probed, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Probe.class, (s, c) -> {
          var event = new Probed(Instant.now());
          return Effect().persist(event).thenReply(c.replyTo(), after -> event);
        })
        .build();
  }

  @Override
  public EventHandler<State, Probed> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onEvent(Probed.class, (s, e) -> new State(s.probes() + 1)).build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 1);
  }
}
