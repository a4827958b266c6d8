package org.sanwang.hub.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.org.FieldError;

/**
 * How long a case may stay at each level before it climbs to the next by itself (CONTRACT.md, Cases):
 * by default a day at the community, three days at the street, a week at the district. Set per community.
 */
public record CaseDeadlines(Duration community, Duration street, Duration district) implements CborSerializable {
  public static final CaseDeadlines DEFAULT = new CaseDeadlines(Duration.ofHours(24), Duration.ofHours(72), Duration.ofDays(7));
  /** Short enough for a demonstration or a test to watch a case climb; a real community sets hours. */
  public static final Duration SHORTEST = Duration.ofSeconds(10);
  public static final Duration LONGEST = Duration.ofDays(90);

  public Duration of(Level level) {
    return switch (level) {
      case community -> community;
      case street -> street;
      case district -> district;
    };
  }

  /** Every problem with these deadlines, by field. */
  public List<FieldError> validate() {
    var errors = new ArrayList<FieldError>();
    check(errors, "community", community);
    check(errors, "street", street);
    check(errors, "district", district);
    return errors;
  }

  private static void check(List<FieldError> errors, String field, Duration d) {
    if (d == null) errors.add(new FieldError(field, "required, an ISO-8601 duration such as PT24H"));
    else if (d.compareTo(SHORTEST) < 0 || d.compareTo(LONGEST) > 0)
      errors.add(new FieldError(field, "between PT10S and P90D"));
  }
}
