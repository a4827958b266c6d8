package org.sanwang.hub.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrgImportValidatorTest {
  @Test
  void aWellFormedDocumentHasNoErrors() {
    assertThat(OrgImportValidator.validate(OrgFixtures.shuangan(), OrgTree.EMPTY)).isEmpty();
  }

  @Test
  void everyBadPathIsNamed() {
    var good = OrgFixtures.shuangan();
    var people = List.of(
        good.people().get(0),
        new OrgImport.PersonSpec("p-002", "", "not-a-phone",
            List.of(new RoleGrant("building_head", "130803001001-B99"), new RoleGrant("grid_member", "130803001001-B07"),
                new RoleGrant("wizard", "130803001001")),
            new OrgImport.Login("wangfang", "short")));
    var resident = new OrgImport.ResidentSpec("r-001", "李大爷", "130803001001-B07", 9, "302", List.of("lonely"),
        List.of(), List.of(new OrgImport.DeviceSpec("dev-0001", "short")));
    var doc = new OrgImport(good.districts(), people, List.of(resident));

    var errors = OrgImportValidator.validate(doc, OrgTree.EMPTY);

    assertThat(errors).extracting(FieldError::path).containsExactlyInAnyOrder(
        "people[1].name",
        "people[1].phone",
        "people[1].roles[0].scope",
        "people[1].roles[1].scope",
        "people[1].roles[2].role",
        "people[1].login.username",
        "people[1].login.password",
        "residents[0].unit",
        "residents[0].flags[0]",
        "residents[0].devices[0].secret");
    assertThat(errors).filteredOn(e -> e.path().equals("people[1].roles[0].scope"))
        .extracting(FieldError::message).containsExactly("unknown org code 130803001001-B99");
  }

  @Test
  void codesMustNestInsideTheirParents() {
    var building = new OrgImport.Building("130803001002-B01", "1号楼", 2);
    var community = new OrgImport.Community("130803002001", "别处社区", List.of(), List.of(building));
    var street = new OrgImport.Street("130803001", "元宝山街道", List.of(community));
    var doc = new OrgImport(List.of(new OrgImport.District("130803", "双滦区", List.of(street))), List.of(), List.of());

    assertThat(OrgImportValidator.validate(doc, OrgTree.EMPTY)).extracting(FieldError::path).containsExactlyInAnyOrder(
        "districts[0].streets[0].communities[0].code",
        "districts[0].streets[0].communities[0].buildings[0].code");
  }

  @Test
  void scopesMayNameNodesImportedEarlier() {
    var known = OrgImporter.toTree(OrgFixtures.shuangan(), OrgTree.EMPTY);
    var person = new OrgImport.PersonSpec("p-100", "新楼长", null,
        List.of(new RoleGrant("building_head", "130803001001-B08")), null);
    var doc = new OrgImport(List.of(), List.of(person), List.of());
    assertThat(OrgImportValidator.validate(doc, known)).isEmpty();
  }
}
