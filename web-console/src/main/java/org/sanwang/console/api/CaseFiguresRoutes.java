package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.work.CaseEntity;
import org.sanwang.hub.work.CaseFigures;
import org.sanwang.hub.work.WorkBook;

/**
 * The governance figures: {@code GET /api/v1/figures/cases?community=&since=}: per level and per community,
 * cases, done (办结), closure rate, on time, on-time rate, median hours to done, overdue now. Over the
 * cases the caller oversees, reported at or after {@code since} (default: all).
 */
public final class CaseFiguresRoutes extends RouteSupport {
  public record LevelRow(String level, int total, int closed, Double closureRate, int onTime, Double onTimeRate,
      Double medianHoursToClose, int overdue) {}

  public record CommunityRow(String community, String name, int total, int closed, Double closureRate, int onTime,
      Double onTimeRate, Double medianHoursToClose, int overdue) {}

  public record Figures(List<LevelRow> byLevel, List<CommunityRow> byCommunity) {}

  private final OrgDirectory directory;
  private final WorkBook<CaseEntity.State> cases;
  private final Clock clock;

  public CaseFiguresRoutes(Accounts accounts, Tokens tokens, OrgDirectory directory, WorkBook<CaseEntity.State> cases, Clock clock) {
    super(accounts, tokens);
    this.directory = directory;
    this.cases = cases;
    this.clock = clock;
  }

  public Route routes() {
    return path(segment("api").slash("v1").slash("figures").slash("cases"), () -> get(() -> authenticated(p ->
        parameterOptional("community", community -> parameterOptional("since", since -> figures(p, community, since))))));
  }

  private Route figures(Principal p, Optional<String> community, Optional<String> since) {
    community.filter(c -> !Codes.is(c, Codes.Level.COMMUNITY) || !directory.index().exists(c)).ifPresent(c -> {
      throw ProblemException.badRequest("community: no community " + c);
    });
    Instant from;
    try {
      from = since.map(Instant::parse).orElse(Instant.EPOCH);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("since: an ISO-8601 instant such as 2026-11-01T00:00:00Z");
    }
    var access = Access.of(directory.index(), p);
    var index = directory.index();
    var counted = cases.all().stream()
        .filter(s -> CaseEntity.record(s) != null)
        .filter(s -> !CaseEntity.record(s).reportedAt().isBefore(from))
        .filter(s -> community.isEmpty() || community.get().equals(CaseEntity.record(s).facts().community()))
        .filter(s -> access.mayOverseeCommunity(CaseEntity.record(s).facts().community()))
        .toList();
    Instant now = clock.instant();
    return ok(new Figures(
        CaseFigures.byLevel(counted, now).stream().map(r -> new LevelRow(r.key(), r.total(), r.closed(), r.closureRate(), r.onTime(),
            r.onTimeRate(), r.medianHoursToClose(), r.overdue())).toList(),
        CaseFigures.byCommunity(counted, now).stream().map(r -> new CommunityRow(r.key(), index.nameOf(r.key()).orElse(null),
            r.total(), r.closed(), r.closureRate(), r.onTime(), r.onTimeRate(), r.medianHoursToClose(), r.overdue())).toList()));
  }
}
