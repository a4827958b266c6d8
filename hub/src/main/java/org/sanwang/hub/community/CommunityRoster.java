package org.sanwang.hub.community;

import java.util.List;
import java.util.Map;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.RoleGrant;

/** One community's part of the organisation tree: its grids, buildings and role holders. */
public record CommunityRoster(
    String code,
    String name,
    String street,
    List<OrgTree.GridNode> grids,
    List<OrgTree.BuildingNode> buildings,
    List<Holder> holders)
    implements CborSerializable {

  public record Holder(String personId, String name, RoleGrant grant) implements CborSerializable {}

  /** The roster of {@code code} as the tree has it (sorted, so equal trees give equal rosters). */
  public static CommunityRoster of(OrgTree tree, String code) {
    var c = tree.communities().get(code);
    var grids = tree.grids().values().stream().filter(g -> g.community().equals(code))
        .sorted((a, b) -> a.code().compareTo(b.code())).toList();
    var buildings = tree.buildings().values().stream().filter(b -> b.community().equals(code))
        .sorted((a, b) -> a.code().compareTo(b.code())).toList();
    var holders = tree.people().values().stream()
        .flatMap(p -> p.roles().stream()
            .filter(g -> g.scope().length() >= 12 && Codes.communityOf(g.scope()).equals(code))
            .map(g -> new Holder(p.id(), p.name(), g)))
        .sorted((a, b) -> (a.grant().scope() + a.personId()).compareTo(b.grant().scope() + b.personId()))
        .toList();
    return new CommunityRoster(code, c.name(), c.street(), grids, buildings, holders);
  }

  public static Map<String, CommunityRoster> all(OrgTree tree) {
    return tree.communities().keySet().stream().collect(java.util.stream.Collectors.toMap(k -> k, k -> of(tree, k)));
  }
}
