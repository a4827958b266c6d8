package org.sanwang.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanwang.hub.access.Access.NodeSight;
import org.sanwang.hub.org.FieldError;
import org.sanwang.hub.org.OrgFixtures;
import org.sanwang.hub.org.OrgImport;
import org.sanwang.hub.org.OrgImportValidator;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgIndex;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.RoleGrant;

class AccessTest {
  static final String COMMUNITY = "130803001001";
  static final String OTHER_COMMUNITY = "130803001002";
  static final String GRID = "130803001001-G01";
  static final String B07 = "130803001001-B07";
  static final String B08 = "130803001001-B08";
  static final String B07_U1 = "130803001001-B07-U1";
  static final String B07_U2 = "130803001001-B07-U2";

  static OrgIndex index;
  static OrgTree.Resident liDaye;

  @BeforeAll
  static void build() {
    index = new OrgIndex(OrgImporter.toTree(OrgFixtures.shuangan(), OrgTree.EMPTY));
    liDaye = index.tree().residents().get("r-001");
  }

  static Access as(String role, String scope) {
    return as("p-100", role, scope);
  }

  static Access as(String id, String role, String scope) {
    return Access.of(index, new Principal(id, "某人", List.of(new RoleGrant(role, scope))));
  }

  static List<Access> respondersOfB07U2() {
    return List.of(Access.of(index, Principal.admin()), as("district_command", "130803"), as("street_command", "130803001"),
        as("community_secretary", COMMUNITY), as("community_duty", COMMUNITY), as("grid_head", GRID), as("grid_member", GRID),
        as("building_head", B07), as("online_building_head", B07), as("unit_head", B07_U2));
  }

  @Test
  void everyResponderWhoseScopeReachesTheUnitHandlesItsAlertsAndReachesTheFamily() {
    for (var underTest : respondersOfB07U2()) {
      assertThat(underTest.mayHandleAlertsOf(B07)).isTrue();
      assertThat(underTest.mayReachFamiliesOf(B07_U2)).isTrue();
      assertThat(underTest.seesContactsOf(liDaye)).isTrue();
      assertThat(underTest.mayManageCallLinksOf(liDaye)).isTrue();
      assertThat(underTest.sightOf(B07)).isEqualTo(NodeSight.FULL);
      assertThat(underTest.mayJoinGroup(B07)).isTrue();
    }
  }

  @Test
  void aUnitHeadHandlesEveryAlertOfTheirBuildingButReachesOnlyTheFamiliesOfTheirUnit() {
    var underTest = as("unit_head", B07_U1);
    assertThat(underTest.mayHandleAlertsOf(B07)).isTrue();
    assertThat(underTest.mayJoinGroup(B07)).isTrue();
    assertThat(underTest.sightOf(B07)).isEqualTo(NodeSight.FULL);
    assertThat(underTest.mayReachFamiliesOf(B07_U1)).isTrue();
    assertThat(underTest.mayReachFamiliesOf(B07_U2)).isFalse();
    assertThat(underTest.seesContactsOf(liDaye)).as("李大爷 lives in unit 2").isFalse();
    assertThat(underTest.mayManageCallLinksOf(liDaye)).isFalse();
    assertThat(underTest.mayHandleAlertsOf(B08)).isFalse();
    assertThat(underTest.mayJoinGroup(B08)).isFalse();
  }

  @Test
  void aBuildingHeadWorksInTheirBuildingAndReadsTheGridAndCommunityByName() {
    var underTest = as("building_head", B08);
    assertThat(underTest.mayHandleAlertsOf(B08)).isTrue();
    assertThat(underTest.mayHandleAlertsOf(B07)).isFalse();
    assertThat(underTest.seesContactsOf(liDaye)).isFalse();
    assertThat(underTest.sightOf(B08)).isEqualTo(NodeSight.FULL);
    assertThat(underTest.sightOf(B07)).isEqualTo(NodeSight.NONE);
    assertThat(underTest.sightOf(GRID)).isEqualTo(NodeSight.NAMES);
    assertThat(underTest.sightOf(COMMUNITY)).isEqualTo(NodeSight.NAMES);
    assertThat(underTest.sightOf("130803001")).isEqualTo(NodeSight.NONE);
    assertThat(underTest.mayOverseeCommunity(COMMUNITY)).isFalse();
  }

  @Test
  void aResidentSeesNoAlertsNotEvenOfTheirOwnBuilding() {
    var underTest = as("resident", B07);
    assertThat(underTest.mayHandleAlertsOf(B07)).isFalse();
    assertThat(underTest.mayReachFamiliesOf(B07_U2)).isFalse();
    assertThat(underTest.seesContactsOf(liDaye)).isFalse();
    assertThat(underTest.mayManageCallLinksOf(liDaye)).isFalse();
  }

  @Test
  void aResidentReadsTheirBuildingUpToTheCommunityByNameAndOnlyTheirOwnFamily() {
    var neighbour = as("resident", B07);
    assertThat(neighbour.sightOf(B07)).isEqualTo(NodeSight.NAMES);
    assertThat(neighbour.sightOf(GRID)).isEqualTo(NodeSight.NAMES);
    assertThat(neighbour.sightOf(COMMUNITY)).isEqualTo(NodeSight.NAMES);
    assertThat(neighbour.sightOf(B08)).isEqualTo(NodeSight.NONE);
    assertThat(neighbour.sightOf("130803001")).isEqualTo(NodeSight.NONE);
    assertThat(neighbour.isOwnRecord(liDaye)).isFalse();

    var himself = as("r-001", "resident", B07);
    assertThat(himself.isOwnRecord(liDaye)).isTrue();
    assertThat(himself.seesContactsOf(liDaye)).isTrue();
    assertThat(himself.mayHandleAlertsOf(B07)).as("his own call's page is /call/{token}").isFalse();
    assertThat(as("r-001", "grid_member", GRID).isOwnRecord(liDaye)).as("the same id without a resident role").isFalse();
  }

