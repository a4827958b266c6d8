package org.sanwang.ops.netsim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanwang.hub.org.OrgImport;
import org.sanwang.ops.demo.DemoDistrict;

/**
 * The district as the networks know it: the communities netsim addresses, their buildings and the
 * residents of each. For the demo district's codes these are the demo's own (its structure is the
 * same on every install: {@link DemoDistrict#generate} with {@link #DEMO_SEED}), so an appointment
 * names a resident who lives in that building. Another code gets buildings {@code -B01}…{@code -B20}
 * and no residents (netsim then books no appointments there).
 *
 * @param communities in the order given
 */
record DemoRoster(List<Community> communities) {
  /** The seed {@code DemoDistrict.seed} generates the demo with; the two must agree. */
  static final long DEMO_SEED = org.sanwang.ops.demo.DemoDistrict.SEED;

  record Resident(String id, String name) {}

  record Building(String code, String name, List<Resident> residents) {
    Building {
      residents = List.copyOf(residents);
    }
  }

  /**
   * @param number a small number of its own, stable across runs (the demo's order, then 100 on), for
   *               ids the network keeps for good (its members' {@code DY-…})
   */
  record Community(String code, String name, int number, List<Building> buildings) {
    Community {
      buildings = List.copyOf(buildings);
    }

    boolean hasResidents() {
      return buildings.stream().anyMatch(b -> !b.residents().isEmpty());
    }
  }

  DemoRoster {
    if (communities.isEmpty()) throw new IllegalArgumentException("communities: at least one");
    communities = List.copyOf(communities);
  }

  /** The roster of these community codes. */
  static DemoRoster of(List<String> codes) {
    var demo = Demo.COMMUNITIES;
    var list = new ArrayList<Community>();
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      var known = demo.get(code);
      if (known != null) {
        list.add(known);
        continue;
      }
      var buildings = new ArrayList<Building>();
      for (int b = 1; b <= NetworkEvents.DEMO_BUILDINGS_PER_COMMUNITY; b++)
        buildings.add(new Building(code + String.format("-B%02d", b), b + "号楼", List.of()));
      list.add(new Community(code, code, 100 + i, buildings));
    }
    return new DemoRoster(list);
  }

  Optional<Community> community(String code) {
    return communities.stream().filter(c -> c.code().equals(code)).findFirst();
  }

  /** The building of this code, in any of the communities. */
  Optional<Building> building(String code) {
    int dash = code.indexOf('-');
    if (dash < 0) return Optional.empty();
    return community(code.substring(0, dash)).flatMap(c -> c.buildings().stream().filter(b -> b.code().equals(code)).findFirst());
  }

  /** The demo district, generated once (a few thousand records; its passwords and secrets are thrown away). */
  private static final class Demo {
    static final Map<String, Community> COMMUNITIES = load();

    private static Map<String, Community> load() {
      var doc = DemoDistrict.generate(DEMO_SEED, "netsim-does-not-log-in");
      var residents = new HashMap<String, List<Resident>>();
      for (var r : doc.residents()) residents.computeIfAbsent(r.building(), b -> new ArrayList<>()).add(new Resident(r.id(), r.name()));
      var map = new LinkedHashMap<String, Community>();
      int number = 0;
      for (var district : doc.districts())
        for (var street : district.streets())
          for (OrgImport.Community c : street.communities()) {
            var buildings = c.buildings().stream()
                .map(b -> new Building(b.code(), b.name(), residents.getOrDefault(b.code(), List.of()))).toList();
            map.put(c.code(), new Community(c.code(), c.name(), number++, buildings));
          }
      return Map.copyOf(map);
    }
  }
}
