package org.sanwang.connectors.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.pattern.StatusReply;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.Role;
import org.sanwang.hub.org.RoleGrant;
import org.sanwang.hub.work.AppointmentEntity;
import org.sanwang.hub.work.CaseDeadlines;
import org.sanwang.hub.work.CaseEntity;
import org.sanwang.hub.work.WishEntity;
import org.sanwang.hub.work.Work;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.sanwang.hub.community.CommunityEntity;
import org.sanwang.hub.community.CommunityRoster;
import org.sanwang.hub.group.GroupEntity;
import org.sanwang.hub.group.Sender;
import org.sanwang.hub.inbox.InboxEntity;
import org.sanwang.hub.inbox.InboxItem;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgImport;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgRegistry;

/**
 * Carries a network event's {@link Decision.Effect effects} out through the hub's entities, one after
 * another; done when each entity has made its change durable. Applying the same event again changes
 * nothing further in the groups: each message's {@code clientMsgId} is the event's offset and place.
 */
public final class HubEffects {
  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final Duration timeout;
  private final Executor hashing;
  private final MemberActivation activation;

  public HubEffects(ActorSystem<?> system, OrgDirectory directory, Duration timeout, Executor hashing) {
    this(system, directory, timeout, hashing, MemberActivation.NONE);
  }

  public HubEffects(ActorSystem<?> system, OrgDirectory directory, Duration timeout, Executor hashing, MemberActivation activation) {
    this.system = system;
    this.directory = directory;
    this.timeout = timeout;
    this.hashing = hashing;
    this.activation = activation;
  }

  /** The network's own voice in the groups it posts to. */
  public static Sender sender(Network n) {
    return new Sender(n.id() + "-network", n.nameZh(), "system");
  }

  /**
   * Runs the effects in order: empty when all applied, else why the event goes (back) to quarantine
   * (a change for a case, wish or appointment the hub does not know, or one its state does not allow).
   */
  public CompletionStage<Optional<Reason>> run(Network n, long offset, List<Decision.Effect> effects) {
    CompletionStage<Optional<Reason>> chain = CompletableFuture.completedFuture(Optional.empty());
    for (int i = 0; i < effects.size(); i++) {
      var effect = effects.get(i);
      String place = n.id() + ":" + offset + ":" + i;
      chain = chain.thenCompose(refused -> refused.isPresent() ? CompletableFuture.completedFuture(refused)
          : isWork(effect) ? work(n, place, effect)
          : run(n, place, offset, effect).thenApply(done -> Optional.<Reason>empty()));
    }
    return chain;
  }

  private static boolean isWork(Decision.Effect e) {
    return e instanceof Decision.ReportCase || e instanceof Decision.ChangeCase || e instanceof Decision.PostWish
        || e instanceof Decision.ChangeWish || e instanceof Decision.RequestAppointment || e instanceof Decision.CancelAppointment;
  }

