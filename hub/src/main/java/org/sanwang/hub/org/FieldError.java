package org.sanwang.hub.org;

import org.sanwang.hub.CborSerializable;

/** One thing wrong with an input, at a JSON path like {@code people[3].roles[0].scope}. */
public record FieldError(String path, String message) implements CborSerializable {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
