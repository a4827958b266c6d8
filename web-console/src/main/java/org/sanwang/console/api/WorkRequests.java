package org.sanwang.console.api;

import java.util.List;
import java.util.Set;
import org.sanwang.hub.work.Work;

/** The bodies the work routes take, and their checks (each problem names its field). */
public final class WorkRequests {
  private WorkRequests() {}

  public static final Set<String> CATEGORIES = Set.of("environment", "safety", "facility", "neighbour", "elderly", "other");

  public record Note(String note) {}

  /** A claim says nothing: {@code {}}. */
  public record Claim() {}

  public record ResolveCase(String note, List<String> photos) {}

  public record RateCase(Integer rating, String note) {}

  public record ReportCase(String building, String category, String description, String location, List<String> photos,
      String reporterName, String reporterPhone) {}

  public record PostWish(String building, String title, String detail, String residentId, String residentName, String phone,
      Integer points) {}

  public record ConfirmWish(Integer rating, String note) {}

  public record Activate(String password) {}

  public record Deadlines(String community, String street, String district) {}

  static String text(String field, String value, int max, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) throw ProblemException.badRequest(field + ": required");
      return null;
    }
    String t = value.strip();
    if (t.length() > max) throw ProblemException.badRequest(field + ": at most " + max + " characters");
    return t;
  }

  static Integer rating(String field, Integer rating, boolean required) {
    if (rating == null) {
      if (required) throw ProblemException.badRequest(field + ": required, a whole number from 1 to 5");
      return null;
    }
    if (rating < 1 || rating > 5) throw ProblemException.badRequest(field + ": a whole number from 1 to 5, got " + rating);
    return rating;
  }

  static String phone(String field, String phone) {
    if (phone == null || phone.isBlank()) return null;
    if (!phone.strip().matches("\\+?[0-9][0-9 -]{5,19}")) throw ProblemException.badRequest(field + ": a phone number");
    return phone.strip();
  }

  static List<String> photoIds(String field, List<String> photos) {
    if (photos == null) return List.of();
    if (photos.size() > 9) throw ProblemException.badRequest(field + ": at most 9 photos");
    for (int i = 0; i < photos.size(); i++)
      if (photos.get(i) == null || !photos.get(i).matches("ph-[0-9a-f]{32}"))
        throw ProblemException.badRequest(field + "[" + i + "]: the id of a photo uploaded with POST /api/v1/photos");
    return List.copyOf(photos);
  }

  static String id(String kind, String id) {
    if (!Work.ID.matcher(id).matches()) throw ProblemException.notFound("id: no " + kind + " " + id);
    return id;
  }
}