  /** A case, wish or appointment command keyed by the event's place, so applying it again changes nothing. */
  private CompletionStage<Optional<Reason>> work(Network n, String key, Decision.Effect effect) {
    var sharding = ClusterSharding.get(system);
    var by = Work.network(n.id(), n.nameZh());
    if (effect instanceof Decision.ReportCase report) {
      String id = report.facts().caseId();
      return deadlinesOf(report.facts().community()).thenCompose(deadlines -> refusal("case", id,
          sharding.entityRefFor(CaseEntity.ENTITY_KEY, id).<CaseEntity.State>askWithStatus(
              r -> new CaseEntity.Report(report.facts(), deadlines, by, key, r), timeout), CaseEntity.NO_SUCH_CASE));
    }
    if (effect instanceof Decision.ChangeCase c) {
      var ref = sharding.entityRefFor(CaseEntity.ENTITY_KEY, c.caseId());
      CompletionStage<CaseEntity.State> asked = switch (c.change()) {
        case "dispatched" -> ref.askWithStatus(r -> new CaseEntity.Dispatch(c.level(), c.deadline(), c.note(), by, key, r), timeout);
        case "resolved" -> ref.askWithStatus(r -> new CaseEntity.Resolve(by, c.note(), List.of(), key, r), timeout);
        case "rated" -> ref.askWithStatus(r -> new CaseEntity.Rate(by, c.rating(), c.note(), key, r), timeout);
        default -> ref.askWithStatus(r -> new CaseEntity.Close(by, c.note(), c.rating(), key, r), timeout);
      };
      return refusal("case", c.caseId(), asked, CaseEntity.NO_SUCH_CASE);
    }
    if (effect instanceof Decision.PostWish post)
      return refusal("wish", post.facts().wishId(), sharding.entityRefFor(WishEntity.ENTITY_KEY, post.facts().wishId())
          .<WishEntity.State>askWithStatus(r -> new WishEntity.Post(post.facts(), key, r), timeout), WishEntity.NO_SUCH_WISH);
    if (effect instanceof Decision.ChangeWish c) {
      var ref = sharding.entityRefFor(WishEntity.ENTITY_KEY, c.wishId());
      CompletionStage<WishEntity.State> asked = switch (c.change()) {
        case "claimed" -> ref.askWithStatus(r -> new WishEntity.Claim(c.member(), key, r), timeout);
        case "fulfilled" -> ref.askWithStatus(r -> new WishEntity.Fulfil(by, c.note(), key, r), timeout);
        case "confirmed" -> ref.askWithStatus(r -> new WishEntity.Confirm(by, c.rating(), c.note(), key, r), timeout);
        default -> ref.askWithStatus(r -> new WishEntity.Cancel(by, c.note(), key, r), timeout);
      };
      return refusal("wish", c.wishId(), asked, WishEntity.NO_SUCH_WISH);
    }
    if (effect instanceof Decision.RequestAppointment request) {
      String id = request.facts().appointmentId();
      return refusal("appointment", id, sharding.entityRefFor(AppointmentEntity.ENTITY_KEY, id)
          .<AppointmentEntity.State>askWithStatus(r -> new AppointmentEntity.Request(request.facts(), key, r), timeout),
          AppointmentEntity.NO_SUCH_APPOINTMENT);
    }
    var cancel = (Decision.CancelAppointment) effect;
    return refusal("appointment", cancel.appointmentId(), sharding.entityRefFor(AppointmentEntity.ENTITY_KEY, cancel.appointmentId())
        .<AppointmentEntity.State>askWithStatus(r -> new AppointmentEntity.Cancel(by, cancel.note(), key, r), timeout),
        AppointmentEntity.NO_SUCH_APPOINTMENT);
  }

  /** The entity's refusal as a quarantine reason; a timeout or journal failure stays a failure (tried again later). */
  private static <S> CompletionStage<Optional<Reason>> refusal(String kind, String id, CompletionStage<S> asked, String unknown) {
    return asked.handle((state, failure) -> {
      if (failure == null) return Optional.<Reason>empty();
      var cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (!(cause instanceof StatusReply.ErrorMessage refused)) throw new java.util.concurrent.CompletionException(cause);
      return Optional.of(refused.getMessage().equals(unknown) ? Reason.unknownWork(kind, id) : Reason.outOfOrder(kind, id, refused.getMessage()));
    });
  }

  private CompletionStage<CaseDeadlines> deadlinesOf(String community) {
    return ClusterSharding.get(system).entityRefFor(CommunityEntity.ENTITY_KEY, community)
        .<CommunityEntity.State>ask(CommunityEntity.GetCommunity::new, timeout).thenApply(CommunityEntity.State::caseDeadlines);
  }

