package org.sanwang.connectors.party;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.sanwang.connectors.core.Decision;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.NetworkMapper;
import org.sanwang.connectors.core.Reason;
import org.sanwang.connectors.core.Subjects;
import org.sanwang.connectors.core.WorkData;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.work.WishFacts;
import org.sanwang.hub.work.Work;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.Role;

/**
 * The Party-building network's events. {@code party.notice}: a notice in the subject's group (a
 * building's group, a community's channel, or every community channel of a street) and, with
 * {@code roles}, in the inbox of each holder of those roles within the subject.
 * {@code party.member.reported} (双报到): the member as a person with the community's
 * {@code party_member} role. {@code party.wish.*}: the wish's entity is posted, claimed (by the member
 * the network names), fulfilled, confirmed or cancelled; a change for an unknown wish is quarantined.
 */
public final class PartyMapper implements NetworkMapper {
  @Override
  public Network network() {
    return Network.PARTY;
  }

  @Override
  public Decision decide(InboundEvent e, Subjects subjects) {
    var foreign = NetworkMapper.foreign(network(), e);
    if (foreign.isPresent()) return foreign.get();
    var target = subjects.code("subject", e.subject());
    if (target.code().isEmpty()) return new Decision.Quarantine(target.reason());
    String code = target.code().get();
    return switch (e.type()) {
      case "party.notice" -> notice(e, subjects, code);
      case "party.member.reported" -> member(e, subjects, code);
      case "party.wish.posted" -> wish(e, subjects, code);
      case "party.wish.claimed" -> claim(e, subjects);
      case "party.wish.fulfilled" -> change(e, "fulfilled");
      case "party.wish.confirmed" -> change(e, "confirmed");
      case "party.wish.cancelled" -> change(e, "cancelled");
      default -> new Decision.Quarantine(Reason.unknownType(e.type()));
    };
  }

  private Decision notice(InboundEvent e, Subjects subjects, String code) {
    var level = subjects.level(code).orElseThrow();
    List<String> groups = switch (level) {
      case BUILDING, COMMUNITY -> List.of(code);
      case STREET -> subjects.index().children(code).stream().filter(c -> Codes.is(c, Codes.Level.COMMUNITY)).toList();
      default -> null;
    };
    if (groups == null)
      return new Decision.Quarantine(Reason.badData("subject", "a party.notice goes to a community, building or street, not a "
          + level.name().toLowerCase(), "党建通知只发往社区、楼栋或街道，不能发往" + level.name().toLowerCase()));
    String title = e.text("title");
    String body = e.text("body");
    var effects = new ArrayList<Decision.Effect>();
    groups.forEach(g -> effects.add(new Decision.PostToGroup(g, "notice", NetworkMapper.marked(network(), title) + "\n" + body)));
    var roles = e.data().get("roles");
    if (roles != null && roles.isArray()) {
      var people = new LinkedHashSet<OrgTree.Person>();
      var scopes = subjects.withDescendants(code);
      for (var r : roles) {
        var role = Role.parse(r.asText());
        if (role.isEmpty())
          return new Decision.Quarantine(Reason.badData("roles", "'" + r.asText() + "' is no role of the hub",
              "“" + r.asText() + "”不是枢纽的角色"));
        for (String scope : scopes) people.addAll(subjects.index().holdersAt(scope).getOrDefault(role.get(), List.of()));
      }
      people.forEach(p -> effects.add(new Decision.Notify(p.id(), "notice", NetworkMapper.marked(network(), title), body)));
    }
    return new Decision.Apply(effects);
  }


