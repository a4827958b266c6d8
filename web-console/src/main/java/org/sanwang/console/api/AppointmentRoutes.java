package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.work.AppointmentEntity;
import org.sanwang.hub.work.WorkBook;

/**
 * Appointments (预约代办): {@code GET /api/v1/appointments?state=&community=} (requested first, then by time),
 * {@code GET /api/v1/appointments/{id}}, {@code POST /api/v1/appointments/{id}/accept|complete|cancel}.
 */
public final class AppointmentRoutes extends WorkRouteSupport {
  public record AppointmentList(List<WorkViews.AppointmentItem> appointments) {}

  private static final List<String> STATES = List.of("requested", "accepted", "completed", "cancelled");

  private final WorkBook<AppointmentEntity.State> appointments;

  public AppointmentRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory,
      WorkBook<AppointmentEntity.State> appointments, Duration askTimeout) {
    super(accounts, tokens, system, directory, askTimeout);
    this.appointments = appointments;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("appointments"), () -> authenticated(p -> concat(
        pathEnd(() -> get(() -> parameterMap(params -> list(p, params)))),
        path(segment(), id -> get(() -> onSuccess(visible(p, id), s -> ok(WorkViews.of(directory.index(), s, true))))),
        path(segment().slash(segment()), (id, action) -> post(() -> body(16 * 1024, JSON_ONLY, body -> act(p, id, action, body)))))));
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
    var found = appointments.all().stream()
        .filter(s -> s.record() != null && access.seesWorkAt(s.record().facts().building()))
        .filter(s -> state.isEmpty() || s.state().equals(state.get()))
        .filter(s -> community.isEmpty() || community.get().equals(s.record().facts().community()))
        .sorted(Comparator.<AppointmentEntity.State, Boolean>comparing(s -> !(s instanceof AppointmentEntity.Requested))
            .thenComparing(s -> s.record().facts().at() == null ? s.record().requestedAt() : s.record().facts().at(),
                Comparator.nullsLast(Comparator.<Instant>naturalOrder())))
        .limit(1000)
        .map(s -> WorkViews.of(directory.index(), s, false))
        .toList();
    return ok(new AppointmentList(found));
  }

  private Route act(Principal p, String id, String action, String body) {
    if (!List.of("accept", "complete", "cancel").contains(action))
      throw ProblemException.notFound("action: no action '" + action + "', use one of accept, complete, cancel");
    return onSuccess(visible(p, id), current -> {
      String building = current.record().facts().building();
      if (!access(p).mayHandleAppointmentAt(building))
        throw ProblemException.forbidden("role: the building's grid members and the community's staff handle its appointments");
      var by = actor(p, building);
      var ref = entity(id);
      String note = WorkRequests.text("note", Json.parse(body.isBlank() ? "{}" : body, WorkRequests.Note.class).note(), 2000, false);
      CompletionStage<AppointmentEntity.State> asked = switch (action) {
        case "accept" -> ref.askWithStatus(x -> new AppointmentEntity.Accept(by, null, x), askTimeout);
        case "complete" -> ref.askWithStatus(x -> new AppointmentEntity.Complete(by, note, null, x), askTimeout);
        default -> ref.askWithStatus(x -> new AppointmentEntity.Cancel(by, note, null, x), askTimeout);
      };
      return onSuccess(refusedAs("appointment", asked, () -> ask(id), AppointmentEntity.State::state),
          after -> ok(WorkViews.of(directory.index(), after, true)));
    });
  }

  private CompletionStage<AppointmentEntity.State> visible(Principal p, String id) {
    WorkRequests.id("appointment", id);
    return ask(id).thenApply(s -> {
      if (s.record() == null || !access(p).seesWorkAt(s.record().facts().building()))
        throw ProblemException.notFound("id: no appointment " + id);
      return s;
    });
  }

  private CompletionStage<AppointmentEntity.State> ask(String id) {
    return entity(id).ask(AppointmentEntity.GetAppointment::new, askTimeout);
  }

  private EntityRef<AppointmentEntity.Command> entity(String id) {
    return ClusterSharding.get(system).entityRefFor(AppointmentEntity.ENTITY_KEY, id);
  }
}