  /**
   * 双报到: the member upserted as a person (their roles in other places, their login and password kept)
   * with {@code party_member} of the community and {@code online_building_head} of the building; then,
   * if they have no password yet, the activation SMS.
   */
  private CompletionStage<Done> reportMember(Decision.ReportMember m) {
    var known = directory.index().person(m.personId());
    var roles = new ArrayList<RoleGrant>(known.map(OrgTree.Person::roles).orElse(List.of()));
    var membership = new RoleGrant(Role.party_member.name(), m.community());
    boolean firstReport = !roles.contains(membership);
    var wanted = new ArrayList<RoleGrant>(List.of(membership));
    if (m.building() != null) wanted.add(new RoleGrant(Role.online_building_head.name(), m.building()));
    wanted.stream().filter(g -> !roles.contains(g)).forEach(roles::add);
    String username = known.map(OrgTree.Person::username).filter(u -> u != null)
        .orElseGet(() -> directory.index().personByUsername(m.phone()).isPresent() ? m.personId() : m.phone());
    var person = new OrgTree.Person(m.personId(), m.name(), m.phone(), List.copyOf(roles), username,
        known.map(OrgTree.Person::passwordHash).orElse(null));
    var delta = new OrgTree(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(person.id(), person), Map.of());
    return registry().<OrgRegistry.ImportResult>ask(r -> new OrgRegistry.ImportTree(delta, r), timeout)
        .thenCompose(result -> registry().<OrgRegistry.TreeVersion>ask(OrgRegistry.GetTree::new, timeout))
        .thenCompose(tree -> {
          directory.update(tree.tree());
          // One SMS: when the member first reports here and has not set a password yet (a repeated report sends none).
          return person.passwordHash() == null && firstReport ? activation.send(person, m.community())
              : CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  private CompletionStage<Done> run(Network n, String place, long offset, Decision.Effect effect) {
    var sharding = ClusterSharding.get(system);
    if (effect instanceof Decision.ReportMember member) return reportMember(member);
    if (effect instanceof Decision.PostToGroup post)
      return sharding.entityRefFor(GroupEntity.ENTITY_KEY, post.groupId())
          .<GroupEntity.Receipt>ask(r -> new GroupEntity.PostMessage(sender(n), n.id(), post.kind(), post.text(), place, r), timeout)
          .thenApply(receipt -> Done.getInstance());
    if (effect instanceof Decision.Notify notify)
      return sharding.entityRefFor(InboxEntity.ENTITY_KEY, notify.personId())
          .<InboxItem>ask(r -> new InboxEntity.Deliver(notify.kind(), notify.title(), notify.body(),
              new InboxItem.Ref("network-event", n.id() + ":" + offset), r), timeout)
          .thenApply(item -> Done.getInstance());
    if (effect instanceof Decision.UpsertResident upsert)
      return CompletableFuture
          .supplyAsync(() -> OrgImporter.toTree(new OrgImport(List.of(), List.of(), List.of(upsert.resident())),
              directory.index().tree()), hashing)
          .thenCompose(delta -> registry().<OrgRegistry.ImportResult>ask(r -> new OrgRegistry.ImportTree(delta, r), timeout))
          .thenCompose(result -> rosterChanged(upsert.resident().building()));
    var remove = (Decision.RemoveResident) effect;
    var resident = directory.index().tree().residents().get(remove.residentId());
    return registry().<OrgRegistry.ImportResult>ask(r -> new OrgRegistry.RemoveResident(remove.residentId(), r), timeout)
        .thenCompose(result -> resident == null ? CompletableFuture.completedFuture(Done.getInstance())
            : rosterChanged(resident.building()));
  }

  private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<OrgRegistry.Command> registry() {
    return ClusterSharding.get(system).entityRefFor(OrgRegistry.ENTITY_KEY, OrgRegistry.ID);
  }

  /** This node's directory and the building's community entity brought in line with the changed roster. */
  private CompletionStage<Done> rosterChanged(String building) {
    return registry().<OrgRegistry.TreeVersion>ask(OrgRegistry.GetTree::new, timeout).thenCompose(tree -> {
      directory.update(tree.tree());
      var roster = CommunityRoster.all(tree.tree()).get(Codes.communityOf(building));
      if (roster == null) return CompletableFuture.completedFuture(Done.getInstance());
      return ClusterSharding.get(system).entityRefFor(CommunityEntity.ENTITY_KEY, roster.code())
          .<CommunityEntity.State>ask(r -> new CommunityEntity.SyncRoster(roster, r), timeout)
          .thenApply(s -> Done.getInstance());
    });
  }
}
