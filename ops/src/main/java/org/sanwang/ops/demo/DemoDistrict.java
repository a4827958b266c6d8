package org.sanwang.ops.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sanwang.hub.access.Passwords;
import org.sanwang.hub.org.OrgImport;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.RoleGrant;
import org.sanwang.ops.DataDirectory;

/**
 * The demo district, shaped like Shuangluan (seed 003): 3 streets, 28 communities of 20–60
 * buildings with 2–6 units, grids of 3–8 buildings, the "1+1+X+Y" grid staff, building and unit
 * heads, online building heads, and elderly residents (many living alone) with call devices and
 * family contacts. The structure is the same on every install (fixed seed); passwords and device
 * secrets are random per install and written once to {@code demo-logins.txt} in the data directory.
 */
public final class DemoDistrict {
  /** The seed of the demo district: the same district on every first start (netsim reads it to know the demo's places). */
  public static final long SEED = 20260101L;

  public static final String DISTRICT = "130803";
  static final String[][] STREETS = {{"130803001", "元宝山街道"}, {"130803002", "钢城街道"}, {"130803003", "双塔山街道"}};
  static final String[] COMMUNITY_NAMES = {
    "双安", "康乐", "福源", "和平", "新华", "春晖", "翠园", "滨河", "兴隆", "安泰", "幸福", "朝阳", "振华", "东山",
    "西苑", "南岭", "北苑", "锦绣", "长青", "如意", "光明", "民主", "团结", "育才", "钢花", "铁路", "双塔", "元宝"};
  static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
    "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};
  static final String[] GIVEN = {"芳", "伟", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "建华", "玉兰", "淑珍", "志强", "海燕", "春梅", "国庆"};
  static final String[] RELATIONS = {"daughter", "son", "niece", "grandson", "neighbour"};

  private DemoDistrict() {}