  @Test
  void aPartyMemberSeesNoAlertsAndReadsOnlyTheirCommunityByName() {
    var underTest = as("party_member", COMMUNITY);
    assertThat(underTest.mayHandleAlertsOf(B07)).isFalse();
    assertThat(underTest.seesContactsOf(liDaye)).isFalse();
    assertThat(underTest.mayManageCallLinksOf(liDaye)).isFalse();
    assertThat(underTest.sightOf(COMMUNITY)).isEqualTo(NodeSight.NAMES);
    assertThat(underTest.sightOf(B07)).isEqualTo(NodeSight.NONE);
    assertThat(underTest.mayJoinGroup(B07)).isFalse();
    assertThat(underTest.mayJoinGroup(COMMUNITY)).isTrue();
    assertThat(underTest.mayOverseeCommunity(COMMUNITY)).isFalse();
    assertThat(underTest.mayConfigureCommunity(COMMUNITY)).isFalse();
  }

  @Test
  void aPartyMemberWhoIsAlsoAnOnlineBuildingHeadRespondsInThatBuilding() {
    var underTest = Access.of(index, new Principal("p-100", "某人",
        List.of(new RoleGrant("party_member", COMMUNITY), new RoleGrant("online_building_head", B08))));
    assertThat(underTest.mayHandleAlertsOf(B08)).isTrue();
    assertThat(underTest.mayJoinGroup(B08)).isTrue();
    assertThat(underTest.mayHandleAlertsOf(B07)).isFalse();
  }

  @Test
  void aBuildingGroupBelongsToItsRespondersAndItsResidents() {
    assertThat(as("resident", B07).mayJoinGroup(B07)).isTrue();
    assertThat(as("resident", B08).mayJoinGroup(B07)).isFalse();
    assertThat(as("building_head", B08).mayJoinGroup(B07)).isFalse();
    assertThat(as("unit_head", B07_U2).mayJoinGroup(B07)).isTrue();
    assertThat(as("grid_member", GRID).mayJoinGroup(B08)).isTrue();
    assertThat(as("grid_member", GRID).mayJoinGroup(GRID)).as("a grid has no group").isFalse();
  }

  @Test
  void aCommunityChannelBelongsToEveryoneScopedInsideOrAboveIt() {
    for (var inside : List.of(as("resident", B08), as("unit_head", B07_U2), as("party_member", COMMUNITY),
        as("building_head", B07), as("grid_head", GRID), as("street_command", "130803001"), Access.of(index, Principal.admin())))
      assertThat(inside.mayJoinGroup(COMMUNITY)).isTrue();
    assertThat(as("resident", B07).mayJoinGroup(OTHER_COMMUNITY)).isFalse();
    assertThat(as("party_member", COMMUNITY).mayJoinGroup(OTHER_COMMUNITY)).isFalse();
    assertThat(as("street_command", "130803002").mayJoinGroup(COMMUNITY)).isFalse();
  }

  @Test
  void aCommunitysSettingsAreReadByItsRespondersAndChangedByItsSecretary() {
    assertThat(as("community_duty", COMMUNITY).mayOverseeCommunity(COMMUNITY)).isTrue();
    assertThat(as("community_duty", COMMUNITY).mayConfigureCommunity(COMMUNITY)).isFalse();
    assertThat(as("community_secretary", COMMUNITY).mayConfigureCommunity(COMMUNITY)).isTrue();
    assertThat(as("community_secretary", COMMUNITY).mayConfigureCommunity(OTHER_COMMUNITY)).isFalse();
    assertThat(as("street_command", "130803001").mayOverseeCommunity(COMMUNITY)).isTrue();
    assertThat(as("grid_head", GRID).mayOverseeCommunity(COMMUNITY)).isFalse();
    assertThat(as("resident", B07).mayOverseeCommunity(COMMUNITY)).isFalse();
    assertThat(Access.of(index, Principal.admin()).mayConfigureCommunity(COMMUNITY)).isTrue();
  }

  @Test
  void residentsAndPartyMembersAreNotResponders() {
    assertThat(Access.isResponderRole("unit_head")).isTrue();
    assertThat(Access.isResponderRole("resident")).isFalse();
    assertThat(Access.isResponderRole("party_member")).isFalse();
    assertThat(Access.isResponderRole("wizard")).isFalse();
  }

  @Test
  void aPartyMemberIsImportedWithTheCommunityAsScope() {
    var base = OrgFixtures.shuangan();
    var people = new ArrayList<>(base.people());
    people.add(new OrgImport.PersonSpec("p-050", "党员甲", "+8613800000050", List.of(new RoleGrant("party_member", COMMUNITY)), null));
    people.add(new OrgImport.PersonSpec("p-051", "党员乙", "+8613800000051", List.of(new RoleGrant("party_member", B07)), null));

    var errors = OrgImportValidator.validate(new OrgImport(base.districts(), people, base.residents()), OrgTree.EMPTY);

    assertThat(errors).extracting(FieldError::path).containsExactly("people[" + (people.size() - 1) + "].roles[0].scope");
  }
}
