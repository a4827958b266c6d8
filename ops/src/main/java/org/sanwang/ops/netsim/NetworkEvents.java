package org.sanwang.ops.netsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the three networks send, as CloudEvents 1.0 in structured JSON with plausible zh-CN content
 * (CONTRACT "The three networks", event types table): party notices, community notices and
 * residents, the traffic netsim pushes at {@code --rate}, and a governance case as a sample (the
 * cases, wishes and appointments netsim follows up are {@link NetworkWork}'s). A share of them (the
 * quarantine share) address a building by the network's own id, which no mapping names yet
 * ({@link #UNMAPPED}), so the hub quarantines them as {@code unmapped_subject} until an admin maps
 * the id and replays them.
 */
public final class NetworkEvents {
  public static final List<String> NETWORKS = List.of("party", "governance", "community");

  /** Each network's own source URN. */
  public static final Map<String, String> SOURCES = Map.of(
      "party", "urn:party:dj-platform", "governance", "urn:governance:grid-platform", "community", "urn:community:sq-platform");

  /** Each network's own id of a building the hub has no mapping for: the demo's quarantined events. */
  public static final Map<String, String> UNMAPPED = Map.of(
      "party", "NB-0999", "governance", "GOV-B-0042", "community", "SQ-B-0999");

  /** The demo district's community codes: streets 130803001 (10 communities), …002 and …003 (9 each). */
  public static final List<String> DEMO_COMMUNITIES = demoCommunities();

  /** Buildings B01 to B20 exist in every demo community (each has 20 to 60). */
  public static final int DEMO_BUILDINGS_PER_COMMUNITY = 20;

  static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private static final String[][] PARTY_NOTICES = {
    {"在职党员双报到志愿服务", "本周六上午9:00，在职党员到社区报到，参加楼道清理和小广告清除，请带好党员证。"},
    {"主题党日：走访慰问高龄老人", "本月主题党日活动安排走访辖区80岁以上独居老人，请各楼栋党员认领走访对象。"},
    {"党员先锋岗轮值安排", "下周党员先锋岗由各网格党小组轮值，负责小区巡查和矛盾纠纷调解，名单已张贴在党群服务中心。"},
    {"七一前夕慰问老党员", "社区党委将于七一前夕上门慰问党龄50年以上的老党员，请楼长协助联系。"},
    {"党员志愿者招募：代购药品", "为行动不便的老人代购常用药品，每周两次，欢迎在职党员报名。"},
    {"党群服务中心开放时间调整", "自下周一起，党群服务中心开放时间调整为8:30-17:30，周六上午照常开放。"}};

  private static final String[][] COMMUNITY_NOTICES = {
    {"停水通知", "因管网维修，明天9:00-12:00停水，请提前储水。"},
    {"燃气安全入户检查", "本周三至周五燃气公司工作人员入户检查，请家中留人，工作人员均佩戴工作证。"},
    {"高龄补贴认证", "高龄补贴年度认证开始，行动不便的老人可预约网格员上门办理。"},
    {"老年人免费体检", "社区卫生服务站本周六为65岁以上老人免费体检，请携带身份证和医保卡。"},
    {"暖气试水", "供热公司将于下周一试水，请家中留人，发现漏水及时联系物业。"},
    {"电梯年检", "本周四上午电梯年检，期间电梯暂停使用约两小时，请老人们错峰出行。"},
    {"防诈骗宣传", "近期冒充医保工作人员的诈骗电话增多，请提醒家中老人不要透露验证码。"}};

  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "孙", "马"};
  private static final String[] GIVEN = {"秀英", "桂兰", "建国", "淑珍", "玉兰", "志强", "凤英", "德明", "国华", "春梅"};
  private static final String[] RELATIONS = {"daughter", "son", "niece", "grandson", "neighbour"};
  private static final String[] FLAGS = {"living_alone", "over_85", "check_in"};

  private final Random random;
  private final List<String> communities;
  private final double quarantineShare;
  private final AtomicInteger residentNo = new AtomicInteger();
  private final AtomicInteger caseNo = new AtomicInteger();
  /** Tells this run's case ids from another run's of the same day. */
  private final String run = UUID.randomUUID().toString().substring(0, 4).toUpperCase(java.util.Locale.ROOT);

  /**
   * @param communities     community codes to address (buildings {@code <community>-B01..B20} of each)
   * @param quarantineShare the share of events (0 to 1) addressed to the network's unmapped building id
   */
  public NetworkEvents(long seed, List<String> communities, double quarantineShare) {
    if (communities.isEmpty()) throw new IllegalArgumentException("communities: at least one code is needed");
    this.random = new Random(seed);
    this.communities = List.copyOf(communities);
    this.quarantineShare = quarantineShare;
  }

  /** One CloudEvent as this network pushes it. */
  public synchronized ObjectNode next(String network) {
    return switch (network) {
      case "party" -> partyNotice();
      case "governance" -> caseReported();
      case "community" -> communityNotice();
      default -> throw new IllegalArgumentException("unknown network " + network);
    };
  }

  /** One CloudEvent as this network's pull feed has it: mostly notices, now and then a resident (community). */
  public synchronized ObjectNode nextForFeed(String network) {
    if (network.equals("community") && random.nextInt(8) == 0) return residentUpserted();
    return next(network);
  }

  /** A CloudEvent of {@code network} with a fresh id and the time now. */
  public static ObjectNode cloudEvent(String network, String type, String subject, JsonNode data) {
    var e = JSON.createObjectNode();
    e.put("specversion", "1.0");
    e.put("id", UUID.randomUUID().toString());
    e.put("source", SOURCES.getOrDefault(network, "urn:" + network + ":netsim"));
    e.put("type", type);
    e.put("subject", subject);
    e.put("time", Instant.now().toString());
    e.put("datacontenttype", "application/json");
    e.set("data", data);
    return e;
  }

  private ObjectNode partyNotice() {
    var n = pick(PARTY_NOTICES);
    var data = JSON.createObjectNode().put("title", "【党建网】" + n[0]).put("body", n[1]);
    return cloudEvent("party", "party.notice", subject("party", random.nextInt(3) == 0), data);
  }

  private ObjectNode communityNotice() {
    var n = pick(COMMUNITY_NOTICES);
    var data = JSON.createObjectNode().put("title", "【社区网】" + n[0]).put("body", n[1]);
    String subject = subject("community", random.nextInt(4) == 0);
    if (subject.length() == 12 && random.nextBoolean()) {
      // A community notice for some of its buildings only.
      var buildings = data.putArray("buildings");
      int first = 1 + random.nextInt(DEMO_BUILDINGS_PER_COMMUNITY - 2);
      for (int b = first; b < first + 1 + random.nextInt(3); b++) buildings.add(building(subject, b));
    }
    return cloudEvent("community", "community.notice", subject, data);
  }

  /** A case as the governance network reports it; not followed up (the work of {@link NetworkWork} is). */
  private ObjectNode caseReported() {
    var c = pick(WorkContent.CASES.toArray(WorkContent.CaseKind[]::new));
    String subject = subject("governance", true);
    String name = subject.contains("-B") ? Integer.parseInt(subject.substring(subject.indexOf("-B") + 2)) + "号楼" : "3号楼";
    int unit = 1 + random.nextInt(4);
    var data = JSON.createObjectNode()
        .put("caseId", String.format("AJ-%s-%s-%04d", LocalDate.now(CHINA).format(DateTimeFormatter.BASIC_ISO_DATE), run,
            caseNo.incrementAndGet()))
        .put("category", c.category()).put("description", WorkContent.fill(c.description(), name, unit))
        .put("reporterName", name()).put("reporterPhone", String.format("+86137%08d", random.nextInt(100_000_000)))
        .put("location", WorkContent.fill(c.location(), name, unit));
    return cloudEvent("governance", "governance.case.reported", subject, data);
  }

  private ObjectNode residentUpserted() {
    int no = residentNo.incrementAndGet();
    String building = unmapped() ? UNMAPPED.get("community") : randomBuilding();
    var r = JSON.createObjectNode()
        .put("id", String.format("net-r-%03d", no))
        .put("name", pick(SURNAMES) + (random.nextBoolean() ? "大爷" : "奶奶"))
        .put("building", building)
        .put("unit", 1 + random.nextInt(2))
        .put("room", (1 + random.nextInt(6)) + String.format("%02d", 1 + random.nextInt(4)));
    var flags = r.putArray("flags");
    for (String f : FLAGS) if (random.nextInt(10) < (f.equals("living_alone") ? 7 : 3)) flags.add(f);
    r.putArray("contacts").addObject().put("name", name()).put("relation", pick(RELATIONS))
        .put("phone", String.format("+86136%08d", no));
    r.putArray("devices");
    return cloudEvent("community", "community.resident.upserted", building, r);
  }

  /** A community or building of the demo, or (at the quarantine share) the network's unmapped building id. */
  private String subject(String network, boolean building) {
    if (unmapped()) return UNMAPPED.get(network);
    return building ? randomBuilding() : pick(communities);
  }

  private boolean unmapped() {
    return random.nextDouble() < quarantineShare;
  }

  private String randomBuilding() {
    return building(pick(communities), 1 + random.nextInt(DEMO_BUILDINGS_PER_COMMUNITY));
  }

  private static String building(String community, int b) {
    return community + String.format("-B%02d", b);
  }

  private String name() {
    return pick(SURNAMES) + pick(GIVEN);
  }

  private <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private static List<String> demoCommunities() {
    var codes = new ArrayList<String>();
    int[] perStreet = {10, 9, 9};
    for (int s = 0; s < perStreet.length; s++)
      for (int c = 1; c <= perStreet[s]; c++) codes.add(String.format("13080300%d%03d", s + 1, c));
    return List.copyOf(codes);
  }
}