  /** Generates the demo document with one random password for its staff logins, and records it. */
  public static OrgImport seed(Path dataDir) throws IOException {
    String password = Passwords.randomSecret();
    var doc = generate(SEED, password);
    var logins = doc.people().stream().filter(p -> p.login() != null)
        .map(p -> p.login().username() + "  " + p.name() + "  " + p.roles().get(0).role() + " " + p.roles().get(0).scope())
        .toList();
    Path file = dataDir.resolve("demo-logins.txt");
    var lines = new ArrayList<String>();
    lines.add("# Demo staff logins of this install. Every one has the password below.");
    lines.add("password: " + password);
    lines.addAll(logins);
    DataDirectory.writeOwnerOnly(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    // The devices' secrets, for ops/mosquitto/generate and for pressing demo devices by hand.
    var devices = new StringBuilder("[\n");
    var all = doc.residents().stream().flatMap(r -> r.devices().stream()).toList();
    for (int i = 0; i < all.size(); i++)
      devices.append("  {\"id\": \"").append(all.get(i).id()).append("\", \"secret\": \"").append(all.get(i).secret())
          .append(i + 1 < all.size() ? "\"},\n" : "\"}\n");
    Path devicesFile = dataDir.resolve("demo-devices.json");
    DataDirectory.writeOwnerOnly(devicesFile, devices.append("]\n").toString().getBytes(StandardCharsets.UTF_8));
    return doc;
  }

  public static OrgImport generate(long seed, String password) {
    var rnd = new Random(seed);
    var people = new ArrayList<OrgImport.PersonSpec>();
    var residents = new ArrayList<OrgImport.ResidentSpec>();
    var streets = new ArrayList<OrgImport.Street>();
    int[] personNo = {0};
    int deviceNo = 0;
    int residentNo = 0;
    people.add(person(personNo, rnd, "district_command", DISTRICT, "district", password));
    int communityIndex = 0;
    for (int s = 0; s < STREETS.length; s++) {
      String street = STREETS[s][0];
      people.add(person(personNo, rnd, "street_command", street, "street-" + street, password));
      int count = s == 0 ? 10 : 9;
      var communities = new ArrayList<OrgImport.Community>();
      for (int c = 1; c <= count; c++, communityIndex++) {
        String code = street + String.format("%03d", c);
        boolean first = communityIndex == 0;
        people.add(person(personNo, rnd, "community_secretary", code, "secretary-" + code, password));
        people.add(person(personNo, rnd, "community_duty", code, "duty-" + code, password));
        int buildingCount = 20 + rnd.nextInt(41);
        var buildings = new ArrayList<OrgImport.Building>();
        for (int b = 1; b <= buildingCount; b++) {
          String bc = code + String.format("-B%02d", b);
          int units = 2 + rnd.nextInt(5);
          buildings.add(new OrgImport.Building(bc, b + "号楼", units));
          people.add(person(personNo, rnd, "building_head", bc, first ? "bh-" + bc : null, password));
          people.add(person(personNo, rnd, "online_building_head", bc, first ? "obh-" + bc : null, password));
          for (int u = 1; u <= units; u++) people.add(person(personNo, rnd, "unit_head", bc + "-U" + u, null, password));
          int elders = 1 + rnd.nextInt(4);
          for (int e = 0; e < elders; e++) {
            residentNo++;
            var flags = new ArrayList<String>();
            if (rnd.nextInt(10) < 7) flags.add("living_alone");
            if (rnd.nextInt(10) < 3) flags.add("over_85");
            if (rnd.nextInt(10) < 4) flags.add("check_in");
            var contacts = new ArrayList<OrgTree.Contact>();
            int n = 1 + rnd.nextInt(2);
            for (int k = 0; k < n; k++)
              contacts.add(new OrgTree.Contact(name(rnd), RELATIONS[rnd.nextInt(RELATIONS.length)],
                  String.format("+86139%08d", residentNo * 10 + k)));
            deviceNo++;
            int unit = 1 + rnd.nextInt(units);
            residents.add(new OrgImport.ResidentSpec(String.format("r-%05d", residentNo),
                SURNAMES[rnd.nextInt(SURNAMES.length)] + (rnd.nextBoolean() ? "大爷" : "奶奶"), bc, unit,
                (1 + rnd.nextInt(6)) + String.format("%02d", 1 + rnd.nextInt(4)), flags, contacts,
                List.of(new OrgImport.DeviceSpec(String.format("dev-%05d", deviceNo), Passwords.randomSecret()))));
          }
        }
        var grids = new ArrayList<OrgImport.Grid>();
        int g = 0;
        for (int start = 0; start < buildings.size(); ) {
          int size = Math.min(3 + rnd.nextInt(6), buildings.size() - start);
          int rest = buildings.size() - (start + size);
          if (rest > 0 && rest < 3) size = size + rest <= 8 ? size + rest : size - (3 - rest);
          g++;
          String gc = code + String.format("-G%02d", g);
          grids.add(new OrgImport.Grid(gc, "第" + g + "网格",
              buildings.subList(start, start + size).stream().map(OrgImport.Building::code).toList()));
          people.add(person(personNo, rnd, "grid_head", gc, first ? "gridhead-" + gc : null, password));
          people.add(person(personNo, rnd, "grid_member", gc, first ? "gridmember-" + gc : null, password));
          start += size;
        }
        communities.add(new OrgImport.Community(code, COMMUNITY_NAMES[communityIndex] + "社区", grids, buildings));
      }
      streets.add(new OrgImport.Street(street, STREETS[s][1], communities));
    }
    var district = new OrgImport.District(DISTRICT, "双滦区", streets);
    return new OrgImport(List.of(district), people, residents);
  }

  private static OrgImport.PersonSpec person(int[] no, Random rnd, String role, String scope, String username, String password) {
    no[0]++;
    return new OrgImport.PersonSpec(String.format("p-%05d", no[0]), name(rnd), String.format("+86138%08d", no[0]),
        List.of(new RoleGrant(role, scope)), username == null ? null : new OrgImport.Login(username, password));
  }

  private static String name(Random rnd) {
    return SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)];
  }
}
