package org.sanwang.connectors.core;

/** A request's event is malformed: 400, naming the field ({@code [3].data.caseId}), and nothing of the request is kept. */
public final class BadEvent extends RuntimeException {
  private final String field;
  private final boolean tooLarge;

  public BadEvent(String field, String message) {
    this(field, message, false);
  }

  private BadEvent(String field, String message, boolean tooLarge) {
    super(field + ": " + message, null, false, false);
    this.field = field;
    this.tooLarge = tooLarge;
  }

  /** A batch of more events than the edge takes at once: 413, like a body over the size limit. */
  public static BadEvent tooLarge(String field, String message) {
    return new BadEvent(field, message, true);
  }

  public boolean tooLarge() {
    return tooLarge;
  }

  public String field() {
    return field;
  }
}
