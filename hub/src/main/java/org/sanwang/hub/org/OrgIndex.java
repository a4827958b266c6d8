package org.sanwang.hub.org;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read-side lookups over an {@link OrgTree}, built once per tree version: ancestors of any code,
 * children of any node, who holds role R at or above a building, and whether a set of role grants
 * reaches a code. Immutable; {@link OrgDirectory} swaps in a new one when the tree changes.
 */
public final class OrgIndex {
  public static final OrgIndex EMPTY = new OrgIndex(OrgTree.EMPTY);

  private final OrgTree tree;
  private final Map<String, List<String>> gridsOfBuilding = new HashMap<>();
  private final Map<String, List<String>> children = new HashMap<>();
  private final Map<String, Map<Role, List<OrgTree.Person>>> holdersByScope = new HashMap<>();
  private final Map<String, OrgTree.Person> byUsername = new HashMap<>();
  private final Map<String, List<OrgTree.Resident>> residentsByBuilding = new HashMap<>();
  private final Map<String, OrgTree.Resident> ownerOfDevice = new HashMap<>();
  private final Map<String, OrgTree.Resident> removedOwnerOfDevice = new HashMap<>();

  public OrgIndex(OrgTree tree) {
    this.tree = tree;
    tree.streets().values().forEach(s -> child(s.district(), s.code()));
    tree.communities().values().forEach(c -> child(c.street(), c.code()));
    tree.grids().values().forEach(g -> {
      child(g.community(), g.code());
      g.buildings().forEach(b -> gridsOfBuilding.computeIfAbsent(b, k -> new ArrayList<>()).add(g.code()));
    });
    tree.buildings().values().forEach(b -> {
      child(b.community(), b.code());
      for (int u = 1; u <= b.units(); u++) child(b.code(), Codes.unitCode(b.code(), u));
    });
    children.values().forEach(list -> list.sort(String::compareTo));
    for (var p : tree.people().values()) {
      if (p.username() != null) byUsername.put(p.username(), p);
      for (var g : p.roles())
        Role.parse(g.role()).ifPresent(r -> holdersByScope.computeIfAbsent(g.scope(), k -> new HashMap<>())
            .computeIfAbsent(r, k -> new ArrayList<>()).add(p));
    }
    holdersByScope.values().forEach(m -> m.values().forEach(l -> l.sort((a, b) -> a.id().compareTo(b.id()))));
    tree.residents().values().forEach(r -> {
      residentsByBuilding.computeIfAbsent(r.building(), k -> new ArrayList<>()).add(r);
      r.devices().forEach(d -> ownerOfDevice.put(d.id(), r));
    });
    tree.removedResidents().values().forEach(r -> r.devices().forEach(d -> removedOwnerOfDevice.put(d.id(), r)));
    ownerOfDevice.keySet().forEach(removedOwnerOfDevice::remove);
  }

  public OrgTree tree() {
    return tree;
  }

  public boolean exists(String code) {
    return levelIfKnown(code).isPresent();
  }

  /** The level of a code that this tree knows, empty for an unknown or malformed code. */
  public Optional<Codes.Level> levelIfKnown(String code) {
    return Codes.levelOf(code).filter(level -> switch (level) {
      case DISTRICT -> tree.districts().containsKey(code);
      case STREET -> tree.streets().containsKey(code);
      case COMMUNITY -> tree.communities().containsKey(code);
      case GRID -> tree.grids().containsKey(code);
      case BUILDING -> tree.buildings().containsKey(code);
      case UNIT -> {
        var b = tree.buildings().get(Codes.buildingOfUnit(code));
        int n = Integer.parseInt(code.substring(code.lastIndexOf("-U") + 2));
        yield b != null && n >= 1 && n <= b.units();
      }
    });
  }

  public Optional<String> nameOf(String code) {
    return Optional.ofNullable(switch (Codes.levelOf(code).orElse(Codes.Level.UNIT)) {
      case DISTRICT -> tree.districts().containsKey(code) ? tree.districts().get(code).name() : null;
      case STREET -> tree.streets().containsKey(code) ? tree.streets().get(code).name() : null;
      case COMMUNITY -> tree.communities().containsKey(code) ? tree.communities().get(code).name() : null;
      case GRID -> tree.grids().containsKey(code) ? tree.grids().get(code).name() : null;
      case BUILDING -> tree.buildings().containsKey(code) ? tree.buildings().get(code).name() : null;
      case UNIT -> exists(code) ? code.substring(code.lastIndexOf("-U") + 2) + "单元" : null;
    });
  }

  /** The code itself and every node above it, grids included for a building. */
  public Set<String> ancestors(String code) {
    var out = new LinkedHashSet<String>();
    var level = Codes.levelOf(code);
    if (level.isEmpty()) return out;
    out.add(code);
    switch (level.get()) {
      case UNIT -> out.addAll(ancestors(Codes.buildingOfUnit(code)));
      case BUILDING -> {
        gridsOfBuilding.getOrDefault(code, List.of()).forEach(out::add);
        out.addAll(ancestors(Codes.communityOf(code)));
      }
      case GRID -> out.addAll(ancestors(Codes.communityOf(code)));
      case COMMUNITY -> out.addAll(ancestors(Codes.streetOfCommunity(code)));
      case STREET -> out.add(Codes.districtOfStreet(code));
      case DISTRICT -> { }
    }
    return out;
  }

  public List<String> children(String code) {
    return children.getOrDefault(code, List.of());
  }

  /** People who hold {@code role} with a scope at or above {@code code} (nearest scope first). */
  public List<OrgTree.Person> holders(Role role, String code) {
    var out = new ArrayList<OrgTree.Person>();
    for (var scope : ancestors(code))
      out.addAll(holdersByScope.getOrDefault(scope, Map.of()).getOrDefault(role, List.of()));
    return out;
  }

  /** Role holders whose scope is exactly this code. */
  public Map<Role, List<OrgTree.Person>> holdersAt(String code) {
    return holdersByScope.getOrDefault(code, Map.of());
  }

  /** Where a resident lives, as responders read it: "7号楼2单元302". */
  public String addressOf(OrgTree.Resident r) {
    return nameOf(r.building()).orElse(r.building()) + r.unit() + "单元" + r.room();
  }

  public List<OrgTree.Resident> residentsOf(String building) {
    return residentsByBuilding.getOrDefault(building, List.of());
  }

  /** The resident a call device belongs to. */
  public Optional<OrgTree.Resident> deviceOwner(String deviceId) {
    return Optional.ofNullable(ownerOfDevice.get(deviceId));
  }

  /** The resident, taken off the roster, a call device belonged to: such a device raises no alert. */
  public Optional<OrgTree.Resident> removedDeviceOwner(String deviceId) {
    return Optional.ofNullable(removedOwnerOfDevice.get(deviceId));
  }

  public Optional<OrgTree.Person> personByUsername(String username) {
    return Optional.ofNullable(byUsername.get(username));
  }

  public Optional<OrgTree.Person> person(String id) {
    return Optional.ofNullable(tree.people().get(id));
  }

  /** A group exists for every known building and community. */
  public boolean isGroup(String groupId) {
    return levelIfKnown(groupId).filter(l -> l == Codes.Level.BUILDING || l == Codes.Level.COMMUNITY).isPresent();
  }

  private void child(String parent, String code) {
    children.computeIfAbsent(parent, k -> new ArrayList<>()).add(code);
  }
}
