package org.sanwang.hub.community;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.Entities;
import org.sanwang.hub.work.CaseDeadlines;
import org.sanwang.hub.org.FieldError;

/**
 * A community (社区): its grids, buildings and role holders as last imported, and its escalation
 * policy for one-key calls (the contract's default until one is set).
 */
public final class CommunityEntity
    extends EventSourcedBehaviorWithEnforcedReplies<CommunityEntity.Command, CommunityEntity.Event, CommunityEntity.State> {

  // Commands

  public sealed interface Command extends CborSerializable {}

  /** Brings the roster up to date; writes nothing when it is already. */
  public record SyncRoster(CommunityRoster roster, ActorRef<State> replyTo) implements Command {}

  public record SetEscalationPolicy(EscalationPolicy policy, ActorRef<PolicyResult> replyTo) implements Command {}

  public record GetCommunity(ActorRef<State> replyTo) implements Command {}

  /** How long a governance case may stay at each level here before it climbs by itself. */
  public record SetCaseDeadlines(CaseDeadlines deadlines, ActorRef<DeadlinesResult> replyTo) implements Command {}

  public record DeadlinesResult(CaseDeadlines deadlines, List<FieldError> errors) implements CborSerializable {}

  public record PolicyResult(EscalationPolicy policy, List<FieldError> errors) implements CborSerializable {}

  // Events

  public sealed interface Event extends CborSerializable {}

  public record RosterSynced(CommunityRoster roster) implements Event {}

  public record EscalationPolicySet(EscalationPolicy policy) implements Event {}

  public record CaseDeadlinesSet(CaseDeadlines deadlines) implements Event {}

  // State

  /** {@code roster} is null until the first import reaches this community. */
  public record State(CommunityRoster roster, EscalationPolicy policy, CaseDeadlines caseDeadlines) implements CborSerializable {
    public State {
      // Absent in states persisted before cases had deadlines.
      caseDeadlines = caseDeadlines == null ? CaseDeadlines.DEFAULT : caseDeadlines;
    }
  }

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Community");

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String code) {
    return new CommunityEntity(PersistenceId.of(ENTITY_KEY.name(), code));
  }

  private CommunityEntity(PersistenceId id) {
    super(id, Entities.ON_JOURNAL_FAILURE);
  }

  @Override
  public State emptyState() {
    return new State(null, EscalationPolicy.DEFAULT, CaseDeadlines.DEFAULT);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(SyncRoster.class, (s, c) -> c.roster().equals(s.roster())
            ? Effect().reply(c.replyTo(), s)
            : Effect().persist(new RosterSynced(c.roster())).thenReply(c.replyTo(), after -> after))
        .onCommand(SetEscalationPolicy.class, this::onSetPolicy)
        .onCommand(SetCaseDeadlines.class, this::onSetDeadlines)
        .onCommand(GetCommunity.class, (s, c) -> Effect().reply(c.replyTo(), s))
        .build();
  }

  private ReplyEffect<Event, State> onSetDeadlines(State state, SetCaseDeadlines cmd) {
    var errors = cmd.deadlines().validate();
    if (!errors.isEmpty()) return Effect().reply(cmd.replyTo(), new DeadlinesResult(state.caseDeadlines(), errors));
    if (cmd.deadlines().equals(state.caseDeadlines()))
      return Effect().reply(cmd.replyTo(), new DeadlinesResult(state.caseDeadlines(), List.of()));
    return Effect().persist(new CaseDeadlinesSet(cmd.deadlines()))
        .thenReply(cmd.replyTo(), s -> new DeadlinesResult(s.caseDeadlines(), List.of()));
  }

  private ReplyEffect<Event, State> onSetPolicy(State state, SetEscalationPolicy cmd) {
    var errors = cmd.policy().validate();
    if (!errors.isEmpty()) return Effect().reply(cmd.replyTo(), new PolicyResult(state.policy(), errors));
    if (cmd.policy().equals(state.policy())) return Effect().reply(cmd.replyTo(), new PolicyResult(state.policy(), List.of()));
    return Effect().persist(new EscalationPolicySet(cmd.policy()))
        .thenReply(cmd.replyTo(), s -> new PolicyResult(s.policy(), List.of()));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(RosterSynced.class, (s, e) -> new State(e.roster(), s.policy(), s.caseDeadlines()))
        .onEvent(EscalationPolicySet.class, (s, e) -> new State(s.roster(), e.policy(), s.caseDeadlines()))
        .onEvent(CaseDeadlinesSet.class, (s, e) -> new State(s.roster(), s.policy(), e.deadlines()))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(50, 2);
  }
}
