package org.sanwang.hub.work;

import java.time.Instant;
import java.util.List;
import org.sanwang.hub.alert.Actor;

/** The people, places and facts the work tests share. */
final class WorkFixtures {
  private WorkFixtures() {}

  static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

  static final Actor RESIDENT = new Actor("p-101", "李秀英", "resident");
  static final Actor LIU = new Actor("p-201", "刘建国", "grid_member");
  static final Actor ZHAO = new Actor("p-202", "赵强", "community_staff");
  static final Actor STREET_DUTY = new Actor("p-301", "孙丽", "street_command");
  static final Actor ZHANG = new Actor("p-401", "张三", "party_member");
  static final Actor WANG = new Actor("p-402", "王五", "party_member");
  static final Actor BUILDING_HEAD = new Actor("p-001", "王芳", "building_head");

  static final Actor GOVERNANCE = Work.network("governance", "社会治理网");
  static final Actor PARTY = Work.network("party", "党建网");
  static final Actor COMMUNITY = Work.network("community", "社区网");

  static CaseFacts caseFacts(String caseId, String community) {
    return new CaseFacts(caseId, "environment", "楼道堆放杂物", "7号楼2单元", "b-07", "g-01", community, "s-shuangan",
        "李秀英", "13800005678", RESIDENT, List.of("ph-1"), CaseFacts.HUB, null);
  }

  static WishFacts wishFacts(String wishId, String community, int points) {
    return new WishFacts(wishId, "帮忙买药", "降压药两盒", "b-07", community, "r-001", "李大爷", "13900000001", points, BUILDING_HEAD,
        "hub", null);
  }

  static AppointmentFacts appointmentFacts(String appointmentId) {
    return new AppointmentFacts(appointmentId, "r-001", "李大爷", "b-07", "c-shuangan", "代办医保", START.plusSeconds(86_400),
        "上午上门", "双安社区/7号楼");
  }
}
