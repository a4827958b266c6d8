package org.sanwang.hub.org;

import java.util.List;

/**
 * The roster import document of the contract ({@code POST /api/v1/org/import}, and the demo
 * district). This is the wire shape: people carry plain passwords and residents' devices plain
 * secrets; {@link OrgImporter} hashes them before anything is persisted.
 */
public record OrgImport(List<District> districts, List<PersonSpec> people, List<ResidentSpec> residents) {
  public OrgImport {
    districts = districts == null ? List.of() : List.copyOf(districts);
    people = people == null ? List.of() : List.copyOf(people);
    residents = residents == null ? List.of() : List.copyOf(residents);
  }

  public record District(String code, String name, List<Street> streets) {
    public District {
      streets = streets == null ? List.of() : List.copyOf(streets);
    }
  }

  public record Street(String code, String name, List<Community> communities) {
    public Street {
      communities = communities == null ? List.of() : List.copyOf(communities);
    }
  }

  public record Community(String code, String name, List<Grid> grids, List<Building> buildings) {
    public Community {
      grids = grids == null ? List.of() : List.copyOf(grids);
      buildings = buildings == null ? List.of() : List.copyOf(buildings);
    }
  }

  public record Grid(String code, String name, List<String> buildings) {
    public Grid {
      buildings = buildings == null ? List.of() : List.copyOf(buildings);
    }
  }

  public record Building(String code, String name, Integer units) {}

  public record PersonSpec(String id, String name, String phone, List<RoleGrant> roles, Login login) {
    public PersonSpec {
      roles = roles == null ? List.of() : List.copyOf(roles);
    }
  }

  public record Login(String username, String password) {}

  public record ResidentSpec(
      String id,
      String name,
      String building,
      Integer unit,
      String room,
      List<String> flags,
      List<OrgTree.Contact> contacts,
      List<DeviceSpec> devices) {
    public ResidentSpec {
      flags = flags == null ? List.of() : List.copyOf(flags);
      contacts = contacts == null ? List.of() : List.copyOf(contacts);
      devices = devices == null ? List.of() : List.copyOf(devices);
    }
  }

  public record DeviceSpec(String id, String secret) {}
}
