package org.sanwang.connectors.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code data} each event type must carry (CONTRACT, "Event types and their data"): a field
 * missing or of the wrong JSON kind makes the event malformed (400 naming it). Values the type
 * does not allow (an unknown level, a rating of 9) are judged when the event is applied, and quarantined.
 */
public final class EventSchemas {
  private EventSchemas() {}

  enum Kind { TEXT, INTEGER, TEXTS, OBJECTS, ANY }

  record Field(String name, Kind kind, boolean required) {}

  private static Field req(String name) {
    return new Field(name, Kind.TEXT, true);
  }

  private static Field opt(String name) {
    return new Field(name, Kind.TEXT, false);
  }

  private static Field opt(String name, Kind kind) {
    return new Field(name, kind, false);
  }

  private static final List<Field> WISH_CHANGE = List.of(req("wishId"), opt("memberId"), opt("note"), opt("rating", Kind.INTEGER));
  private static final List<Field> CASE_LEVEL = List.of(req("caseId"), req("level"), opt("deadline"), opt("note"));
  private static final List<Field> CASE_CHANGE = List.of(req("caseId"), opt("note"), opt("rating", Kind.INTEGER));

  static final Map<String, List<Field>> SCHEMAS = Map.ofEntries(
      Map.entry("party.notice", List.of(req("title"), req("body"), opt("roles", Kind.TEXTS))),
      Map.entry("party.member.reported", List.of(req("memberId"), req("name"), req("phone"), opt("workplace"), opt("building"))),
      Map.entry("party.wish.posted", List.of(req("wishId"), req("title"), opt("detail"), opt("residentId"), req("residentName"),
          opt("phone"), opt("points", Kind.INTEGER))),
      Map.entry("party.wish.claimed", WISH_CHANGE),
      Map.entry("party.wish.fulfilled", WISH_CHANGE),
      Map.entry("party.wish.confirmed", WISH_CHANGE),
      Map.entry("party.wish.cancelled", WISH_CHANGE),
      Map.entry("governance.case.reported", List.of(req("caseId"), req("category"), req("description"), opt("reporterName"),
          opt("reporterPhone"), opt("photos", Kind.TEXTS), opt("location", Kind.ANY))),
      Map.entry("governance.case.dispatched", CASE_LEVEL),
      Map.entry("governance.case.escalated", CASE_LEVEL),
      Map.entry("governance.case.resolved", CASE_CHANGE),
      Map.entry("governance.case.rated", CASE_CHANGE),
      Map.entry("governance.case.closed", CASE_CHANGE),
      Map.entry("community.resident.upserted", List.of(req("id"), req("name"), req("building"),
          new Field("unit", Kind.INTEGER, true), req("room"), opt("flags", Kind.TEXTS), opt("contacts", Kind.OBJECTS),
          opt("devices", Kind.OBJECTS))),
      Map.entry("community.resident.removed", List.of(req("id"))),
      Map.entry("community.notice", List.of(req("title"), req("body"), opt("buildings", Kind.TEXTS))),
      Map.entry("community.appointment.requested", List.of(req("appointmentId"), req("residentId"), req("service"), opt("at"),
          opt("note"))),
      Map.entry("community.appointment.cancelled", List.of(req("appointmentId"), opt("note"))));

  /** True for a type the contract defines (whether or not this hub applies it yet). */
  public static boolean known(String type) {
    return SCHEMAS.containsKey(type);
  }

  /** What is wrong with {@code data} for {@code type}, as (field under data, message); nothing for an unknown type. */
  public static Optional<String[]> problem(String type, JsonNode data) {
    var fields = SCHEMAS.get(type);
    if (fields == null) return Optional.empty();
    for (var f : fields) {
      var v = data.get(f.name());
      if (v == null || v.isNull()) {
        if (f.required()) return Optional.of(new String[] {f.name(), "is required for " + type});
        continue;
      }
      String wrong = switch (f.kind()) {
        case TEXT -> v.isTextual() && !v.asText().isBlank() ? null : "must be a non-empty string";
        case INTEGER -> v.isIntegralNumber() ? null : "must be a whole number";
        case TEXTS -> v.isArray() && all(v, JsonNode::isTextual) ? null : "must be an array of strings";
        case OBJECTS -> v.isArray() && all(v, JsonNode::isObject) ? null : "must be an array of objects";
        case ANY -> null;
      };
      if (wrong != null) return Optional.of(new String[] {f.name(), wrong});
    }
    return Optional.empty();
  }

  private static boolean all(JsonNode array, java.util.function.Predicate<JsonNode> test) {
    for (var e : array) if (!test.test(e)) return false;
    return true;
  }
}
