package org.sanwang.ops.netsim;

import java.util.List;
import java.util.Random;

/**
 * What the networks' work reads like: cases as grid members and residents report them (随手拍),
 * residents' small wishes (微心愿), the services residents book (预约代办), and the workplaces
 * in-service Party members report from (双报到). Plain tables; {@link NetworkWork} picks from them.
 */
final class WorkContent {
  private WorkContent() {}

  /** The categories of the hub's cases (spec/work-api.md). */
  static final List<String> CATEGORIES = List.of("environment", "safety", "facility", "neighbour", "elderly", "other");

  /**
   * A kind of case: its category, what a report says ({@code {b}}: the building's name, {@code {u}}: a
   * unit), where, and what the one who handles it writes.
   */
  record CaseKind(String category, String description, String location, String resolution) {}

  static final List<CaseKind> CASES = List.of(
      new CaseKind("environment", "{b}{u}单元楼道堆放杂物，纸箱和旧家具堵住了半边楼梯。", "{b}{u}单元楼道", "已协调物业和住户清理完毕"),
      new CaseKind("environment", "{b}旁垃圾桶满溢两天没有清运，气味很大。", "{b}西侧垃圾收集点", "已联系环卫加派车辆，垃圾已清运"),
      new CaseKind("environment", "{b}南侧公共绿地被个别住户开垦种菜。", "{b}南侧绿地", "已与住户沟通，绿地已恢复"),
      new CaseKind("safety", "{b}{u}单元有住户从楼上拉电线给电动车充电，存在火灾隐患。", "{b}{u}单元门口", "已拆除飞线，告知住户到充电棚充电"),
      new CaseKind("safety", "{b}前消防通道长期停放私家车，救护车进不来。", "{b}前消防通道", "已联系车主挪车，通道已施划禁停标线"),
      new CaseKind("safety", "{b}东侧人行道井盖缺失，已临时用锥桶围挡。", "{b}东侧人行道", "井盖已补装"),
      new CaseKind("facility", "{b}到小区东门之间两盏路灯不亮，老人夜间出行不便。", "{b}至东门路段", "两盏路灯已更换"),
      new CaseKind("facility", "{b}{u}单元门禁坏了，单元门关不上。", "{b}{u}单元", "门禁已报修并修复"),
      new CaseKind("facility", "{b}顶层住户反映下雨时屋顶漏水。", "{b}顶层", "已申请维修资金，屋面防水已修补"),
      new CaseKind("facility", "小区广场的健身器材有一处断裂，存在安全隐患。", "小区广场", "损坏器材已拆除，新器材已报装"),
      new CaseKind("neighbour", "{b}有住户夜间装修到23点以后，多位居民反映。", "{b}", "网格员上门沟通，装修时间已调整"),
      new CaseKind("neighbour", "{b}{u}单元楼上卫生间漏水到楼下，双方协商不成。", "{b}{u}单元", "已调解，楼上住户负责维修"),
      new CaseKind("neighbour", "{b}有住户养的狗夜里叫个不停，遛狗也不拴绳。", "{b}", "已上门劝导，住户承诺文明养犬"),
      new CaseKind("elderly", "{b}{u}单元一位独居老人两天没下楼，敲门没人应。", "{b}{u}单元", "网格员已上门，老人身体不适已送医，已联系子女"),
      new CaseKind("elderly", "{b}一位88岁老人子女在外地，自己做饭困难，希望社区助餐。", "{b}", "已为老人办理助餐，每天中午送餐上门"),
      new CaseKind("other", "{b}{u}单元楼道墙面贴满了小广告。", "{b}{u}单元楼道", "小广告已清除"),
      new CaseKind("other", "{b}地下室有流浪猫聚集，居民担心卫生问题。", "{b}地下室", "已联系志愿者救助，地下室已封闭"));

