package org.sanwang.hub.org;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanwang.hub.CborSerializable;

/**
 * The persisted organisation: every node of district → street → community → grid → building,
 * the people who hold roles, and the residents with their contacts and devices. Flat maps keyed by
 * code or id; an import is a partial tree that {@link #merge upserts} into this one.
 */
public record OrgTree(
    Map<String, DistrictNode> districts,
    Map<String, StreetNode> streets,
    Map<String, CommunityNode> communities,
    Map<String, GridNode> grids,
    Map<String, BuildingNode> buildings,
    Map<String, Person> people,
    Map<String, Resident> residents,
    Map<String, Resident> removedResidents)
    implements CborSerializable {

  public static final OrgTree EMPTY =
      new OrgTree(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

  /** A tree with no removed residents. */
  public OrgTree(Map<String, DistrictNode> districts, Map<String, StreetNode> streets, Map<String, CommunityNode> communities,
      Map<String, GridNode> grids, Map<String, BuildingNode> buildings, Map<String, Person> people,
      Map<String, Resident> residents) {
    this(districts, streets, communities, grids, buildings, people, residents, Map.of());
  }

  public OrgTree {
    districts = Map.copyOf(districts);
    streets = Map.copyOf(streets);
    communities = Map.copyOf(communities);
    grids = Map.copyOf(grids);
    buildings = Map.copyOf(buildings);
    people = Map.copyOf(people);
    residents = Map.copyOf(residents);
    // Absent in trees persisted before residents could be removed.
    removedResidents = removedResidents == null ? Map.of() : Map.copyOf(removedResidents);
  }

  public record DistrictNode(String code, String name) implements CborSerializable {}

  public record StreetNode(String code, String name, String district) implements CborSerializable {}

  public record CommunityNode(String code, String name, String street) implements CborSerializable {}

  public record GridNode(String code, String name, String community, List<String> buildings)
      implements CborSerializable {}

  public record BuildingNode(String code, String name, String community, int units)
      implements CborSerializable {}

  public record Person(
      String id, String name, String phone, List<RoleGrant> roles, String username, String passwordHash)
      implements CborSerializable {}

  public record Contact(String name, String relation, String phone) implements CborSerializable {}

  public record Device(String id, String secretHash) implements CborSerializable {}

  public record Resident(
      String id,
      String name,
      String building,
      int unit,
      String room,
      List<String> flags,
      List<Contact> contacts,
      List<Device> devices)
      implements CborSerializable {
    public boolean livingAlone() {
      return flags.contains("living_alone");
    }
  }

  /** This tree with every entry of {@code delta} upserted. */
  public OrgTree merge(OrgTree delta) {
    return new OrgTree(
        upsert(districts, delta.districts),
        upsert(streets, delta.streets),
        upsert(communities, delta.communities),
        upsert(grids, delta.grids),
        upsert(buildings, delta.buildings),
        upsert(people, delta.people),
        upsert(residents, delta.residents),
        without(removedResidents, delta.residents.keySet()));
  }

  /**
   * This tree without the resident {@code id} on the roster: kept among the removed residents, so
   * their alerts' history still names them and their devices are known to be withdrawn.
   */
  public OrgTree withoutResident(String id) {
    var resident = residents.get(id);
    if (resident == null) return this;
    var removed = new HashMap<>(removedResidents);
    removed.put(id, resident);
    return new OrgTree(districts, streets, communities, grids, buildings, people,
        without(residents, java.util.Set.of(id)), removed);
  }

  private static <V> Map<String, V> without(Map<String, V> base, java.util.Set<String> keys) {
    if (keys.stream().noneMatch(base::containsKey)) return base;
    var kept = new HashMap<>(base);
    kept.keySet().removeAll(keys);
    return kept;
  }

  /** True when merging {@code delta} would change nothing: a re-import of the same document. */
  public boolean alreadyContains(OrgTree delta) {
    return contains(districts, delta.districts)
        && contains(streets, delta.streets)
        && contains(communities, delta.communities)
        && contains(grids, delta.grids)
        && contains(buildings, delta.buildings)
        && contains(people, delta.people)
        && contains(residents, delta.residents);
  }

  public int size() {
    return districts.size() + streets.size() + communities.size() + grids.size() + buildings.size()
        + people.size() + residents.size();
  }

  private static <V> Map<String, V> upsert(Map<String, V> base, Map<String, V> delta) {
    if (delta.isEmpty()) return base;
    var merged = new HashMap<>(base);
    merged.putAll(delta);
    return merged;
  }

  private static <V> boolean contains(Map<String, V> base, Map<String, V> delta) {
    return delta.entrySet().stream().allMatch(e -> e.getValue().equals(base.get(e.getKey())));
  }
}
