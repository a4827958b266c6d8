package org.sanwang.hub.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrgIndexTest {
  static OrgIndex underTest;

  @BeforeAll
  static void build() {
    underTest = new OrgIndex(OrgImporter.toTree(OrgFixtures.shuangan(), OrgTree.EMPTY));
  }

  @Test
  void ancestorsOfABuildingClimbThroughItsGridToTheDistrict() {
    assertThat(underTest.ancestors("130803001001-B07")).containsExactly(
        "130803001001-B07", "130803001001-G01", "130803001001", "130803001", "130803");
    assertThat(underTest.ancestors("130803001001-B07-U2")).startsWith("130803001001-B07-U2", "130803001001-B07");
  }

  @Test
  void holdersAreFoundAtOrAboveTheBuilding() {
    assertThat(underTest.holders(Role.building_head, "130803001001-B07")).extracting(OrgTree.Person::id).containsExactly("p-001");
    assertThat(underTest.holders(Role.grid_member, "130803001001-B07")).extracting(OrgTree.Person::id).containsExactly("p-002");
    assertThat(underTest.holders(Role.community_duty, "130803001001-B08")).extracting(OrgTree.Person::id).containsExactly("p-003");
    assertThat(underTest.holders(Role.street_command, "130803001001-B08")).extracting(OrgTree.Person::id).containsExactly("p-004");
    assertThat(underTest.holders(Role.online_building_head, "130803001001-B07")).isEmpty();
  }

  @Test
  void groupsExistForKnownBuildingsAndCommunitiesOnly() {
    assertThat(underTest.isGroup("130803001001-B07")).isTrue();
    assertThat(underTest.isGroup("130803001001")).isTrue();
    assertThat(underTest.isGroup("130803001001-B09")).isFalse();
    assertThat(underTest.isGroup("130803001001-G01")).isFalse();
    assertThat(underTest.isGroup("x")).isFalse();
  }
}
