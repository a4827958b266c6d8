package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgRegistry;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.Role;
import org.sanwang.hub.org.RoleGrant;
import org.sanwang.hub.work.Points;
import org.sanwang.hub.work.WishEntity;
import org.sanwang.hub.work.WorkBook;

/**
 * The Party members reported to communities (双报到) and their points: {@code GET /api/v1/party/members?community=},
 * {@code DELETE /api/v1/party/members/{personId}?community=} (staff: takes their member and online
 * building head roles there), {@code GET /api/v1/party/points?community=} (per member and per community).
 */
public final class PartyRoutes extends WorkRouteSupport {
  public record Member(String personId, String name, String phone, String community, String communityName, String building,
      String buildingName, String memberId, boolean activated) {}

  public record Members(List<Member> members) {}

  public record CommunityPoints(String code, String name, int total, int wishes) {}

  public record MemberPoints(String personId, String name, String community, int points, int wishes) {}

  public record PointsView(List<CommunityPoints> communities, List<MemberPoints> members) {}

  private final WorkBook<WishEntity.State> wishes;

  public PartyRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, WorkBook<WishEntity.State> wishes,
      Duration askTimeout) {
    super(accounts, tokens, system, directory, askTimeout);
    this.wishes = wishes;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("party"), () -> authenticated(p -> concat(
        path("members", () -> get(() -> parameterOptional("community", c -> members(p, c)))),
        path(segment("members").slash(segment()), personId -> delete(() -> parameterOptional("community", c -> remove(p, personId, c)))),
        path("points", () -> get(() -> parameterOptional("community", c -> points(p, c)))))));
  }

  private Optional<String> community(Optional<String> community) {
    community.filter(c -> !Codes.is(c, Codes.Level.COMMUNITY) || !directory.index().exists(c)).ifPresent(c -> {
      throw ProblemException.badRequest("community: no community " + c);
    });
    return community;
  }

  private Route members(Principal p, Optional<String> only) {
    community(only);
    var index = directory.index();
    var access = access(p);
    var out = new ArrayList<Member>();
    for (var person : index.tree().people().values())
      for (var grant : person.roles()) {
        if (!grant.role().equals(Role.party_member.name())) continue;
        String c = grant.scope();
        if (only.isPresent() && !only.get().equals(c)) continue;
        if (!access.mayOverseeMembersOf(c)) continue;
        String building = person.roles().stream().filter(g -> g.role().equals(Role.online_building_head.name())
            && Codes.is(g.scope(), Codes.Level.BUILDING) && Codes.communityOf(g.scope()).equals(c)).map(RoleGrant::scope).findFirst()
            .orElse(null);
        out.add(new Member(person.id(), person.name(), WorkViews.masked(person.phone()), c, index.nameOf(c).orElse(null), building,
            building == null ? null : index.nameOf(building).orElse(null),
            person.id().startsWith("pm-") ? person.id().substring(3) : null, person.passwordHash() != null));
      }
    out.sort(Comparator.comparing(Member::community).thenComparing(Member::name));
    return ok(new Members(out));
  }

  private Route remove(Principal p, String personId, Optional<String> only) {
    if (only.isEmpty()) throw ProblemException.badRequest("community: required, the community the member leaves");
    String community = community(only).get();
    if (!access(p).mayOverseeMembersOf(community))
      throw ProblemException.forbidden("community: " + community + " is outside your scopes");
    var person = directory.index().person(personId).filter(x -> x.roles().contains(new RoleGrant(Role.party_member.name(), community)))
        .orElseThrow(() -> ProblemException.notFound("personId: no Party member " + personId + " in " + community));
    var kept = person.roles().stream().filter(g -> !(g.role().equals(Role.party_member.name()) && g.scope().equals(community))
        && !(g.role().equals(Role.online_building_head.name()) && Codes.is(g.scope(), Codes.Level.BUILDING)
            && Codes.communityOf(g.scope()).equals(community))).toList();
    var changed = new OrgTree.Person(person.id(), person.name(), person.phone(), kept, person.username(), person.passwordHash());
    var delta = new OrgTree(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(person.id(), changed), Map.of());
    var registry = ClusterSharding.get(system).entityRefFor(OrgRegistry.ENTITY_KEY, OrgRegistry.ID);
    var done = registry.<OrgRegistry.ImportResult>ask(r -> new OrgRegistry.ImportTree(delta, r), askTimeout)
        .thenCompose(x -> registry.<OrgRegistry.TreeVersion>ask(OrgRegistry.GetTree::new, askTimeout))
        .thenApply(tree -> {
          directory.update(tree.tree());
          return tree;
        });
    return onSuccess(done, x -> complete(StatusCodes.NO_CONTENT));
  }

  private Route points(Principal p, Optional<String> only) {
    community(only);
    var access = access(p);
    var index = directory.index();
    var totals = Points.of(wishes.all().stream()
        .filter(s -> s.record() != null)
        .filter(s -> only.isEmpty() || only.get().equals(s.record().facts().community()))
        .filter(s -> access.mayOverseeMembersOf(s.record().facts().community()) || access.seesWorkAt(s.record().facts().community()))
        .toList());
    return ok(new PointsView(
        totals.communities().stream().map(c -> new CommunityPoints(c.code(), index.nameOf(c.code()).orElse(null), c.total(), c.wishes()))
            .toList(),
        totals.members().stream().map(m -> new MemberPoints(m.personId(), m.name(), m.community(), m.points(), m.wishes())).toList()));
  }
}
