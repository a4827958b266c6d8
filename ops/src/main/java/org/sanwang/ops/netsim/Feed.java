package org.sanwang.ops.netsim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A network's pull feed: an append-only list of CloudEvents in memory. The cursor is the index of
 * the next event to hand out, as a string; a page from cursor {@code c} of {@code n} events has the
 * cursor {@code c + n} as its {@code next}, and an empty page keeps the cursor (caught up). A cursor
 * beyond the end can only come from an earlier run of netsim (the list starts empty again while the
 * hub keeps its cursor): such a poll is served from the start, so the hub picks up this run's events.
 */
final class Feed {
  static final int MAX_LIMIT = 1000;

  /** A page; {@code restarted} when the cursor was beyond the end and the page is from the start. */
  record Page(List<JsonNode> events, String next, boolean restarted) {}

  private final List<JsonNode> events = new ArrayList<>();

  synchronized void append(JsonNode event) {
    events.add(event);
  }

  synchronized int size() {
    return events.size();
  }

  /**
   * The page after {@code cursor} (null or empty: from the start), or empty when the cursor is not
   * a cursor of this feed (not a number, or negative).
   */
  synchronized Optional<Page> page(String cursor, int limit) {
    int from;
    if (cursor == null || cursor.isEmpty()) from = 0;
    else {
      try {
        from = Integer.parseInt(cursor);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (from < 0) return Optional.empty();
    }
    boolean restarted = from > events.size();
    if (restarted) from = 0;
    int to = Math.min(events.size(), from + Math.max(1, Math.min(limit, MAX_LIMIT)));
    return Optional.of(new Page(List.copyOf(events.subList(from, to)), Integer.toString(to), restarted));
  }
}
