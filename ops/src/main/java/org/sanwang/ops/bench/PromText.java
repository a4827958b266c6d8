package org.sanwang.ops.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One scrape of a node's {@code GET /metrics} (Prometheus text format): each series line
 * ({@code name{labels} value}) kept by its whole series string, with the few sums and
 * histogram readings the soak prints.
 */
record PromText(Map<String, Double> series) {

  static PromText parse(String text) {
    var m = new LinkedHashMap<String, Double>();
    for (var line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') continue;
      int space = line.lastIndexOf(' ');
      if (space <= 0) continue;
      try {
        m.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException ignored) {
        // not a sample line
      }
    }
    return new PromText(m);
  }

  static PromText empty() {
    return new PromText(Map.of());
  }

  private static String name(String series) {
    int brace = series.indexOf('{');
    return brace < 0 ? series : series.substring(0, brace);
  }

  /** Every series of metric {@code name} whose labels contain each of {@code labels} (like {@code area="heap"}). */
  List<Map.Entry<String, Double>> all(String name, String... labels) {
    var out = new ArrayList<Map.Entry<String, Double>>();
    next:
    for (var e : series.entrySet()) {
      if (!name(e.getKey()).equals(name)) continue;
      for (var l : labels) if (!e.getKey().contains(l)) continue next;
      out.add(e);
    }
    return out;
  }

  OptionalDouble sum(String name, String... labels) {
    var found = all(name, labels);
    return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.stream().mapToDouble(Map.Entry::getValue).sum());
  }

  OptionalDouble max(String name, String... labels) {
    return all(name, labels).stream().mapToDouble(Map.Entry::getValue).max();
  }

  /** The label's value in a series string, e.g. {@code journal} of {@code x{journal="default",le="0.1"}}. */
  static String label(String series, String label) {
    int at = series.indexOf(label + "=\"");
    if (at < 0) return "";
    int from = at + label.length() + 2;
    return series.substring(from, series.indexOf('"', from));
  }

  /**
   * The {@code percentile} of a Prometheus histogram between two scrapes, per value of {@code by}
   * (e.g. per journal): the upper bound of the first bucket holding that share of the interval's
   * observations, in the histogram's unit; absent when nothing was observed.
   */
  static Map<String, Double> percentileBetween(PromText before, PromText after, String histogram, String by, double percentile) {
    var buckets = new TreeMap<String, TreeMap<Double, Double>>();
    for (var e : after.all(histogram + "_bucket")) {
      String le = label(e.getKey(), "le");
      double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      double delta = e.getValue() - before.series().getOrDefault(e.getKey(), 0.0);
      buckets.computeIfAbsent(label(e.getKey(), by), k -> new TreeMap<>()).merge(bound, delta, Double::sum);
    }
    var out = new TreeMap<String, Double>();
    buckets.forEach((key, cumulative) -> {
      double total = cumulative.lastEntry().getValue();
      if (total <= 0) return;
      for (var b : cumulative.entrySet()) {
        if (b.getValue() >= total * percentile / 100.0) {
          out.put(key, b.getKey());
          return;
        }
      }
    });
    return out;
  }
}
