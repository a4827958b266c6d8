package org.sanwang.hub.org;

import java.util.Arrays;
import java.util.Optional;

/** The roles of the contract; a role is always held with a scope (an org code). */
public enum Role {
  admin,
  district_command,
  street_command,
  community_secretary,
  community_duty,
  grid_head,
  grid_member,
  building_head,
  online_building_head,
  unit_head,
  /** An in-service Party member reported to a community (双报到); not a responder. */
  party_member,
  resident;

  public static Optional<Role> parse(String s) {
    return Arrays.stream(values()).filter(r -> r.name().equals(s)).findFirst();
  }

  /** The org level a scope of this role must name. */
  public Codes.Level scopeLevel() {
    return switch (this) {
      case admin, district_command -> Codes.Level.DISTRICT;
      case street_command -> Codes.Level.STREET;
      case community_secretary, community_duty, party_member -> Codes.Level.COMMUNITY;
      case grid_head, grid_member -> Codes.Level.GRID;
      case building_head, online_building_head, resident -> Codes.Level.BUILDING;
      case unit_head -> Codes.Level.UNIT;
    };
  }
}
