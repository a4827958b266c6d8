package org.sanwang.ops.netsim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Statuses a test scripted for the next requests of a network, in the order scripted. */
final class Scripted {
  record Answer(int status, Optional<Duration> retryAfter) {}

  private final Map<String, Deque<Answer>> next = new HashMap<>();

  synchronized void add(String network, int status, int count, Optional<Duration> retryAfter) {
    if (status < 100 || status > 599) throw new IllegalArgumentException("status: must be 100 to 599, got " + status);
    if (count < 1) throw new IllegalArgumentException("count: must be at least 1, got " + count);
    var queue = next.computeIfAbsent(network, n -> new ArrayDeque<>());
    for (int i = 0; i < count; i++) queue.add(new Answer(status, retryAfter));
  }

  /** Forgets what is still scripted for the network: its endpoint answers as usual again. */
  synchronized void clear(String network) {
    next.remove(network);
  }

  /** The scripted answer to this request, taken off the script, or none: answer as usual. */
  synchronized Optional<Answer> take(String network) {
    var queue = next.get(network);
    return queue == null ? Optional.empty() : Optional.ofNullable(queue.poll());
  }
}
