package org.sanwang.hub.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgIndex;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.Role;
import org.sanwang.hub.org.RoleGrant;

/**
 * What one caller may see and do, decided from the organisation and the caller's role grants alone
 * (the routes only ask and enforce). A caller may do what any one of their grants allows.
 *
 * <ul>
 *   <li>Responders ({@link #RESPONDERS}: everyone but residents and party members) work in an area:
 *       their scope, except that a unit head works for the whole building of their unit. Inside it
 *       they list, read, follow and act on alerts, read org nodes with the staff's phones, and
 *       belong to the building groups.
 *   <li>A resident's family phones and personal call links go to the responders whose own scope
 *       reaches the resident's unit (a unit head: their unit only), and to the resident themselves.
 *   <li>Residents and party members see no alerts. They read the org nodes from their scope up to
 *       their community with names only, and of the residents only their own record.
 *   <li>A building group belongs to its responders and residents; a community channel to everyone
 *       scoped inside or above the community.
 *   <li>A community's settings (escalation policy, check-in book) are read by the responders
 *       reaching the community and changed by its secretary or admin.
 * </ul>
 */
public final class Access {
  /** The roles that answer calls. Listed, so that a role added later responds only once it is put here. */
  public static final Set<Role> RESPONDERS = Collections.unmodifiableSet(EnumSet.of(
      Role.admin, Role.district_command, Role.street_command, Role.community_secretary, Role.community_duty,
      Role.grid_head, Role.grid_member, Role.building_head, Role.online_building_head, Role.unit_head));

  /** How much of an org node a caller reads. */
  public enum NodeSight {
    /** Role holders with their phones, every resident (family contacts as {@link #seesContactsOf} allows). */
    FULL,
    /** Role holders by name without phones; of the residents only the caller's own record. */
    NAMES,
    /** Nothing: the node is outside the caller's scopes. */
    NONE
  }

  private final OrgIndex index;
  private final Principal who;

  private Access(OrgIndex index, Principal who) {
    this.index = index;
    this.who = who;
  }

  public static Access of(OrgIndex index, Principal who) {
    return new Access(index, who);
  }

  public static boolean isResponderRole(String role) {
    return Role.parse(role).filter(RESPONDERS::contains).isPresent();
  }

  /** List, read, follow and act on (acknowledge, arrive, resolve, cancel) the alerts of this building. */
  public boolean mayHandleAlertsOf(String building) {
    return building != null && respondsAt(building);
  }

  /** Read the family phones of this unit's residents, and issue, list and revoke their personal call links. */
  public boolean mayReachFamiliesOf(String unit) {
    if (who.isAdmin()) return true;
    var above = index.ancestors(unit);
    return responderGrants().anyMatch(g -> above.contains(g.scope()));
  }

  public boolean seesContactsOf(OrgTree.Resident r) {
    return isOwnRecord(r) || mayReachFamiliesOf(Codes.unitCode(r.building(), r.unit()));
  }

  public boolean mayManageCallLinksOf(OrgTree.Resident r) {
    return mayReachFamiliesOf(Codes.unitCode(r.building(), r.unit()));
  }

  /** A resident who logs in is the person with the resident record's id and a resident role on its building. */
  public boolean isOwnRecord(OrgTree.Resident r) {
    return r.id().equals(who.id()) && who.roles().contains(new RoleGrant(Role.resident.name(), r.building()));
  }

  public NodeSight sightOf(String code) {
    if (respondsAt(code)) return NodeSight.FULL;
    return knownGrants().anyMatch(g -> onTheWayUp(g.scope(), code)) ? NodeSight.NAMES : NodeSight.NONE;
  }

  /** Read and post in a group, and follow it live. */
  public boolean mayJoinGroup(String groupId) {
    if (Codes.is(groupId, Codes.Level.BUILDING))
      return respondsAt(groupId) || who.roles().contains(new RoleGrant(Role.resident.name(), groupId));
    if (Codes.is(groupId, Codes.Level.COMMUNITY)) {
      if (who.isAdmin()) return true;
      var above = index.ancestors(groupId);
      return knownGrants().anyMatch(g -> above.contains(g.scope()) || index.ancestors(g.scope()).contains(groupId));
    }
    return false;
  }

  /** Read the community, its escalation policy and its check-in book. */
  public boolean mayOverseeCommunity(String community) {
    return respondsAt(community);
  }

  /** Change the community's escalation policy and check-in deadline. */
  public boolean mayConfigureCommunity(String community) {
    return who.isAdmin() || who.roles().contains(new RoleGrant(Role.community_secretary.name(), community));
  }

  /**
   * See and operate the three networks' edge (status, quarantine and replay, mappings, outbox): the
   * admin and district staff, whose district the networks serve whole.
   */
  public boolean mayOperateNetworks() {
    return who.isAdmin() || knownGrants().anyMatch(g -> g.role().equals(Role.district_command.name()));
  }

