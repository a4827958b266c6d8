package org.sanwang.connectors.governance;

import java.util.ArrayList;
import java.util.List;
import org.sanwang.connectors.core.Decision;
import org.sanwang.connectors.core.EventSchemas;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.NetworkMapper;
import org.sanwang.connectors.core.Reason;
import org.sanwang.connectors.core.Subjects;
import org.sanwang.connectors.core.WorkData;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.work.CaseFacts;
import org.sanwang.hub.work.Level;

/**
 * The social-governance network's cases (随手拍, grid events). {@code governance.case.reported}: a case
 * at the community level of the subject (a building, grid or community). {@code dispatched} and
 * {@code escalated} move it to the level named, {@code resolved}, {@code rated} and {@code closed}
 * change its state. The case entity decides whether a change fits its state; a change for a case the
 * hub does not know is quarantined as {@code unknown_case}.
 */
public final class GovernanceMapper implements NetworkMapper {
  public static final String REPORTED = "governance.case.reported";

  @Override
  public Network network() {
    return Network.GOVERNANCE;
  }

  @Override
  public Decision decide(InboundEvent e, Subjects subjects) {
    var foreign = NetworkMapper.foreign(network(), e);
    if (foreign.isPresent()) return foreign.get();
    var target = subjects.code("subject", e.subject());
    if (target.code().isEmpty()) return new Decision.Quarantine(target.reason());
    String code = target.code().get();
    var badId = WorkData.badId(e, "caseId");
    if (badId.isPresent() && EventSchemas.known(e.type())) return new Decision.Quarantine(badId.get());
    return switch (e.type()) {
      case REPORTED -> report(e, subjects, code);
      case "governance.case.dispatched", "governance.case.escalated" -> move(e);
      case "governance.case.resolved" -> change(e, "resolved");
      case "governance.case.rated" -> e.data().hasNonNull("rating") ? change(e, "rated")
          : new Decision.Quarantine(Reason.badData("rating", "required for a rating, 1 to 5", "评价须给出1到5分"));
      case "governance.case.closed" -> change(e, "closed");
      default -> new Decision.Quarantine(Reason.unknownType(e.type()));
    };
  }

  private Decision report(InboundEvent e, Subjects subjects, String code) {
    var level = subjects.level(code).orElseThrow();
    if (level != Codes.Level.BUILDING && level != Codes.Level.GRID && level != Codes.Level.COMMUNITY)
      return new Decision.Quarantine(Reason.badData("subject", "a case is reported for a building, grid or community",
          "案件的对象须为楼栋、网格或社区"));
    String building = level == Codes.Level.BUILDING ? code : null;
    String grid = level == Codes.Level.GRID ? code : building != null ? WorkData.gridOf(subjects, building) : null;
    String community = Codes.communityOf(code);
    var photos = new ArrayList<String>();
    var listed = e.data().get("photos");
    if (listed != null && listed.isArray()) listed.forEach(p -> photos.add(p.asText()));
    var facts = new CaseFacts(e.text("caseId"), e.text("category"), e.text("description"), location(e), building, grid,
        community, Codes.streetOfCommunity(community), e.text("reporterName"), e.text("reporterPhone"), null, photos,
        network().id(), e.subject());
    return new Decision.Apply(List.of(new Decision.ReportCase(facts)));
  }

  /** The location as sent: a text, or a structured one (coordinates, an address object) as its JSON. */
  private static String location(InboundEvent e) {
    var v = e.data().get("location");
    return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.toString();
  }

  private Decision move(InboundEvent e) {
    var level = Level.parse(e.text("level"));
    if (level.isEmpty())
      return new Decision.Quarantine(Reason.badData("level", "one of community, street, district", "须为 community、street 或 district"));
    try {
      var deadline = WorkData.time(e, "deadline").orElse(null);
      return new Decision.Apply(List.of(new Decision.ChangeCase(e.text("caseId"), "dispatched", level.get(), deadline,
          e.text("note"), null)));
    } catch (IllegalArgumentException x) {
      return new Decision.Quarantine(WorkData.badTime("deadline"));
    }
  }

  private Decision change(InboundEvent e, String change) {
    var badRating = WorkData.badRating(e);
    if (badRating.isPresent()) return new Decision.Quarantine(badRating.get());
    return new Decision.Apply(List.of(new Decision.ChangeCase(e.text("caseId"), change, null, null, e.text("note"),
        WorkData.rating(e))));
  }
}
