package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.community.CommunityEntity;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.work.CaseEntity;
import org.sanwang.hub.work.CaseFacts;
import org.sanwang.hub.work.CaseView;
import org.sanwang.hub.work.Level;
import org.sanwang.hub.work.WorkBook;

/**
 * Governance cases: {@code GET /api/v1/cases?state=&level=&overdue=&community=} (open overdue first,
 * then by deadline; closed newest first), {@code GET /api/v1/cases/{id}} with its timeline,
 * {@code POST /api/v1/cases} (a 随手拍 report), {@code POST /api/v1/cases/{id}/accept|escalate|resolve|rate}.
 * Lists come from this node's projection; one case, and every action, from its entity.
 */
public final class CaseRoutes extends WorkRouteSupport {
  public record CaseList(List<WorkViews.CaseItem> cases) {}

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneId.of("Asia/Shanghai"));
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WorkBook<CaseEntity.State> cases;
  private final PhotoStore photos;
  private final Executor blocking;
  private final Clock clock;

  public CaseRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, WorkBook<CaseEntity.State> cases,
      PhotoStore photos, Executor blocking, Duration askTimeout, Clock clock) {
    super(accounts, tokens, system, directory, askTimeout);
    this.cases = cases;
    this.photos = photos;
    this.blocking = blocking;
    this.clock = clock;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("cases"), () -> authenticated(p -> concat(
        pathEnd(() -> concat(
            get(() -> parameterMap(params -> list(p, params))),
            post(() -> jsonBody(WorkRequests.ReportCase.class, 64 * 1024, req -> report(p, req))))),
        path(segment(), id -> get(() -> onSuccess(visible(p, id), s -> ok(WorkViews.of(directory.index(), s, clock.instant(), true))))),
        path(segment().slash(segment()), (id, action) -> post(() -> body(16 * 1024, JSON_ONLY, body -> act(p, id, action, body)))))));
  }

  private Route list(Principal p, Map<String, String> params) {
    var state = Optional.ofNullable(params.get("state"));
    state.filter(s -> !List.of("reported", "accepted", "resolved", "closed", "open").contains(s)).ifPresent(s -> {
      throw ProblemException.badRequest("state: one of reported, accepted, resolved, closed, open");
    });
    var level = Optional.ofNullable(params.get("level")).map(l -> Level.parse(l)
        .orElseThrow(() -> ProblemException.badRequest("level: one of community, street, district")));
    var overdue = Optional.ofNullable(params.get("overdue")).map(o -> switch (o) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ProblemException.badRequest("overdue: true or false");
    });
    var community = Optional.ofNullable(params.get("community"));
    community.filter(c -> !Codes.is(c, Codes.Level.COMMUNITY) || !directory.index().exists(c)).ifPresent(c -> {
      throw ProblemException.badRequest("community: no community " + c);
    });
    Instant now = clock.instant();
    var access = access(p);
    var found = cases.all().stream()
        .filter(s -> CaseEntity.record(s) != null)
        .filter(s -> access.seesWorkAt(place(s)))
        .filter(s -> state.isEmpty() || (state.get().equals("open") ? s.open() : s.state().equals(state.get())))
        .filter(s -> level.isEmpty() || CaseEntity.record(s).level() == level.get())
        .filter(s -> overdue.isEmpty() || CaseView.overdue(s, now) == overdue.get())
        .filter(s -> community.isEmpty() || community.get().equals(CaseEntity.record(s).facts().community()))
        .sorted(ORDER.apply(now))
        .limit(1000)
        .map(s -> WorkViews.of(directory.index(), s, now, false))
        .toList();
    return ok(new CaseList(found));
  }

  /** Open first (overdue first, then the nearest deadline), then done ones, newest first. */
  private static final java.util.function.Function<Instant, Comparator<CaseEntity.State>> ORDER = now -> Comparator
      .<CaseEntity.State, Boolean>comparing(s -> !s.open())
      .thenComparing(s -> !CaseView.overdue(s, now))
      .thenComparing(s -> CaseView.deadline(s) == null ? Instant.MAX : CaseView.deadline(s))
      .thenComparing(s -> CaseEntity.record(s).reportedAt(), Comparator.reverseOrder());

  static String place(CaseEntity.State s) {
    var f = CaseEntity.record(s).facts();
    return f.building() != null ? f.building() : f.grid() != null ? f.grid() : f.community();
  }

  private Route report(Principal p, WorkRequests.ReportCase req) {
    String building = WorkRequests.text("building", req.building(), 64, true);
    if (!Codes.is(building, Codes.Level.BUILDING) || !directory.index().exists(building))
      throw ProblemException.badRequest("building: no building " + building);
    if (!access(p).mayReportCaseAt(building)) throw ProblemException.forbidden("building: " + building + " is outside your scopes");
    String category = WorkRequests.text("category", req.category(), 40, true);
    if (!WorkRequests.CATEGORIES.contains(category))
      throw ProblemException.badRequest("category: one of " + String.join(", ", WorkRequests.CATEGORIES.stream().sorted().toList()));
    String description = WorkRequests.text("description", req.description(), 2000, true);
    String location = WorkRequests.text("location", req.location(), 200, false);
    String reporterName = WorkRequests.text("reporterName", req.reporterName(), 50, false);
    String reporterPhone = WorkRequests.phone("reporterPhone", req.reporterPhone());
    var photoIds = WorkRequests.photoIds("photos", req.photos());
    String id = "SP-" + DAY.format(clock.instant()) + "-" + Long.toString(Math.abs(RANDOM.nextLong()) % 2176782336L, 36).toUpperCase();
    String community = Codes.communityOf(building);
    String grid = directory.index().ancestors(building).stream().filter(c -> Codes.is(c, Codes.Level.GRID)).findFirst().orElse(null);
    var facts = new CaseFacts(id, category, description, location, building, grid, community, Codes.streetOfCommunity(community),
        reporterName == null ? p.name() : reporterName, reporterPhone, actor(p, building), photoIds, CaseFacts.HUB, null);
    CompletionStage<CaseEntity.State> reported = photosOf(building, photoIds)
        .thenCompose(ok -> ClusterSharding.get(system).entityRefFor(CommunityEntity.ENTITY_KEY, community)
            .<CommunityEntity.State>ask(CommunityEntity.GetCommunity::new, askTimeout))
        .thenCompose(c -> entity(id).askWithStatus(r -> new CaseEntity.Report(facts, c.caseDeadlines(), actor(p, building), null, r),
            askTimeout));
    return onSuccess(reported, s -> json(StatusCodes.CREATED, WorkViews.of(directory.index(), s, clock.instant(), true)));
  }

  /** Every photo named was uploaded for this building. */
  private CompletionStage<Void> photosOf(String building, List<String> ids) {
    if (ids.isEmpty()) return CompletableFuture.completedFuture(null);
    return CompletableFuture.runAsync(() -> {
      for (int i = 0; i < ids.size(); i++) {
        var of = photos.buildingOf(ids.get(i));
        if (of.isEmpty() || !of.get().equals(building))
          throw ProblemException.badRequest("photos[" + i + "]: no photo " + ids.get(i) + " uploaded for " + building);
      }
    }, blocking);
  }

  private Route act(Principal p, String id, String action, String body) {
    if (!List.of("accept", "escalate", "resolve", "rate").contains(action))
      throw ProblemException.notFound("action: no action '" + action + "', use one of accept, escalate, resolve, rate");
    return onSuccess(visible(p, id), current -> {
      var r = CaseEntity.record(current);
      String place = place(current);
      var access = access(p);
      if (action.equals("rate") ? !access.mayRateCase(place, r.facts().reportedBy() == null ? null : r.facts().reportedBy().id())
          : !access.mayHandleCase(place, r.level()))
        throw ProblemException.forbidden("role: you may not " + action + " this case at the " + r.level().name() + " level");
      var by = actor(p, place);
      var ref = entity(id);
      CompletionStage<CaseEntity.State> asked = switch (action) {
        case "accept" -> {
          var req = parse(body, WorkRequests.Note.class);
          String note = WorkRequests.text("note", req.note(), 2000, false);
          yield ref.askWithStatus(x -> new CaseEntity.Accept(by, note, null, x), askTimeout);
        }
        case "escalate" -> {
          var req = parse(body, WorkRequests.Note.class);
          String note = WorkRequests.text("note", req.note(), 2000, false);
          yield ref.askWithStatus(x -> new CaseEntity.Escalate(by, note, null, x), askTimeout);
        }
        case "resolve" -> {
          var req = parse(body, WorkRequests.ResolveCase.class);
          String note = WorkRequests.text("note", req.note(), 2000, true);
          var ids = WorkRequests.photoIds("photos", req.photos());
          yield photosOf(r.facts().building() == null ? "" : r.facts().building(), ids)
              .thenCompose(ok -> ref.askWithStatus(x -> new CaseEntity.Resolve(by, note, ids, null, x), askTimeout));
        }
        default -> {
          var req = parse(body, WorkRequests.RateCase.class);
          int rating = WorkRequests.rating("rating", req.rating(), true);
          String note = WorkRequests.text("note", req.note(), 2000, false);
          yield ref.askWithStatus(x -> new CaseEntity.Rate(by, rating, note, null, x), askTimeout);
        }
      };
      return onSuccess(refusedAs("case", asked, () -> ask(id), CaseEntity.State::state),
          after -> ok(WorkViews.of(directory.index(), after, clock.instant(), true)));
    });
  }

  private static <T> T parse(String body, Class<T> type) {
    return Json.parse(body.isBlank() ? "{}" : body, type);
  }

  /** The case if the caller may see it; 404 otherwise (whether it exists is not told). */
  private CompletionStage<CaseEntity.State> visible(Principal p, String id) {
    WorkRequests.id("case", id);
    return ask(id).thenApply(s -> {
      if (CaseEntity.record(s) == null || !access(p).seesWorkAt(place(s))) throw ProblemException.notFound("id: no case " + id);
      return s;
    });
  }

  private CompletionStage<CaseEntity.State> ask(String id) {
    return entity(id).ask(CaseEntity.GetCase::new, askTimeout);
  }

  private EntityRef<CaseEntity.Command> entity(String id) {
    return ClusterSharding.get(system).entityRefFor(CaseEntity.ENTITY_KEY, id);
  }
}