  // The networks' work: cases, wishes, appointments, Party members

  private static final Set<Role> COMMUNITY_STAFF = EnumSet.of(Role.community_secretary, Role.community_duty);
  private static final Set<Role> CASE_HANDLERS_IN_COMMUNITY = EnumSet.of(Role.grid_head, Role.grid_member,
      Role.community_secretary, Role.community_duty, Role.street_command);
  private static final Set<Role> OVERSEERS = EnumSet.of(Role.community_secretary, Role.community_duty, Role.street_command);

  /** See the cases, wishes and appointments of a place (a building or community): its responders, and a community's Party members. */
  public boolean seesWorkAt(String place) {
    if (place == null) return false;
    return respondsAt(place) || holdsAt(EnumSet.of(Role.party_member), Codes.communityOf(place));
  }

  /** Report a case (随手拍) about a building: anyone who works there, and the community's Party members. */
  public boolean mayReportCaseAt(String building) {
    return seesWorkAt(building);
  }

  /**
   * Accept, escalate and resolve a case at its level: at the community, the grid and community staff
   * (and the street above); at the street, street staff; at the district, district staff. Admin and
   * district staff always.
   */
  public boolean mayHandleCase(String place, org.sanwang.hub.work.Level level) {
    if (who.isAdmin() || holdsAt(EnumSet.of(Role.district_command), place)) return true;
    return switch (level) {
      case community -> holdsAt(CASE_HANDLERS_IN_COMMUNITY, place);
      case street -> holdsAt(EnumSet.of(Role.street_command), place);
      case district -> false;
    };
  }

  /** Rate a resolved case: who reported it in the hub, or the community's staff on the reporter's behalf. */
  public boolean mayRateCase(String place, String reportedBy) {
    return who.isAdmin() || who.id().equals(reportedBy) || holdsAt(COMMUNITY_STAFF, place);
  }

  /** Post a wish on a resident's behalf: those who work in the building (its heads, the grid, community staff). */
  public boolean mayPostWishAt(String place) {
    return place != null && respondsAt(place);
  }

  /** Claim a wish: a Party member reported to its community. */
  public boolean mayClaimWishIn(String community) {
    return holdsAt(EnumSet.of(Role.party_member), community);
  }

  /** Confirm a fulfilled wish for the resident: the building's heads, or the community's staff. */
  public boolean mayConfirmWishAt(String place) {
    return who.isAdmin() || holdsAt(EnumSet.of(Role.building_head, Role.online_building_head), place)
        || holdsAt(COMMUNITY_STAFF, place);
  }

  /** Cancel a wish: who posted it, or the community's staff. */
  public boolean mayCancelWish(String place, String postedBy) {
    return who.isAdmin() || who.id().equals(postedBy) || holdsAt(COMMUNITY_STAFF, place);
  }

  /** Accept, complete or cancel an appointment: the building's grid members and the community's staff. */
  public boolean mayHandleAppointmentAt(String building) {
    return who.isAdmin() || holdsAt(EnumSet.of(Role.grid_head, Role.grid_member), building) || holdsAt(COMMUNITY_STAFF, building);
  }

  /** List and remove a community's reported Party members, and see its points: its staff and those above. */
  public boolean mayOverseeMembersOf(String community) {
    return who.isAdmin() || holdsAt(EnumSet.of(Role.district_command), community) || holdsAt(OVERSEERS, community);
  }

  public boolean isAdmin() {
    return who.isAdmin();
  }

  /** Holds one of {@code roles} with a scope at or above {@code place}. */
  private boolean holdsAt(Set<Role> roles, String place) {
    if (place == null || Codes.levelOf(place).isEmpty()) return false;
    var above = index.ancestors(place);
    return knownGrants().anyMatch(g -> roles.contains(Role.parse(g.role()).orElseThrow()) && above.contains(workArea(g)));
  }

  private boolean respondsAt(String code) {
    if (who.isAdmin()) return true;
    var above = index.ancestors(code);
    return responderGrants().anyMatch(g -> above.contains(workArea(g)));
  }

  /** A unit head works for the whole building of their unit; everyone else within their scope. */
  private static String workArea(RoleGrant g) {
    return g.role().equals(Role.unit_head.name()) && Codes.is(g.scope(), Codes.Level.UNIT)
        ? Codes.buildingOfUnit(g.scope()) : g.scope();
  }

  /** The code is the scope or above it, but no higher than the scope's community. */
  private boolean onTheWayUp(String scope, String code) {
    return Codes.levelOf(code).filter(level -> level.compareTo(Codes.Level.COMMUNITY) >= 0).isPresent()
        && index.ancestors(scope).contains(code);
  }

  private Stream<RoleGrant> knownGrants() {
    return who.roles().stream().filter(g -> g.scope() != null && Role.parse(g.role()).isPresent());
  }

  private Stream<RoleGrant> responderGrants() {
    return knownGrants().filter(g -> isResponderRole(g.role()));
  }
}
