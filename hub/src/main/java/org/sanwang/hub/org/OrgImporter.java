package org.sanwang.hub.org;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanwang.hub.access.Passwords;

/**
 * Turns a validated import document into the partial tree it upserts. Passwords and device secrets
 * are hashed here; when one is unchanged the stored hash is kept, so re-importing the same document
 * changes nothing. Hashing is slow on purpose: call this off the actors' threads.
 */
public final class OrgImporter {
  private OrgImporter() {}

  public static OrgTree toTree(OrgImport doc, OrgTree known) {
    Map<String, OrgTree.DistrictNode> districts = new HashMap<>();
    Map<String, OrgTree.StreetNode> streets = new HashMap<>();
    Map<String, OrgTree.CommunityNode> communities = new HashMap<>();
    Map<String, OrgTree.GridNode> grids = new HashMap<>();
    Map<String, OrgTree.BuildingNode> buildings = new HashMap<>();
    for (var d : doc.districts()) {
      districts.put(d.code(), new OrgTree.DistrictNode(d.code(), d.name()));
      for (var s : d.streets()) {
        streets.put(s.code(), new OrgTree.StreetNode(s.code(), s.name(), d.code()));
        for (var c : s.communities()) {
          communities.put(c.code(), new OrgTree.CommunityNode(c.code(), c.name(), s.code()));
          for (var b : c.buildings())
            buildings.put(b.code(), new OrgTree.BuildingNode(b.code(), b.name(), c.code(), b.units()));
          for (var g : c.grids())
            grids.put(g.code(), new OrgTree.GridNode(g.code(), g.name(), c.code(), List.copyOf(g.buildings())));
        }
      }
    }
    Map<String, OrgTree.Person> people = new HashMap<>();
    doc.people().parallelStream()
        .map(p -> person(p, known.people().get(p.id())))
        .toList()
        .forEach(p -> people.put(p.id(), p));
    Map<String, OrgTree.Resident> residents = new HashMap<>();
    for (var r : doc.residents()) residents.put(r.id(), resident(r, known.residents().get(r.id())));
    return new OrgTree(districts, streets, communities, grids, buildings, people, residents);
  }

  private static OrgTree.Person person(OrgImport.PersonSpec p, OrgTree.Person before) {
    String username = null;
    String hash = null;
    if (p.login() != null) {
      username = p.login().username();
      boolean same = before != null && username.equals(before.username())
          && Passwords.verify(p.login().password(), before.passwordHash());
      hash = same ? before.passwordHash() : Passwords.hash(p.login().password());
    }
    return new OrgTree.Person(p.id(), p.name(), p.phone(), List.copyOf(p.roles()), username, hash);
  }

  private static OrgTree.Resident resident(OrgImport.ResidentSpec r, OrgTree.Resident before) {
    var devices = r.devices().stream().map(d -> {
      var old = before == null ? null
          : before.devices().stream().filter(x -> x.id().equals(d.id())).findFirst().orElse(null);
      boolean same = old != null && Passwords.verifySecret(d.secret(), old.secretHash());
      return new OrgTree.Device(d.id(), same ? old.secretHash() : Passwords.hashSecret(d.secret()));
    }).toList();
    return new OrgTree.Resident(r.id(), r.name(), r.building(), r.unit(), r.room(),
        List.copyOf(r.flags()), List.copyOf(r.contacts()), devices);
  }
}
