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
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.Role;

/**
 * The Party-building network's events. {@code party.notice}: a notice in the subject's group (a
 * building's group, a community's channel, or every community channel of a street) and, with
 * {@code roles}, in the inbox of each holder of those roles within the subject. The member, wish
 * and other types are defined by the contract and checked at the door; until the hub handles them
 * they wait in quarantine for a replay.
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
    if (!e.type().equals("party.notice")) return new Decision.Quarantine(Reason.unknownType(e.type()));
    var target = subjects.code("subject", e.subject());
    if (target.code().isEmpty()) return new Decision.Quarantine(target.reason());
    String code = target.code().get();
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

}
