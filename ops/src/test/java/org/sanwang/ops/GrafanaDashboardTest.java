package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** ops/grafana/sanwang-hub.json imports into Grafana and charts only what a hub node exports on /metrics. */
class GrafanaDashboardTest {
  static final Path DASHBOARD = Path.of("grafana/sanwang-hub.json");

  /** What a node exports (spec/cluster.md), as Prometheus names; jvm_* and process_* come from Micrometer's binders. */
  static final Set<String> EXPORTED = Set.of(
      "sanwang_shards", "sanwang_entities", "sanwang_cluster_members",
      "sanwang_journal_write_seconds_bucket", "sanwang_journal_write_seconds_count", "sanwang_journal_write_seconds_sum",
      "sanwang_journal_write_seconds_max",
      "sanwang_alert_time_to_notify_seconds_bucket", "sanwang_alert_time_to_notify_seconds_count",
      "sanwang_alert_time_to_notify_seconds_sum", "sanwang_alert_time_to_notify_seconds_max",
      "sanwang_network_outbox_depth", "sanwang_stream_clients", "sanwang_stream_subscriptions", "sanwang_mqtt_connected",
      "sanwang_mqtt_messages_received_total", "sanwang_mqtt_messages_acknowledged_total", "sanwang_mqtt_messages_malformed_total",
      "sanwang_mqtt_messages_unknown_device_total", "sanwang_group_messages_posted_total", "sanwang_journal_failures_total",
      "sanwang_network_events_total");

  /** The panels the dashboard must have a chart of. */
  static final List<String> CHARTED = List.of("sanwang_cluster_members", "sanwang_shards", "sanwang_entities",
      "sanwang_journal_write_seconds_bucket", "sanwang_alert_time_to_notify_seconds_bucket", "sanwang_network_outbox_depth",
      "sanwang_stream_clients", "sanwang_stream_subscriptions", "sanwang_mqtt_connected", "sanwang_mqtt_messages_received_total",
      "sanwang_group_messages_posted_total", "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum", "process_files_open_files");

  static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
      "unless", "bool", "offset");
  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$:.])[a-zA-Z_:][a-zA-Z0-9_:]*");

  /** The metric names a PromQL expression reads: identifiers that are not functions, keywords, labels or ranges. */
  static Set<String> metricNames(String expr) {
    String s = STRINGS.matcher(expr).replaceAll("\"\"")
        .replaceAll("\\{[^}]*\\}", " ")
        .replaceAll("\\[[^\\]]*\\]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    var names = new TreeSet<String>();
    var m = IDENTIFIER.matcher(s);
    while (m.find()) {
      int next = m.end();
      while (next < s.length() && Character.isWhitespace(s.charAt(next))) next++;
      boolean function = next < s.length() && s.charAt(next) == '(';
      if (!function && !KEYWORDS.contains(m.group())) names.add(m.group());
    }
    return names;
  }

  static JsonNode dashboard() throws Exception {
    return new ObjectMapper().readTree(Files.readString(DASHBOARD));
  }

  static List<JsonNode> panels(JsonNode dashboard) {
    var out = new ArrayList<JsonNode>();
    for (var p : dashboard.get("panels")) {
      out.add(p);
      if (p.has("panels")) p.get("panels").forEach(out::add);
    }
    return out;
  }

  @Test
  void theNamesOfAnExpressionAreFoundAndNothingElse() {
    assertThat(metricNames("histogram_quantile(0.99, sum by (le, journal) (rate(sanwang_journal_write_seconds_bucket"
        + "{instance=~\"$instance\",journal=\"urgent\"}[$__rate_interval])))")).containsExactly("sanwang_journal_write_seconds_bucket");
    assertThat(metricNames("sum(up) / on (instance) group_left max(process_files_max_files) offset 5m"))
        .containsExactly("process_files_max_files", "up");
  }

  @Test
  void everyPanelChartsOnlyWhatTheHubExports() throws Exception {
    var used = new TreeSet<String>();
    for (var panel : panels(dashboard())) {
      if (panel.get("type").asText().equals("row")) continue;
      assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
      for (var target : panel.get("targets")) {
        var names = metricNames(target.get("expr").asText());
        assertThat(names).as(target.get("expr").asText()).isNotEmpty();
        used.addAll(names);
      }
    }
    assertThat(used).allSatisfy(name -> assertThat(EXPORTED.contains(name) || name.startsWith("jvm_") || name.startsWith("process_"))
        .as("%s is exported by a hub node", name).isTrue());
    assertThat(used).containsAll(CHARTED);
  }

  @Test
  void itImportsWithThePrometheusDataSourceAsAVariable() throws Exception {
    var d = dashboard();
    assertThat(d.get("title").asText()).isEqualTo("Sanwang Hub");
    assertThat(d.get("uid").asText()).isNotBlank();
    var variables = d.at("/templating/list");
    assertThat(variables).anySatisfy(v -> {
      assertThat(v.get("name").asText()).isEqualTo("DS_PROMETHEUS");
      assertThat(v.get("type").asText()).isEqualTo("datasource");
      assertThat(v.get("query").asText()).isEqualTo("prometheus");
    });
    var ids = new TreeSet<Integer>();
    for (var panel : panels(d)) {
      assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
      assertThat(panel.has("gridPos")).isTrue();
      if (panel.get("type").asText().equals("row")) continue;
      assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${DS_PROMETHEUS}");
      panel.get("targets").forEach(t -> assertThat(t.at("/datasource/uid").asText()).isEqualTo("${DS_PROMETHEUS}"));
    }
  }
}
