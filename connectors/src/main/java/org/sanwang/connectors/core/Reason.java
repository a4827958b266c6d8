package org.sanwang.connectors.core;

/**
 * Why an event is in quarantine, as a code the pages label and a sentence a person understands,
 * in English and in Chinese.
 */
public record Reason(String code, String en, String zh) {
  public static Reason unmappedSubject(String subject) {
    return new Reason("unmapped_subject", "subject '" + subject + "' is neither a hub code nor mapped to one: map it, then replay",
        "对象编号“" + subject + "”不是枢纽编码，也未映射：请先添加映射，再重放");
  }

  public static Reason unknownCode(String field, String code) {
    return new Reason("unknown_code", field + " '" + code + "' is no code in the hub's organisation",
        field + "“" + code + "”不是枢纽组织中的编码");
  }

  public static Reason unknownType(String type) {
    return new Reason("unknown_type", "event type '" + type + "' is not handled by this hub yet",
        "本枢纽暂不处理事件类型“" + type + "”");
  }

  public static Reason wrongNetwork(String type, Network network) {
    return new Reason("unknown_type", "event type '" + type + "' is not one the " + network.nameEn() + " sends",
        "事件类型“" + type + "”不属于" + network.nameZh());
  }

  public static Reason unknownPerson(String field, String id) {
    return new Reason("unknown_person", field + " '" + id + "' matches no person in the hub (map the network's person id, then replay)",
        field + "“" + id + "”找不到对应人员（请映射对方人员编号后重放）");
  }

  public static Reason badData(String field, String en, String zh) {
    return new Reason("bad_data", "data." + field + ": " + en, "data." + field + "：" + zh);
  }

  public static Reason malformed(String detail) {
    return new Reason("malformed", "the feed sent a malformed event: " + detail, "拉取到的事件格式错误：" + detail);
  }

  /** A change for a case, wish or appointment the hub has not been told of (its report may come later: replay then). */
  public static Reason unknownWork(String kind, String id) {
    String zh = switch (kind) {
      case "case" -> "案件";
      case "wish" -> "微心愿";
      default -> "预约";
    };
    return new Reason("unknown_" + kind, kind + " '" + id + "' is not known to the hub (replay after its report arrives)",
        zh + "“" + id + "”在枢纽中不存在（收到其上报后可重放）");
  }

  /** A change the thing's state does not allow now (confirming a wish nobody fulfilled). */
  public static Reason outOfOrder(String kind, String id, String why) {
    return new Reason("out_of_order", kind + " '" + id + "': " + why, "“" + id + "”当前状态不允许此变更：" + why);
  }
}
