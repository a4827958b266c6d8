package org.sanwang.console.streams;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.sanwang.hub.org.Codes;

/**
 * The last hour of group traffic on this node, so that a dashboard's charts are full when it
 * opens: messages counted by group and source in two rings, the last 60 seconds by second and the
 * last 60 minutes by minute. Counted by group so that each caller is shown only the groups they
 * may join. Thread-safe (one writer, the traffic feed; readers, the requests); pure otherwise:
 * the times are given.
 */
public final class RecentTraffic {
  /** The sources every slot names, with 0 when none came. */
  public static final List<String> SOURCES = List.of("hub", "party", "governance", "community");

  static final int SLOTS = 60;

  /** One second or minute: when it began, how many messages, by source. */
  public record Slot(Instant at, int total, Map<String, Integer> bySource) {}

  /** A community's messages in the last hour. */
  public record CommunityCount(String code, String name, long count) {}

  /**
   * {@code seconds}: the 60 whole seconds before now, oldest first; {@code minutes}: the 60
   * minutes up to now, the current one so far last; {@code communities}: the last hour by
   * community, busiest first.
   */
  public record Window(List<Slot> seconds, List<Slot> minutes, List<CommunityCount> communities) {}

  /** Messages of one second or minute: group → source → count. */
  private record Bucket(long index, Map<String, Map<String, Integer>> counts) {}

  private final Bucket[] seconds = new Bucket[SLOTS];
  private final Bucket[] minutes = new Bucket[SLOTS];

  /** One message of {@code groupId} from {@code source}, received at {@code at}. */
  public synchronized void count(String groupId, String source, Instant at) {
    if (source == null) source = "hub";
    add(seconds, at.getEpochSecond(), groupId, source);
    add(minutes, Math.floorDiv(at.getEpochSecond(), 60), groupId, source);
  }

  /** The window as of {@code now}, counting only the groups {@code visible} lets through. */
  public synchronized Window window(Instant now, Predicate<String> visible, Function<String, String> communityName) {
    long second = now.getEpochSecond();
    long minute = Math.floorDiv(second, 60);
    var bySecond = new ArrayList<Slot>(SLOTS);
    for (long s = second - SLOTS; s < second; s++) bySecond.add(slot(seconds, s, Instant.ofEpochSecond(s), visible));
    var byMinute = new ArrayList<Slot>(SLOTS);
    var communities = new HashMap<String, Long>();
    for (long m = minute - SLOTS + 1; m <= minute; m++) {
      byMinute.add(slot(minutes, m, Instant.ofEpochSecond(m * 60), visible));
      var b = live(minutes, m);
      if (b == null) continue;
      b.counts().forEach((group, sources) -> {
        if (visible.test(group))
          communities.merge(Codes.communityOf(group), sources.values().stream().mapToLong(Integer::longValue).sum(), Long::sum);
      });
    }
    var ranked = communities.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new CommunityCount(e.getKey(), communityName.apply(e.getKey()), e.getValue()))
        .toList();
    return new Window(bySecond, byMinute, ranked);
  }

  private static void add(Bucket[] ring, long index, String groupId, String source) {
    int i = (int) Math.floorMod(index, SLOTS);
    if (ring[i] == null || ring[i].index() != index) ring[i] = new Bucket(index, new HashMap<>());
    ring[i].counts().computeIfAbsent(groupId, g -> new HashMap<>()).merge(source, 1, Integer::sum);
  }

  /** The bucket of {@code index} if the ring still holds it. */
  private static Bucket live(Bucket[] ring, long index) {
    var b = ring[(int) Math.floorMod(index, SLOTS)];
    return b != null && b.index() == index ? b : null;
  }

  private static Slot slot(Bucket[] ring, long index, Instant at, Predicate<String> visible) {
    var bySource = new TreeMap<String, Integer>();
    SOURCES.forEach(s -> bySource.put(s, 0));
    int total = 0;
    var b = live(ring, index);
    if (b != null) {
      for (var group : b.counts().entrySet()) {
        if (!visible.test(group.getKey())) continue;
        for (var source : group.getValue().entrySet()) {
          bySource.merge(source.getKey(), source.getValue(), Integer::sum);
          total += source.getValue();
        }
      }
    }
    return new Slot(at.truncatedTo(ChronoUnit.SECONDS), total, bySource);
  }
}
