package org.sanwang.console.api;

import java.util.List;
import org.sanwang.hub.org.FieldError;

/** Thrown (or failed with) anywhere below the routes; the one exception handler turns it into problem+json. */
public final class ProblemException extends RuntimeException {
  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(Problem.of(400, "Bad Request", detail));
  }

  public static ProblemException invalid(List<FieldError> errors) {
    String detail = errors.size() == 1 ? errors.get(0).toString()
        : errors.size() + " problems: " + String.join("; ", errors.stream().limit(20).map(FieldError::toString).toList())
            + (errors.size() > 20 ? "; …" : "");
    return new ProblemException(new Problem("about:blank", "Bad Request", 400, detail, null, List.copyOf(errors)));
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of(401, "Unauthorized", detail));
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.of(403, "Forbidden", detail));
  }

  /** Refused for a domain reason pages name ({@code code}: {@link ProblemCodes}). */
  public static ProblemException forbidden(String detail, String code) {
    return new ProblemException(Problem.of(403, "Forbidden", detail).withCode(code));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of(404, "Not Found", detail));
  }

  public static ProblemException gone(String detail) {
    return new ProblemException(Problem.of(410, "Gone", detail));
  }

  /** A domain refusal: the request was understood and allowed, but the state forbids it ({@code code}: {@link ProblemCodes}). */
  public static ProblemException conflict(String detail, String code) {
    return new ProblemException(Problem.of(409, "Conflict", detail).withCode(code));
  }

  public static ProblemException tooMany(String detail) {
    return new ProblemException(Problem.of(429, "Too Many Requests", detail));
  }

  public static ProblemException unavailable(String detail) {
    return new ProblemException(Problem.of(503, "Service Unavailable", detail));
  }
}
