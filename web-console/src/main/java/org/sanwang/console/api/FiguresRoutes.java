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
 * {@code GET /api/v1/figures?from=&to=} (dates, China time; default the last 30 days), per community
 * within the caller's scopes: one-key call figures (from the projection of alert events), devices and how many are offline, and the
 * messages its groups received in the period; {@code &format=csv} downloads the same as CSV.
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
        parameterOptional("from", from -> parameterOptional("to", to -> parameterOptional("format", format -> {
          LocalDate end = date("to", to.orElse(null), LocalDate.now(CHINA));
          LocalDate start = date("from", from.orElse(null), end.minusDays(29));
          if (start.isAfter(end)) throw ProblemException.badRequest("from: must not be after to");
          if (format.isPresent() && !format.get().equals("csv") && !format.get().equals("json"))
            throw ProblemException.badRequest("format: csv or json, got '" + format.get() + "'");
          return onSuccess(figures(p, start, end), f -> format.filter("csv"::equals).isPresent()
              ? complete(HttpResponse.create()
                  .withEntity(HttpEntities.create(ContentTypes.create(
                      org.apache.pekko.http.javadsl.model.MediaTypes.TEXT_CSV, org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8),
                      csv(f)))
                  .addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT,
                      java.util.Map.of("filename", "sanwang-figures-" + start + "-" + end + ".csv"))))
              : ok(f));
        }))))));
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

  static String csv(Figures f) {
    var sb = new StringBuilder("\uFEFFcommunity,name,from,to,alerts,acknowledged,ack_median_s,ack_p90_s,ack_within_60s,"
        + "ack_within_180s,arrived,arrive_median_s,arrive_p90_s,devices,devices_offline,messages\n");
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
