package org.sanwang.hub.org;

import java.util.List;

/** A small community, in the contract's import format, for tests. */
public final class OrgFixtures {
  private OrgFixtures() {}

  public static OrgImport shuangan() {
    var buildings = List.of(
        new OrgImport.Building("130803001001-B07", "7号楼", 3),
        new OrgImport.Building("130803001001-B08", "8号楼", 2));
    var grid = new OrgImport.Grid("130803001001-G01", "第一网格", List.of("130803001001-B07", "130803001001-B08"));
    var community = new OrgImport.Community("130803001001", "双安社区", List.of(grid), buildings);
    var street = new OrgImport.Street("130803001", "元宝山街道", List.of(community));
    var district = new OrgImport.District("130803", "双滦区", List.of(street));
    var people = List.of(
        new OrgImport.PersonSpec("p-001", "王芳", "+8613800000001",
            List.of(new RoleGrant("building_head", "130803001001-B07")), new OrgImport.Login("wangfang", "correct horse 7")),
        new OrgImport.PersonSpec("p-002", "赵强", "+8613800000002",
            List.of(new RoleGrant("grid_member", "130803001001-G01")), null),
        new OrgImport.PersonSpec("p-003", "孙丽", "+8613800000003",
            List.of(new RoleGrant("community_duty", "130803001001")), null),
        new OrgImport.PersonSpec("p-004", "周杰", "+8613800000004",
            List.of(new RoleGrant("street_command", "130803001")), null),
        new OrgImport.PersonSpec("p-005", "吴敏", "+8613800000005",
            List.of(new RoleGrant("building_head", "130803001001-B08")), null),
        new OrgImport.PersonSpec("p-006", "郑平", "+8613800000006",
            List.of(new RoleGrant("unit_head", "130803001001-B07-U2")), null));
    var residents = List.of(new OrgImport.ResidentSpec("r-001", "李大爷", "130803001001-B07", 2, "302",
        List.of("living_alone", "over_85"), List.of(new OrgTree.Contact("李娜", "daughter", "+8613900000001")),
        List.of(new OrgImport.DeviceSpec("dev-0001", "a-device-secret-of-16+"))));
    return new OrgImport(List.of(district), people, residents);
  }
}