  static final List<String> DISPATCH_NOTES = List.of("已派单至网格员，请尽快到现场", "已派单至社区，请网格员核实处置");
  static final List<String> STREET_NOTES = List.of(
      "社区协调不了，需要街道协调产权单位", "涉及供电公司，上报街道协调", "住户拒不配合，提请街道综合执法");
  static final List<String> DISTRICT_NOTES = List.of("需区住建局牵头处理", "涉及多个部门，上报区级协调");
  static final List<String> RATING_NOTES = List.of("不太满意", "一般", "基本满意，希望再快些", "满意", "处理及时，很满意");
  static final String CLOSED_UNRATED = "居民未评价，按期结案";

  /** A wish: its title, what the resident says, and the points it is worth. */
  record WishKind(String title, String detail, int points) {}

  static final List<WishKind> WISHES = List.of(
      new WishKind("帮忙买菜", "腿脚不便，想请人每周帮忙买两次菜。", 10),
      new WishKind("修理水龙头", "厨房水龙头一直滴水，关不紧。", 10),
      new WishKind("陪同就医", "下周二要去区医院复查，子女不在身边，想找人陪同。", 20),
      new WishKind("代缴水电费", "不会用手机缴费，想请人帮忙代缴本月水电费。", 5),
      new WishKind("更换灯泡", "卫生间灯泡坏了，自己够不着。", 5),
      new WishKind("代取药品", "每月要去社区卫生服务站取降压药，想请人代取。", 10),
      new WishKind("教用智能手机", "想学用微信和外地的孩子视频聊天。", 15),
      new WishKind("疏通下水道", "厨房下水道堵了，水下不去。", 10),
      new WishKind("想要一台收音机", "听戏用，耳朵不太好，音量要大。", 20),
      new WishKind("帮忙搬运旧家具", "家里的旧沙发想搬到楼下回收点。", 15),
      new WishKind("读书读报", "眼睛不好，希望每周有人来读读报纸。", 10),
      new WishKind("陪老人聊聊天", "老伴走了以后一个人在家，想有人常来坐坐。", 10));

  static final List<String> CLAIM_NOTES = List.of("周六上午过去", "今天下班后去", "明天中午过去看看");
  static final List<String> FULFIL_NOTES = List.of("已完成", "已送到老人家里", "已修好，老人很满意");
  static final List<String> CONFIRM_NOTES = List.of("谢谢党员同志", "非常感谢，帮了大忙");
  static final List<String> WISH_CANCEL_NOTES = List.of("家人已帮忙解决", "老人住院了，暂时不需要");

  /** Services residents book with the community (预约代办). */
  static final List<String> SERVICES = List.of(
      "代办医保报销", "上门理发", "代领退休金资格认证", "高龄补贴认证", "代办残疾证年审", "上门测血压", "代办居住证明", "代办养老保险待遇认证");

  static final List<String> APPOINTMENT_NOTES = List.of("老人行动不便，请上门办理", "请带好表格，需要本人签字", "下午家里有人");
  static final List<String> APPOINTMENT_CANCEL_NOTES = List.of("家属已代办", "老人住院，改天再约");

  /** Where in-service Party members work (在职党员双报到). */
  static final List<String> WORKPLACES = List.of(
      "区卫健局", "区教育局", "区财政局", "区人社局", "区住建局", "区市场监管局", "区税务局", "区民政局", "区应急管理局",
      "区人民医院", "区第一中学", "区实验小学", "区供电公司", "区自来水公司", "区人民法院");

  static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董"};
  static final String[] GIVEN = {"伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "建华", "玉兰", "淑珍", "志强", "海燕", "春梅", "国庆", "晓东", "红梅"};

  static String name(Random random) {
    return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
  }

  /** {@code template} with the building's name and a unit filled in. */
  static String fill(String template, String buildingName, int unit) {
    return template.replace("{b}", buildingName).replace("{u}", Integer.toString(unit));
  }

  static <T> T pick(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
