package org.sanwang.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Import documents in the contract's JSON format, built as plain maps the way a client would. */
final class OrgDocuments {
  static final String PASSWORD = "wangfang-pass-123";

  private OrgDocuments() {}

  static Map<String, Object> shuangan() {
    var buildings = new ArrayList<Map<String, Object>>();
    var codes = new ArrayList<String>();
    for (int b = 7; b <= 13; b++) {
      String code = String.format("130803001001-B%02d", b);
      codes.add(code);
      buildings.add(Map.of("code", code, "name", b + "号楼", "units", 3));
    }
    return Map.of(
        "districts", List.of(Map.of("code", "130803", "name", "双滦区", "streets", List.of(Map.of(
            "code", "130803001", "name", "元宝山街道", "communities", List.of(Map.of(
                "code", "130803001001", "name", "双安社区",
                "grids", List.of(Map.of("code", "130803001001-G01", "name", "第一网格", "buildings", codes)),
                "buildings", buildings)))))),
        "people", List.of(
            Map.of("id", "p-001", "name", "王芳", "phone", "+8613800000001",
                "roles", List.of(Map.of("role", "building_head", "scope", "130803001001-B07")),
                "login", Map.of("username", "wangfang", "password", PASSWORD)),
            Map.of("id", "p-002", "name", "赵强", "phone", "+8613800000002",
                "roles", List.of(Map.of("role", "grid_member", "scope", "130803001001-G01"))),
            Map.of("id", "p-003", "name", "孙丽", "phone", "+8613800000003",
                "roles", List.of(Map.of("role", "community_duty", "scope", "130803001001")))),
        "residents", List.of(Map.of("id", "r-001", "name", "李大爷", "building", "130803001001-B07", "unit", 2,
            "room", "302", "flags", List.of("living_alone", "over_85"),
            "contacts", List.of(Map.of("name", "李娜", "relation", "daughter", "phone", "+8613900000001")),
            "devices", List.of(Map.of("id", "dev-0001", "secret", "device-secret-0001-abcdef"))),
            Map.of("id", "r-002", "name", "张奶奶", "building", "130803001001-B08", "unit", 1,
            "room", "101", "flags", List.of("living_alone"),
            "contacts", List.of(Map.of("name", "张伟", "relation", "son", "phone", "+8613900000002")),
            "devices", List.of(Map.of("id", "dev-0002", "secret", "device-secret-0002-abcdef")))));
  }

  /** A valid new building B09 next to a person with a bad scope and phone: refused whole. */
  static Map<String, Object> withNewBuildingAndBadPerson() {
    return Map.of(
        "districts", List.of(Map.of("code", "130803", "name", "双滦区", "streets", List.of(Map.of(
            "code", "130803001", "name", "元宝山街道", "communities", List.of(Map.of(
                "code", "130803001001", "name", "双安社区",
                "buildings", List.of(Map.of("code", "130803001001-B20", "name", "9号楼", "units", 2)))))))),
        "people", List.of(Map.of("id", "p-009", "name", "钱多", "phone", "12",
            "roles", List.of(Map.of("role", "building_head", "scope", "130803001001-B99")))));
  }
}
