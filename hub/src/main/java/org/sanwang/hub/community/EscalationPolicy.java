package org.sanwang.hub.community;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.org.FieldError;
import org.sanwang.hub.org.Role;

/**
 * Who is told of a one-key call, and when (CONTRACT.md, Alerts): each step notifies roles a
 * delay after the call; the steps repeat every {@code repeatEvery} until someone acknowledges, and
 * an acknowledged alert with nobody arrived within {@code arriveWithin} escalates again.
 */
public record EscalationPolicy(List<Step> steps, Duration repeatEvery, Duration arriveWithin) implements CborSerializable {
  /** {@code family} is not a role: it means the resident's family contacts, reached by SMS. */
  public static final String FAMILY = "family";

  /** {@code roles} is {@code notify} on the wire ({@code notify} cannot name a Java record component). */
  public record Step(Duration after, @JsonProperty("notify") List<String> roles) implements CborSerializable {}

  public static final EscalationPolicy DEFAULT = new EscalationPolicy(
      List.of(
          new Step(Duration.ZERO, List.of("building_head", "online_building_head", "unit_head", "grid_member", FAMILY)),
          new Step(Duration.ofSeconds(60), List.of("grid_head", "community_duty")),
          new Step(Duration.ofSeconds(180), List.of("community_secretary", "street_command"))),
      Duration.ofSeconds(300),
      Duration.ofMinutes(15));

  /**
   * The longest delay a policy may name: a step's {@code after}, {@code repeatEvery} and
   * {@code arriveWithin} each become a timer of the alert, and a day is already far beyond any
   * useful escalation (and far inside what the scheduler can hold).
   */
  public static final Duration LONGEST = Duration.ofHours(24);
  public static final Duration SHORTEST_REPEAT = Duration.ofSeconds(30);
  public static final Duration SHORTEST_ARRIVAL = Duration.ofMinutes(1);

  /** Every problem with this policy, by JSON path ({@code steps[2].after}, {@code repeatEvery}). */
  public List<FieldError> validate() {
    var errors = new ArrayList<FieldError>();
    Duration last = validateSteps(errors);
    if (repeatEvery == null || repeatEvery.compareTo(SHORTEST_REPEAT) < 0)
      errors.add(new FieldError("repeatEvery", "must be a duration of at least PT30S"));
    else if (repeatEvery.compareTo(LONGEST) > 0)
      errors.add(new FieldError("repeatEvery", "must be at most PT24H, got " + repeatEvery));
    else if (last != null && repeatEvery.compareTo(last) <= 0)
      errors.add(new FieldError("repeatEvery", "must be longer than the last step's after (" + last
          + "), otherwise one cycle of steps would overlap the next"));
    if (arriveWithin == null || arriveWithin.compareTo(SHORTEST_ARRIVAL) < 0)
      errors.add(new FieldError("arriveWithin", "must be a duration of at least PT1M"));
    else if (arriveWithin.compareTo(LONGEST) > 0)
      errors.add(new FieldError("arriveWithin", "must be at most PT24H, got " + arriveWithin));
    return errors;
  }

  /** Checks every step; returns the latest valid {@code after}, or null when there is none. */
  private Duration validateSteps(List<FieldError> errors) {
    if (steps == null || steps.isEmpty()) {
      errors.add(new FieldError("steps", "at least one step is required"));
      return null;
    }
    Duration latest = null;
    for (int i = 0; i < steps.size(); i++) {
      var s = steps.get(i);
      String p = "steps[" + i + "]";
      if (s == null) {
        errors.add(new FieldError(p, "must be an object"));
        continue;
      }
      if (s.after() == null || s.after().isNegative())
        errors.add(new FieldError(p + ".after", "must be a duration of zero or more, like PT60S"));
      else if (s.after().compareTo(LONGEST) > 0)
        errors.add(new FieldError(p + ".after", "must be at most PT24H, got " + s.after()));
      else if (latest != null && s.after().compareTo(latest) <= 0)
        errors.add(new FieldError(p + ".after", "must be later than the step before (" + latest + "), got " + s.after()));
      else latest = s.after();
      validateRoles(p, s.roles(), errors);
    }
    return latest;
  }

  private static void validateRoles(String p, List<String> roles, List<FieldError> errors) {
    if (roles == null || roles.isEmpty()) {
      errors.add(new FieldError(p + ".notify", "at least one role is required"));
      return;
    }
    for (int r = 0; r < roles.size(); r++) {
      String role = roles.get(r);
      if (!isResponder(role)) errors.add(new FieldError(p + ".notify[" + r + "]", "unknown responder role " + role
          + "; use " + FAMILY + " or a staff role such as building_head, grid_member, community_duty"));
    }
  }

  /** {@code family}, or a role that can answer a call: every role but admin and resident. */
  static boolean isResponder(String role) {
    if (FAMILY.equals(role)) return true;
    var parsed = Role.parse(role);
    return parsed.isPresent() && parsed.get() != Role.admin && parsed.get() != Role.resident;
  }
}
