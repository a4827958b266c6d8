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

  /** Every problem with this policy, by JSON path. */
  public List<FieldError> validate() {
    var errors = new ArrayList<FieldError>();
    if (steps == null || steps.isEmpty()) {
      errors.add(new FieldError("steps", "at least one step is required"));
      return errors;
    }
    Duration previous = Duration.ZERO.minusSeconds(1);
    for (int i = 0; i < steps.size(); i++) {
      var s = steps.get(i);
      String p = "steps[" + i + "]";
      if (s == null) { errors.add(new FieldError(p, "must be an object")); continue; }
      if (s.after() == null || s.after().isNegative()) errors.add(new FieldError(p + ".after", "must be a duration of zero or more, like PT60S"));
      else if (s.after().compareTo(previous) <= 0) errors.add(new FieldError(p + ".after", "must be later than the step before"));
      else previous = s.after();
      if (s.roles() == null || s.roles().isEmpty()) errors.add(new FieldError(p + ".notify", "at least one role is required"));
      else for (int r = 0; r < s.roles().size(); r++) {
        String role = s.roles().get(r);
        if (!FAMILY.equals(role) && (Role.parse(role).isEmpty() || Role.parse(role).get() == Role.admin || Role.parse(role).get() == Role.resident))
          errors.add(new FieldError(p + ".notify[" + r + "]", "unknown responder role " + role));
      }
    }
    if (repeatEvery == null || repeatEvery.compareTo(Duration.ofSeconds(30)) < 0)
      errors.add(new FieldError("repeatEvery", "must be a duration of at least PT30S"));
    if (arriveWithin == null || arriveWithin.compareTo(Duration.ofMinutes(1)) < 0)
      errors.add(new FieldError("arriveWithin", "must be a duration of at least PT1M"));
    return errors;
  }
}
