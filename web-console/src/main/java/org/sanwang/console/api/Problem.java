package org.sanwang.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.sanwang.hub.org.FieldError;

/**
 * RFC 9457 problem details. {@code detail} names the offending field or reason; {@code errors}
 * lists every bad path when there are several (an import).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
  public static Problem of(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, null, null);
  }
}
