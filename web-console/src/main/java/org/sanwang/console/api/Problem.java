package org.sanwang.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.sanwang.hub.org.FieldError;

/**
 * RFC 9457 problem details. {@code detail} names the offending field or reason; {@code errors}
 * lists every bad path when there are several (an import); {@code code}, an extension member, is
 * a stable name of a domain refusal ({@code alert.closed}) that pages translate, present only
 * where the hub refused for a domain reason (the list: {@link ProblemCodes}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
    String code, Map<String, String> claimedBy) {
  public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    this(type, title, status, detail, instance, errors, null, null);
  }

  public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors, String code) {
    this(type, title, status, detail, instance, errors, code, null);
  }

  /** The same problem naming who holds what was asked for ({@code wish_taken}: the member who claimed the wish). */
  public Problem withClaimedBy(String id, String name) {
    return new Problem(type, title, status, detail, instance, errors, code, Map.of("id", id, "name", name));
  }

  public static Problem of(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, null, null);
  }

  /** The same problem with a stable code. */
  public Problem withCode(String code) {
    return new Problem(type, title, status, detail, instance, errors, code);
  }
}
