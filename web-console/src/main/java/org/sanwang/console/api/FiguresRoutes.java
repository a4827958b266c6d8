package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.ContentDisposition;
import org.apache.pekko.http.javadsl.model.headers.ContentDispositionTypes;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.alert.AlertFigures;
import org.sanwang.hub.alert.AlertHistory;
import org.sanwang.hub.alert.AlertSummary;
import org.sanwang.hub.device.DeviceEntity;
import org.sanwang.hub.group.GroupEntity;
import org.sanwang.hub.org.OrgDirectory;

/**
 * {@code GET /api/v1/figures?from=&to=&format=&lang=} (dates, China time; default the last 30 days), per community
 * within the caller's scopes: one-key call figures (from the projection of alert events), devices and how many are offline, and the
 * messages its groups received in the period; {@code &format=csv} downloads the same as CSV, its
 * header row in English or, with {@code &lang=zh-CN}, in Chinese.
 */
public final class FiguresRoutes extends RouteSupport {
  public record CommunityFigures(String code, String name, AlertFigures alerts, int devices, int devicesOffline,
      long messages) {}

  public record Figures(LocalDate from, LocalDate to, List<CommunityFigures> communities) {}

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final AlertHistory alerts;
  private final Duration askTimeout;

  public FiguresRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, AlertHistory alerts,
      Duration askTimeout) {
    super(accounts, tokens);
    this.system = system;
    this.directory = directory;
    this.alerts = alerts;
    this.askTimeout = askTimeout;
  }

  public Route routes() {
    return path(segment("api").slash("v1").slash("figures"), () -> get(() -> authenticated(p ->
        parameterOptional("from", from -> parameterOptional("to", to -> parameterOptional("format", format ->
            parameterOptional("lang", lang -> {
          LocalDate end = date("to", to.orElse(null), LocalDate.now(CHINA));
          LocalDate start = date("from", from.orElse(null), end.minusDays(29));
          if (start.isAfter(end)) throw ProblemException.badRequest("from: must not be after to");
          if (format.isPresent() && !format.get().equals("csv") && !format.get().equals("json"))
            throw ProblemException.badRequest("format: csv or json, got '" + format.get() + "'");
          var headers = CsvHeaders.of(lang);
          return onSuccess(figures(p, start, end), f -> format.filter("csv"::equals).isPresent()
              ? complete(HttpResponse.create()
                  .withEntity(HttpEntities.create(ContentTypes.create(
                      org.apache.pekko.http.javadsl.model.MediaTypes.TEXT_CSV, org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8),
                      csv(f, headers)))
                  .addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT,
                      java.util.Map.of("filename", "sanwang-figures-" + start + "-" + end + ".csv"))))
              : ok(f));
        })))))));
  }

  /**
   * The CSV's header row in the language asked for ({@code lang=zh-CN} or {@code en}; English
   * when absent). Every CSV starts with a UTF-8 byte order mark, so that Excel reads it as UTF-8.
   */
  enum CsvHeaders {
    EN(List.of("community", "name", "from", "to", "alerts", "acknowledged", "ack_median_s", "ack_p90_s", "ack_within_60s",
        "ack_within_180s", "arrived", "arrive_median_s", "arrive_p90_s", "devices", "devices_offline", "messages")),
    ZH_CN(List.of("社区代码", "社区名称", "开始日期", "结束日期", "呼叫数", "已响应数", "响应用时中位数(秒)", "响应用时P90(秒)",
        "60秒内响应占比", "180秒内响应占比", "已到场数", "到场用时中位数(秒)", "到场用时P90(秒)", "设备数", "离线设备数", "消息数"));

    final List<String> names;

    CsvHeaders(List<String> names) {
      this.names = names;
    }

    static CsvHeaders of(java.util.Optional<String> lang) {
      if (lang.isEmpty() || lang.get().equals("en")) return EN;
      if (lang.get().equals("zh-CN")) return ZH_CN;
      throw ProblemException.badRequest("lang: zh-CN or en, got '" + (lang.get().length() > 20 ? lang.get().substring(0, 20) + "…"
          : lang.get()) + "'");
    }
  }

  private static LocalDate date(String name, String raw, LocalDate dflt) {
    if (raw == null) return dflt;
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(name + ": a date like 2026-11-21, got '" + raw + "'");
    }
  }

  private CompletionStage<Figures> figures(Principal p, LocalDate from, LocalDate to) {
    var index = directory.index();
    var communities = index.tree().communities().keySet().stream().filter(org.sanwang.hub.access.Access.of(index, p)::mayOverseeCommunity).sorted().toList();
    var since = from.atStartOfDay(CHINA).toInstant();
    var until = to.plusDays(1).atStartOfDay(CHINA).toInstant();
    var sharding = ClusterSharding.get(system);
    var history = alerts.raisedSince(since);
    return CompletableFuture.completedFuture(history)
        .thenCompose(raised -> {
          var rows = new ArrayList<CompletableFuture<CommunityFigures>>();
          for (String code : communities) {
            List<AlertSummary> mine = raised.stream()
                .filter(a -> code.equals(a.community()) && a.raisedAt().isBefore(until)).toList();
            var devices = index.tree().residents().values().stream()
                .filter(r -> org.sanwang.hub.org.Codes.communityOf(r.building()).equals(code))
                .flatMap(r -> r.devices().stream()).map(d -> d.id()).toList();
            var offline = devices.stream().map(id -> sharding.entityRefFor(DeviceEntity.ENTITY_KEY, id)
                .<DeviceEntity.DeviceStatus>ask(DeviceEntity.GetDevice::new, askTimeout).toCompletableFuture()).toList();
            var groups = new ArrayList<String>(index.children(code).stream()
                .filter(c -> org.sanwang.hub.org.Codes.is(c, org.sanwang.hub.org.Codes.Level.BUILDING)).toList());
            groups.add(code);
            var messages = groups.stream().map(g -> sharding.entityRefFor(GroupEntity.ENTITY_KEY, g)
                .<GroupEntity.Volume>ask(r -> new GroupEntity.GetVolume(from, to, r), askTimeout).toCompletableFuture()).toList();
            var all = new ArrayList<CompletableFuture<?>>(offline);
            all.addAll(messages);
            rows.add(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(x -> new CommunityFigures(code,
                index.nameOf(code).orElse(code), AlertFigures.of(mine), devices.size(),
                (int) offline.stream().filter(f -> f.join().offline()).count(),
                messages.stream().mapToLong(f -> f.join().messages()).sum())));
          }
          return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new))
              .thenApply(x -> new Figures(from, to, rows.stream().map(CompletableFuture::join).toList()));
        });
  }

  static String csv(Figures f, CsvHeaders headers) {
    var sb = new StringBuilder("\uFEFF").append(String.join(",", headers.names)).append('\n');
    for (var c : f.communities()) {
      var a = c.alerts();
      sb.append(c.code()).append(',').append(quote(c.name())).append(',').append(f.from()).append(',').append(f.to()).append(',')
          .append(a.alerts()).append(',').append(a.acknowledged()).append(',').append(n(a.ackMedianSeconds())).append(',')
          .append(n(a.ackP90Seconds())).append(',').append(n(a.ackWithin60sShare())).append(',')
          .append(n(a.ackWithin180sShare())).append(',').append(a.arrived()).append(',').append(n(a.arriveMedianSeconds()))
          .append(',').append(n(a.arriveP90Seconds())).append(',').append(c.devices()).append(',').append(c.devicesOffline())
          .append(',').append(c.messages()).append('\n');
    }
    return sb.toString();
  }

  private static String n(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.3f", d);
  }

  /** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
  static String quote(String s) {
    String v = s.matches("^[=+\\-@].*") ? "'" + s : s;
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
