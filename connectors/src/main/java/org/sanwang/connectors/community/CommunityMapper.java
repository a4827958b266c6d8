package org.sanwang.connectors.community;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import org.sanwang.connectors.core.Decision;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.NetworkMapper;
import org.sanwang.connectors.core.Reason;
import org.sanwang.connectors.core.Subjects;
import org.sanwang.connectors.core.WorkData;
import org.sanwang.hub.work.AppointmentFacts;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgImport;
import org.sanwang.hub.org.OrgImportValidator;
import org.sanwang.hub.org.Role;

/**
 * The community-management network's events. {@code community.notice}: a notice in each targeted
 * building's group and the inbox of those buildings' heads. {@code community.resident.upserted}: the
 * resident, in the import format, upserted into the roster (checked as an import would be).
 * {@code community.resident.removed}: the resident taken off the roster.
 * {@code community.appointment.requested}: a task for the grid members of the resident's building;
 * {@code .cancelled} withdraws it.
 */
public final class CommunityMapper implements NetworkMapper {
  private static final ObjectMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Override
  public Network network() {
    return Network.COMMUNITY;
  }

  @Override
  public Decision decide(InboundEvent e, Subjects subjects) {
    var foreign = NetworkMapper.foreign(network(), e);
    if (foreign.isPresent()) return foreign.get();
    var target = subjects.code("subject", e.subject());
    if (target.code().isEmpty()) return new Decision.Quarantine(target.reason());
    String code = target.code().get();
    return switch (e.type()) {
      case "community.notice" -> notice(e, subjects, code);
      case "community.resident.upserted" -> upsert(e, subjects, code);
      case "community.resident.removed" -> remove(e, subjects, code);
      case "community.appointment.requested" -> appointment(e, subjects, code);
      case "community.appointment.cancelled" -> WorkData.badId(e, "appointmentId").<Decision>map(Decision.Quarantine::new)
          .orElseGet(() -> new Decision.Apply(List.of(new Decision.CancelAppointment(e.text("appointmentId"), e.text("note")))));
      default -> new Decision.Quarantine(Reason.unknownType(e.type()));
    };
  }

  private Decision notice(InboundEvent e, Subjects subjects, String code) {
    var level = subjects.level(code).orElseThrow();
    List<String> buildings = new ArrayList<>();
    if (level == Codes.Level.BUILDING) buildings.add(code);
    else if (level != Codes.Level.COMMUNITY)
      return new Decision.Quarantine(Reason.badData("subject", "a community.notice goes to a community or a building",
          "社区通知只发往社区或楼栋"));
    else if (e.data().hasNonNull("buildings")) {
      var listed = e.data().get("buildings");
      for (int i = 0; i < listed.size(); i++) {
        var b = subjects.code("buildings[" + i + "]", listed.get(i).asText());
        if (b.code().isEmpty()) return new Decision.Quarantine(b.reason());
        if (!Codes.is(b.code().get(), Codes.Level.BUILDING) || !Codes.communityOf(b.code().get()).equals(code))
          return new Decision.Quarantine(Reason.badData("buildings[" + i + "]", "'" + b.code().get()
              + "' is no building of community " + code, "“" + b.code().get() + "”不是社区" + code + "的楼栋"));
        buildings.add(b.code().get());
      }
    } else {
      subjects.index().children(code).stream().filter(c -> Codes.is(c, Codes.Level.BUILDING)).forEach(buildings::add);
    }
    String title = e.text("title");
    String body = e.text("body");
    var effects = new ArrayList<Decision.Effect>();
    for (String b : buildings) {
      effects.add(new Decision.PostToGroup(b, "notice", NetworkMapper.marked(network(), title) + "\n" + body));
      subjects.index().holdersAt(b).getOrDefault(Role.building_head, List.of())
          .forEach(p -> effects.add(new Decision.Notify(p.id(), "notice", NetworkMapper.marked(network(), title), body)));
    }
    return new Decision.Apply(effects);
  }

  private Decision upsert(InboundEvent e, Subjects subjects, String code) {
    if (!Codes.is(code, Codes.Level.BUILDING))
      return new Decision.Quarantine(Reason.badData("subject", "a resident's subject is their building", "居民事件的对象须为其所在楼栋"));
    OrgImport.ResidentSpec spec;
    try {
      spec = JSON.treeToValue(e.data(), OrgImport.ResidentSpec.class);
    } catch (JsonProcessingException x) {
      return new Decision.Quarantine(Reason.badData("resident", x.getOriginalMessage(), "居民数据无法读取：" + x.getOriginalMessage()));
    }
    var building = subjects.code("data.building", spec.building());
    if (building.code().isEmpty()) return new Decision.Quarantine(building.reason());
    if (!building.code().get().equals(code))
      return new Decision.Quarantine(Reason.badData("building", "'" + spec.building() + "' is not the event's subject " + code,
          "“" + spec.building() + "”与事件对象" + code + "不一致"));
    var resident = new OrgImport.ResidentSpec(subjects.residentId(spec.id()), spec.name(), code, spec.unit(), spec.room(),
        spec.flags(), spec.contacts(), spec.devices());
    var errors = OrgImportValidator.validate(new OrgImport(List.of(), List.of(), List.of(resident)), subjects.index().tree());
    if (!errors.isEmpty()) {
      var first = errors.get(0);
      String field = first.path().replaceFirst("^residents\\[0\\]\\.?", "");
      return new Decision.Quarantine(Reason.badData(field.isEmpty() ? "resident" : field, first.message(), first.message()));
    }
    return new Decision.Apply(List.of(new Decision.UpsertResident(resident)));
  }

  private Decision remove(InboundEvent e, Subjects subjects, String code) {
    String id = subjects.residentId(e.text("id"));
    var resident = subjects.index().tree().residents().get(id);
    if (resident == null) return new Decision.Quarantine(Reason.unknownPerson("id", e.text("id")));
    if (!resident.building().equals(code))
      return new Decision.Quarantine(Reason.badData("id", "resident '" + id + "' does not live in " + code,
          "居民“" + id + "”不住在" + code));
    return new Decision.Apply(List.of(new Decision.RemoveResident(id)));
  }


  /** 预约代办: a task for the building's grid members, for a resident of that building. */
  private Decision appointment(InboundEvent e, Subjects subjects, String code) {
    if (!Codes.is(code, Codes.Level.BUILDING))
      return new Decision.Quarantine(Reason.badData("subject", "an appointment's subject is the resident's building", "预约的对象须为居民所在楼栋"));
    var badId = WorkData.badId(e, "appointmentId");
    if (badId.isPresent()) return new Decision.Quarantine(badId.get());
    String residentId = subjects.residentId(e.text("residentId"));
    var resident = subjects.index().tree().residents().get(residentId);
    if (resident == null) return new Decision.Quarantine(Reason.unknownPerson("residentId", e.text("residentId")));
    if (!resident.building().equals(code))
      return new Decision.Quarantine(Reason.badData("residentId", "resident '" + residentId + "' does not live in " + code,
          "居民“" + residentId + "”不住在" + code));
    try {
      var at = WorkData.time(e, "at").orElse(null);
      return new Decision.Apply(List.of(new Decision.RequestAppointment(new AppointmentFacts(e.text("appointmentId"), residentId,
          resident.name(), code, Codes.communityOf(code), e.text("service"), at, e.text("note"), e.subject()))));
    } catch (IllegalArgumentException x) {
      return new Decision.Quarantine(WorkData.badTime("at"));
    }
  }
}
