package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.work.WishEntity;
import org.sanwang.hub.work.WishFacts;
import org.sanwang.hub.work.WorkBook;

/**
 * Micro-wishes: {@code GET /api/v1/wishes?state=&community=} (newest first), {@code GET /api/v1/wishes/{id}},
 * {@code POST /api/v1/wishes} (on a resident's behalf), {@code POST /api/v1/wishes/{id}/claim|fulfil|confirm|cancel}.
 * A claim on a wish another member took first is a 409 {@code wish_taken} naming them.
 */
public final class WishRoutes extends WorkRouteSupport {
  public record WishList(List<WorkViews.WishItem> wishes) {}

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneId.of("Asia/Shanghai"));
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> STATES = List.of("posted", "claimed", "fulfilled", "confirmed", "cancelled");

  private final WorkBook<WishEntity.State> wishes;
  private final Clock clock;

  public WishRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, WorkBook<WishEntity.State> wishes,
      Duration askTimeout, Clock clock) {
    super(accounts, tokens, system, directory, askTimeout);
    this.wishes = wishes;
    this.clock = clock;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("wishes"), () -> authenticated(p -> concat(
        pathEnd(() -> concat(
            get(() -> parameterMap(params -> list(p, params))),
            post(() -> jsonBody(WorkRequests.PostWish.class, 16 * 1024, req -> post(p, req))))),
        path(segment(), id -> get(() -> onSuccess(visible(p, id), s -> ok(WorkViews.of(directory.index(), s, true))))),
        path(segment().slash(segment()), (id, action) -> post(() -> body(16 * 1024, JSON_ONLY, body -> act(p, id, action, body)))))));
  }

  static String place(WishEntity.State s) {
    var f = s.record().facts();
    return f.building() != null ? f.building() : f.community();
  }

  private Route list(Principal p, Map<String, String> params) {
    var state = Optional.ofNullable(params.get("state"));
    state.filter(s -> !STATES.contains(s)).ifPresent(s -> {
      throw ProblemException.badRequest("state: one of " + String.join(", ", STATES));
    });
    var community = Optional.ofNullable(params.get("community"));
    community.filter(c -> !Codes.is(c, Codes.Level.COMMUNITY) || !directory.index().exists(c)).ifPresent(c -> {
      throw ProblemException.badRequest("community: no community " + c);
    });
    var access = access(p);
    var found = wishes.all().stream()
        .filter(s -> s.record() != null && access.seesWorkAt(place(s)))
        .filter(s -> state.isEmpty() || s.state().equals(state.get()))
        .filter(s -> community.isEmpty() || community.get().equals(s.record().facts().community()))
        .sorted(Comparator.comparing((WishEntity.State s) -> s.record().postedAt()).reversed())
        .limit(1000)
        .map(s -> WorkViews.of(directory.index(), s, false))
        .toList();
    return ok(new WishList(found));
  }

  private Route post(Principal p, WorkRequests.PostWish req) {
    String building = WorkRequests.text("building", req.building(), 64, true);
    if (!Codes.is(building, Codes.Level.BUILDING) || !directory.index().exists(building))
      throw ProblemException.badRequest("building: no building " + building);
    if (!access(p).mayPostWishAt(building)) throw ProblemException.forbidden("building: " + building + " is outside your scopes");
    String title = WorkRequests.text("title", req.title(), 100, true);
    String detail = WorkRequests.text("detail", req.detail(), 2000, false);
    String residentName = WorkRequests.text("residentName", req.residentName(), 50, true);
    String residentId = WorkRequests.text("residentId", req.residentId(), 80, false);
    if (residentId != null) {
      var resident = directory.index().tree().residents().get(residentId);
      if (resident == null || !resident.building().equals(building))
        throw ProblemException.badRequest("residentId: no resident " + residentId + " in " + building);
    }
    String phone = WorkRequests.phone("phone", req.phone());
    int points = req.points() == null ? 10 : req.points();
    if (points < 1 || points > 100) throw ProblemException.badRequest("points: a whole number from 1 to 100, got " + points);
    String id = "WX-" + DAY.format(clock.instant()) + "-" + Long.toString(Math.abs(RANDOM.nextLong()) % 2176782336L, 36).toUpperCase();
    var facts = new WishFacts(id, title, detail, building, Codes.communityOf(building), residentId, residentName, phone, points,
        actor(p, building), "hub", null);
    CompletionStage<WishEntity.State> posted = entity(id).askWithStatus(r -> new WishEntity.Post(facts, null, r), askTimeout);
    return onSuccess(posted, s -> json(StatusCodes.CREATED, WorkViews.of(directory.index(), s, true)));
  }

  private Route act(Principal p, String id, String action, String body) {
    if (!List.of("claim", "fulfil", "confirm", "cancel").contains(action))
      throw ProblemException.notFound("action: no action '" + action + "', use one of claim, fulfil, confirm, cancel");
    return onSuccess(visible(p, id), current -> {
      var r = current.record();
      String place = place(current);
      var access = access(p);
      var by = actor(p, place);
      var ref = entity(id);
      CompletionStage<WishEntity.State> asked = switch (action) {
        case "claim" -> {
          if (!access.mayClaimWishIn(r.facts().community()))
            throw ProblemException.forbidden("role: only a Party member reported to this community may claim its wishes");
          parse(body, WorkRequests.Claim.class); // nothing to say, but a body must still be a well-formed empty object
          yield ref.askWithStatus(x -> new WishEntity.Claim(new org.sanwang.hub.alert.Actor(p.id(), p.name(), "party_member"), null, x),
              askTimeout);
        }
        case "fulfil" -> {
          if (!access.isAdmin() && r.claimedBy() != null && !r.claimedBy().id().equals(p.id()))
            throw ProblemException.forbidden("role: only the member who claimed the wish may fulfil it");
          String note = WorkRequests.text("note", parse(body, WorkRequests.Note.class).note(), 2000, false);
          yield ref.askWithStatus(x -> new WishEntity.Fulfil(by, note, null, x), askTimeout);
        }
        case "confirm" -> {
          if (!access.mayConfirmWishAt(place))
            throw ProblemException.forbidden("role: the building head or the community's staff confirm a wish for the resident");
          var req = parse(body, WorkRequests.ConfirmWish.class);
          Integer rating = WorkRequests.rating("rating", req.rating(), false);
          String note = WorkRequests.text("note", req.note(), 2000, false);
          yield ref.askWithStatus(x -> new WishEntity.Confirm(by, rating, note, null, x), askTimeout);
        }
        default -> {
          if (!access.mayCancelWish(place, r.facts().postedBy() == null ? null : r.facts().postedBy().id()))
            throw ProblemException.forbidden("role: who posted the wish or the community's staff may cancel it");
          String note = WorkRequests.text("note", parse(body, WorkRequests.Note.class).note(), 2000, false);
          yield ref.askWithStatus(x -> new WishEntity.Cancel(by, note, null, x), askTimeout);
        }
      };
      return onSuccess(refusedAs(asked, () -> ask(id), WishRoutes::refusal), after -> ok(WorkViews.of(directory.index(), after, true)));
    });
  }

  /** A claim that lost the race is {@code wish_taken}, naming who took it; any other refusal names the state. */
  private static ProblemException refusal(String why, WishEntity.State now) {
    var claimer = now.record() == null ? null : now.record().claimedBy();
    if (why.startsWith("already claimed by") && claimer != null)
      return new ProblemException(Problem.of(409, "Conflict", "state: " + why).withCode(ProblemCodes.WISH_TAKEN)
          .withClaimedBy(claimer.id(), claimer.name()));
    return ProblemException.conflict("state: " + why, ProblemCodes.workRefusal("wish", now.state()));
  }

  private static <T> T parse(String body, Class<T> type) {
    return Json.parse(body.isBlank() ? "{}" : body, type);
  }

  private CompletionStage<WishEntity.State> visible(Principal p, String id) {
    WorkRequests.id("wish", id);
    return ask(id).thenApply(s -> {
      if (s.record() == null || !access(p).seesWorkAt(place(s))) throw ProblemException.notFound("id: no wish " + id);
      return s;
    });
  }

  private CompletionStage<WishEntity.State> ask(String id) {
    return entity(id).ask(WishEntity.GetWish::new, askTimeout);
  }

  private EntityRef<WishEntity.Command> entity(String id) {
    return ClusterSharding.get(system).entityRefFor(WishEntity.ENTITY_KEY, id);
  }
}
