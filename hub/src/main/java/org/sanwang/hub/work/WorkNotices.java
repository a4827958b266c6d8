package org.sanwang.hub.work;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgIndex;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.org.Role;

/**
 * Who hears of a change to a case, wish or appointment, and what they read (pure). Cases: the building's
 * group and the reporter hear every change; a new case goes to the grid members' inboxes, a case that
 * climbs to those who handle its new level. Wishes: a new one goes to the community's party members and
 * channel, a claim tells the others it is taken, a fulfilment asks the building head to confirm, a
 * confirmation tells the member their points. Appointments: the grid members get the task, and hear when
 * it is withdrawn. A group message's id is the entity and the length of its timeline, so it is posted once.
 */
public final class WorkNotices {
  private WorkNotices() {}

  public sealed interface Notice {}

  public record ToGroup(String groupId, String text, String clientMsgId) implements Notice {}

  public record ToInbox(String personId, String kind, String title, String body, String refType, String refId) implements Notice {}

  private static final Map<String, String> CATEGORIES = Map.of("environment", "环境卫生", "safety", "安全隐患", "facility", "设施损坏",
      "neighbour", "邻里纠纷", "elderly", "为老服务", "other", "其他");
  private static final Map<Level, String> LEVELS = Map.of(Level.community, "社区", Level.street, "街道", Level.district, "区");

  public static String category(String code) {
    return CATEGORIES.getOrDefault(code, code);
  }

  public static String level(Level level) {
    return LEVELS.get(level);
  }

  public static List<Notice> ofCase(OrgIndex org, CaseEntity.State after, CaseEntity.Event event) {
    var r = CaseEntity.record(after);
    if (r == null) return List.of();
    var f = r.facts();
    String what = "【案件】" + category(f.category()) + "：" + shortly(f.description());
    String line = event instanceof CaseEntity.CaseReported
        ? what + (f.location() == null ? "" : "（" + f.location() + "）") + "，已上报至社区"
        : event instanceof CaseEntity.CaseAccepted e ? what + "，已由" + e.by().name() + "受理"
        : event instanceof CaseEntity.CaseEscalated e ? what + (e.auto() ? "，逾期未办结，已自动升级至" : "，已升级至") + level(e.level())
        : event instanceof CaseEntity.CaseResolved e ? what + "，已办结" + (e.note() == null ? "" : "：" + shortly(e.note()))
        : event instanceof CaseEntity.CaseRated e ? what + "，已评价" + e.rating() + "星，结案"
        : what + "，已结案";
    var notices = new ArrayList<Notice>();
    String place = f.building() != null ? f.building() : f.community();
    if (place != null && org.isGroup(place)) notices.add(new ToGroup(place, line, "case:" + f.caseId() + ":" + r.timeline().size()));
    var people = new LinkedHashSet<String>();
    String where = f.building() != null ? f.building() : f.grid() != null ? f.grid() : f.community();
    if (event instanceof CaseEntity.CaseReported) {
      holders(org, Role.grid_member, where).forEach(people::add);
      if (people.isEmpty()) holders(org, Role.community_duty, where).forEach(people::add);
    } else if (event instanceof CaseEntity.CaseEscalated e) {
      var role = switch (e.level()) {
        case community -> Role.community_duty;
        case street -> Role.street_command;
        case district -> Role.district_command;
      };
      holders(org, role, where).forEach(people::add);
    }
    if (f.reportedBy() != null && !Work.byNetwork(f.reportedBy())) people.add(f.reportedBy().id());
    for (String person : people) notices.add(new ToInbox(person, "case", line, f.description(), "case", f.caseId()));
    return notices;
  }

  public static List<Notice> ofWish(OrgIndex org, WishEntity.State after, WishEntity.Event event) {
    var r = after.record();
    if (r == null) return List.of();
    var f = r.facts();
    String what = "【微心愿】" + f.residentName() + "：" + shortly(f.title());
    var notices = new ArrayList<Notice>();
    var members = holders(org, Role.party_member, f.community());
    if (event instanceof WishEntity.WishPosted) {
      notices.add(new ToGroup(f.community(), what + "，" + f.points() + "积分，等待党员认领", "wish:" + f.wishId() + ":" + r.timeline().size()));
      members.forEach(m -> notices.add(new ToInbox(m, "wish", what, "新的微心愿，点击认领", "wish", f.wishId())));
    } else if (event instanceof WishEntity.WishClaimed e) {
      notices.add(new ToGroup(f.community(), what + "，已由" + e.member().name() + "认领", "wish:" + f.wishId() + ":" + r.timeline().size()));
      members.stream().filter(m -> !m.equals(e.member().id()))
          .forEach(m -> notices.add(new ToInbox(m, "wish", what, "已由" + e.member().name() + "认领", "wish", f.wishId())));
    } else if (event instanceof WishEntity.WishFulfilled && f.building() != null) {
      holders(org, Role.building_head, f.building()).forEach(p -> notices.add(new ToInbox(p, "wish", what,
          (r.claimedBy() == null ? "党员" : r.claimedBy().name()) + "已完成，请上门确认", "wish", f.wishId())));
    } else if (event instanceof WishEntity.WishConfirmed) {
      notices.add(new ToGroup(f.community(), what + "，已完成并确认", "wish:" + f.wishId() + ":" + r.timeline().size()));
      if (r.claimedBy() != null && !Work.byNetwork(r.claimedBy()))
        notices.add(new ToInbox(r.claimedBy().id(), "wish", what, "居民已确认，获得" + f.points() + "积分", "wish", f.wishId()));
    } else if (event instanceof WishEntity.WishCancelled && r.claimedBy() != null && !Work.byNetwork(r.claimedBy())) {
      notices.add(new ToInbox(r.claimedBy().id(), "wish", what, "该心愿已取消", "wish", f.wishId()));
    }
    return notices;
  }

  public static List<Notice> ofAppointment(OrgIndex org, AppointmentEntity.State after, AppointmentEntity.Event event) {
    var r = after.record();
    if (r == null) return List.of();
    var f = r.facts();
    String what = "【预约代办】" + f.residentName() + "：" + shortly(f.service());
    var told = new LinkedHashSet<String>(holders(org, Role.grid_member, f.building()));
    if (event instanceof AppointmentEntity.AppointmentRequested)
      return told.stream().<Notice>map(p -> new ToInbox(p, "appointment", what, f.at() == null ? "请接单" : "预约时间 " + f.at(),
          "appointment", f.appointmentId())).toList();
    if (!(event instanceof AppointmentEntity.AppointmentCancelled)) return List.of();
    if (r.acceptedBy() != null) told.add(r.acceptedBy().id());
    return told.stream().<Notice>map(p -> new ToInbox(p, "appointment", what, "预约已取消", "appointment", f.appointmentId())).toList();
  }

  private static List<String> holders(OrgIndex org, Role role, String code) {
    if (code == null || Codes.levelOf(code).isEmpty()) return List.of();
    return org.holders(role, code).stream().map(OrgTree.Person::id).distinct().toList();
  }

  private static String shortly(String text) {
    if (text == null) return "";
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** The name of an actor, or the hub's own when none acted (an automatic escalation). */
  static String name(Actor a) {
    return a == null ? "系统" : a.name();
  }
}