  /** 双报到: the member becomes (or is found as) a person of the hub with the community's party_member role. */
  private Decision member(InboundEvent e, Subjects subjects, String code) {
    if (!Codes.is(code, Codes.Level.COMMUNITY))
      return new Decision.Quarantine(Reason.badData("subject", "a member reports to a community", "党员报到的对象须为社区"));
    String building = null;
    if (e.text("building") != null) {
      var b = subjects.code("building", e.text("building"));
      if (b.code().isEmpty()) return new Decision.Quarantine(b.reason());
      if (!Codes.is(b.code().get(), Codes.Level.BUILDING) || !Codes.communityOf(b.code().get()).equals(code))
        return new Decision.Quarantine(Reason.badData("building", "'" + b.code().get() + "' is no building of community " + code,
            "“" + b.code().get() + "”不是社区" + code + "的楼栋"));
      building = b.code().get();
    }
    String phone = e.text("phone");
    if (!phone.matches("\\+?[0-9][0-9 -]{5,19}"))
      return new Decision.Quarantine(Reason.badData("phone", "a phone number", "须为电话号码"));
    String memberId = e.text("memberId");
    var badId = WorkData.badId(e, "memberId");
    if (badId.isPresent()) return new Decision.Quarantine(badId.get());
    String personId = subjects.person(memberId, phone).map(OrgTree.Person::id).orElse("pm-" + memberId);
    return new Decision.Apply(List.of(new Decision.ReportMember(personId, e.text("name"), phone, code, building,
        e.text("workplace"), memberId)));
  }

  private Decision wish(InboundEvent e, Subjects subjects, String code) {
    var level = subjects.level(code).orElseThrow();
    if (level != Codes.Level.BUILDING && level != Codes.Level.COMMUNITY)
      return new Decision.Quarantine(Reason.badData("subject", "a wish is posted for a building or community", "微心愿的对象须为楼栋或社区"));
    var badId = WorkData.badId(e, "wishId");
    if (badId.isPresent()) return new Decision.Quarantine(badId.get());
    var pointsNode = e.data().get("points");
    int points = pointsNode == null || pointsNode.isNull() ? DEFAULT_POINTS : pointsNode.asInt(-1);
    if (pointsNode != null && !pointsNode.isNull() && (!pointsNode.isIntegralNumber() || !pointsNode.canConvertToInt() || points < 1 || points > 100))
      return new Decision.Quarantine(Reason.badData("points", "a whole number from 1 to 100", "须为1到100的整数"));
    String residentId = e.text("residentId") == null ? null : subjects.residentId(e.text("residentId"));
    var facts = new WishFacts(e.text("wishId"), e.text("title"), e.text("detail"), level == Codes.Level.BUILDING ? code : null,
        Codes.communityOf(code), residentId, e.text("residentName"), e.text("phone"), points, null, network().id(), e.subject());
    return new Decision.Apply(List.of(new Decision.PostWish(facts)));
  }

  private Decision claim(InboundEvent e, Subjects subjects) {
    var badId = WorkData.badId(e, "wishId");
    if (badId.isPresent()) return new Decision.Quarantine(badId.get());
    Actor member = NETWORK;
    if (e.text("memberId") != null) {
      var person = subjects.person(e.text("memberId"), null).or(() -> subjects.index().person("pm-" + e.text("memberId")));
      if (person.isEmpty()) return new Decision.Quarantine(Reason.unknownPerson("memberId", e.text("memberId")));
      member = new Actor(person.get().id(), person.get().name(), "party_member");
    }
    return new Decision.Apply(List.of(new Decision.ChangeWish(e.text("wishId"), "claimed", member, e.text("note"), null)));
  }

  private Decision change(InboundEvent e, String change) {
    var badId = WorkData.badId(e, "wishId");
    if (badId.isPresent()) return new Decision.Quarantine(badId.get());
    var badRating = WorkData.badRating(e);
    if (badRating.isPresent()) return new Decision.Quarantine(badRating.get());
    return new Decision.Apply(List.of(new Decision.ChangeWish(e.text("wishId"), change, NETWORK, e.text("note"), WorkData.rating(e))));
  }

  /** A wish worth nothing said is worth this many points. */
  public static final int DEFAULT_POINTS = 10;

  private static final Actor NETWORK = Work.network(Network.PARTY.id(), Network.PARTY.nameZh());
}
