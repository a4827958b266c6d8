package org.sanwang.connectors.core;

/** A request's event is malformed: 400, naming the field ({@code [3].data.caseId}), and nothing of the request is kept. */
public final class BadEvent extends RuntimeException {
  private final String field;

  public BadEvent(String field, String message) {
    super(field + ": " + message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
