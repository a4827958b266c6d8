package org.sanwang.hub.access;

import java.util.List;
import org.sanwang.hub.org.RoleGrant;

/** Who is asking: a person from the roster, or the built-in admin. */
public record Principal(String id, String name, List<RoleGrant> roles) {
  public static final String ADMIN_ID = "admin";

  public static Principal admin() {
    return new Principal(ADMIN_ID, "管理员", List.of(new RoleGrant("admin", "*")));
  }

  public boolean isAdmin() {
    return roles.stream().anyMatch(r -> r.role().equals("admin"));
  }

  /** The role to show on a message this person posts in a group. */
  public String roleIn(String groupId) {
    return roles.stream()
        .filter(r -> r.scope().equals(groupId) || groupId.startsWith(r.scope()) || r.scope().startsWith(groupId))
        .map(RoleGrant::role)
        .findFirst()
        .orElse(roles.isEmpty() ? "resident" : roles.get(0).role());
  }
}
