package org.sanwang.ops;

import java.util.ArrayList;
import java.util.HashMap;
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

  /**
   * {@link #shuangan()} with one login (password {@link #PASSWORD}) for every role: username → role and
   * scope below; 王芳 ({@code wangfang}) stays B07's building head. Residents log in as the person with
   * their resident record's id: {@code r-003} (B07 unit 1, a new record with family) and {@code r-002} (B08).
   * Staff phones start +86138, party members' +86136, residents' own +86137, families' +86139.
   */
  static Map<String, Object> everyRole() {
    var doc = new HashMap<>(shuangan());
    var people = new ArrayList<Object>((List<?>) doc.get("people"));
    people.add(login("p-101", "刘区长", "+8613800000101", "district_command", "130803", "district"));
    people.add(login("p-102", "陈主任", "+8613800000102", "street_command", "130803001", "street"));
    people.add(login("p-103", "杨书记", "+8613800000103", "community_secretary", "130803001001", "secretary"));
    people.add(login("p-104", "黄值班", "+8613800000104", "community_duty", "130803001001", "duty"));
    people.add(login("p-105", "林网格长", "+8613800000105", "grid_head", "130803001001-G01", "gridhead"));
    people.add(login("p-106", "何网格员", "+8613800000106", "grid_member", "130803001001-G01", "gridmember"));
    people.add(login("p-107", "吴敏", "+8613800000107", "building_head", "130803001001-B08", "head-b08"));
    people.add(login("p-108", "马网络楼长", "+8613800000108", "online_building_head", "130803001001-B07", "online-b07"));
    people.add(login("p-109", "郑平", "+8613800000109", "unit_head", "130803001001-B07-U2", "unit-b07-u2"));
    people.add(login("p-110", "高单元长", "+8613800000110", "unit_head", "130803001001-B07-U1", "unit-b07-u1"));
    people.add(login("p-111", "罗党员", "+8613600000111", "party_member", "130803001001", "party"));
    people.add(login("r-003", "王大妈", "+8613700000003", "resident", "130803001001-B07", "resident-b07"));
    people.add(login("r-002", "张奶奶", "+8613700000002", "resident", "130803001001-B08", "resident-b08"));
    doc.put("people", people);
    var residents = new ArrayList<Object>((List<?>) doc.get("residents"));
    residents.add(Map.of("id", "r-003", "name", "王大妈", "building", "130803001001-B07", "unit", 1, "room", "101",
        "contacts", List.of(Map.of("name", "王小明", "relation", "son", "phone", "+8613900000003"))));
    doc.put("residents", residents);
    return doc;
  }

  private static Map<String, Object> login(String id, String name, String phone, String role, String scope, String username) {
    return Map.of("id", id, "name", name, "phone", phone, "roles", List.of(Map.of("role", role, "scope", scope)),
        "login", Map.of("username", username, "password", PASSWORD));
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
