package org.sanwang.connectors.core;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.work.Work;

/** Reading the networks' case, wish and appointment data (pure): ids, times, ratings, the grid of a building. */
public final class WorkData {
  private WorkData() {}

  /** The id in {@code field}, or why it cannot be one of the hub's. */
  public static Optional<Reason> badId(InboundEvent e, String field) {
    String id = e.text(field);
    return id != null && Work.ID.matcher(id).matches() ? Optional.empty()
        : Optional.of(Reason.badData(field, "an id of letters, digits and _ . : - (at most 80)", "编号只能含字母、数字和 _ . : -（至多80个字符）"));
  }

  /** The instant in {@code field}, empty when absent; throws {@link IllegalArgumentException} naming the field when malformed. */
  public static Optional<Instant> time(InboundEvent e, String field) {
    String text = e.text(field);
    if (text == null) return Optional.empty();
    try {
      return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException x) {
      throw new IllegalArgumentException(field);
    }
  }

  public static Reason badTime(String field) {
    return Reason.badData(field, "an ISO-8601 time with its offset, such as 2026-11-22T09:30:00+08:00", "须为带时区的 ISO-8601 时间");
  }

  /** A rating 1 to 5 in {@code rating}, null when absent; empty Optional-of-reason when fine. */
  public static Optional<Reason> badRating(InboundEvent e) {
    var v = e.data().get("rating");
    if (v == null || v.isNull()) return Optional.empty();
    return v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 1 && v.asInt() <= 5 ? Optional.empty()
        : Optional.of(Reason.badData("rating", "a whole number from 1 to 5", "须为1到5的整数"));
  }

  public static Integer rating(InboundEvent e) {
    var v = e.data().get("rating");
    return v == null || v.isNull() ? null : v.asInt();
  }

  /** The first grid that holds the building, or null. */
  public static String gridOf(Subjects subjects, String building) {
    return subjects.index().ancestors(building).stream().filter(c -> Codes.is(c, Codes.Level.GRID)).findFirst().orElse(null);
  }
}
