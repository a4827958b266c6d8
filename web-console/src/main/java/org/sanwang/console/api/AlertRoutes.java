package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.alert.AlertBoard;
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.alert.AlertSummary;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;

/**
 * {@code GET /api/v1/alerts?state=open}, {@code GET /api/v1/alerts/{id}} with the whole timeline,
 * and {@code POST /api/v1/alerts/{id}/acknowledge|arrive|resolve|cancel {note}}; each caller sees
 * and acts on the alerts of buildings their scopes reach.
 */
public final class AlertRoutes extends RouteSupport {
  public record NoteRequest(String note) {}

  public record ResidentRef(String id, String name) {}

  public record AlertListItem(String id, String state, String deviceId, ResidentRef resident, String building, String address,
      String community, int pressCount, java.time.Instant raisedAt, int step, int cycle, Actor acknowledgedBy) {
    static AlertListItem of(AlertSummary a) {
      return new AlertListItem(a.id(), a.state(), a.deviceId(), new ResidentRef(a.residentId(), a.residentName()), a.building(),
          a.address(), a.community(), a.pressCount(), a.raisedAt(), a.step(), a.cycle(), a.acknowledgedBy());
    }
  }

  public record AlertList(List<AlertListItem> alerts) {}

  public record ResidentView(String id, String name, int unit, String room, List<org.sanwang.hub.org.OrgTree.Contact> contacts) {}

  /** One alert with everything on record. */
  public record AlertView(String id, String state, String deviceId, ResidentView resident, String building, String address,
      String community, int pressCount, java.time.Instant raisedAt, int step, int cycle, Actor acknowledgedBy,
      java.time.Instant acknowledgedAt, Actor arrivedBy, java.time.Instant arrivedAt, java.time.Instant closedAt,
      org.sanwang.hub.community.EscalationPolicy policy, List<org.sanwang.hub.alert.TimelineEntry> timeline) {
    static AlertView of(AlertEntity.State s) {
      var c = s.record();
      var f = c.facts();
      var ack = s.acknowledgement();
      var arrival = s.arrival();
      return new AlertView(s.id(), s.state(), f.deviceId(), new ResidentView(f.residentId(), f.residentName(), f.unit(), f.room(),
          f.contacts()), f.building(), f.address(), f.community(), c.pressCount(), c.raisedAt(), c.lastStep(), c.lastCycle(),
          ack == null ? null : ack.by(), ack == null ? null : ack.at(), arrival == null ? null : arrival.by(),
          arrival == null ? null : arrival.at(), s.closing() == null ? null : s.closing().at(), c.policy(), c.timeline());
    }
  }

  /** One command per action: {@code POST /api/v1/alerts/{id}/{action}}. */
  interface ActionCommand {
    AlertEntity.Action of(Actor by, String note, org.apache.pekko.actor.typed.ActorRef<org.apache.pekko.pattern.StatusReply<AlertEntity.State>> replyTo);
  }

  static final java.util.Map<String, ActionCommand> ACTIONS = java.util.Map.of(
      "acknowledge", AlertEntity.Acknowledge::new,
      "arrive", AlertEntity.Arrive::new,
      "resolve", AlertEntity.Resolve::new,
      "cancel", AlertEntity.Cancel::new);

  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final Duration askTimeout;

  public AlertRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, Duration askTimeout) {
    super(accounts, tokens);
    this.system = system;
    this.directory = directory;
    this.askTimeout = askTimeout;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("alerts"), () -> authenticated(p -> concat(
        pathEnd(() -> get(() -> list(p))),
        path("stream", () -> get(() -> stream(p))),
        path(segment(), id -> get(() -> onSuccess(alert(id), s -> ok(shownTo(p, AlertView.of(visible(p, s))))))),
        path(segment().slash(segment()), (id, action) -> post(() -> act(p, id, action))))));
  }

  private Route list(Principal p) {
    return parameterOptional("state", state -> {
      if (state.isPresent() && !state.get().equals("open"))
        throw ProblemException.badRequest("state: only 'open' is listed, got '" + state.get() + "'");
      var sharding = ClusterSharding.get(system);
      CompletionStage<AlertBoard.OpenAlerts> open = sharding.entityRefFor(AlertBoard.ENTITY_KEY, AlertBoard.ID)
          .ask(AlertBoard.GetOpen::new, askTimeout);
      // The board says which alerts are open and where; each alert says how it stands now.
      return onSuccess(open.thenCompose(o -> {
        var asks = o.alerts().stream()
            .filter(a -> a.building() != null && access(p).mayHandleAlertsOf(a.building()))
            .map(a -> sharding.entityRefFor(AlertEntity.ENTITY_KEY, a.id()).<AlertEntity.State>ask(AlertEntity.GetAlert::new, askTimeout)
                .toCompletableFuture())
            .toList();
        return java.util.concurrent.CompletableFuture.allOf(asks.toArray(java.util.concurrent.CompletableFuture[]::new))
            .thenApply(x -> asks.stream().map(java.util.concurrent.CompletableFuture::join).filter(AlertEntity.State::open)
                .map(a -> AlertListItem.of(a.summary())).toList());
      }), items -> ok(new AlertList(items)));
    });
  }

  /** Live changes of the alerts the caller may see (SSE, event {@code alert}); fetch the list on (re)connect. */
  private Route stream(Principal p) {
    var source = org.sanwang.console.streams.FeedSource.<AlertSummary>of(org.sanwang.hub.live.LiveFeeds.get(system),
            org.sanwang.hub.live.LiveFeeds.ALERTS, 256, org.apache.pekko.stream.OverflowStrategy.fail())
        .filter(a -> access(p).mayHandleAlertsOf(a.building()))
        .map(a -> org.apache.pekko.http.javadsl.model.sse.ServerSentEvent.create(Json.MAPPER.writeValueAsString(AlertListItem.of(a)),
            java.util.Optional.of("alert"), java.util.Optional.empty(), java.util.OptionalInt.empty()))
        .keepAlive(Duration.ofSeconds(15), org.apache.pekko.http.javadsl.model.sse.ServerSentEvent::heartbeat);
    return completeOK(source, org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling.toEventStream());
  }

  private Route act(Principal p, String id, String action) {
    var command = ACTIONS.get(action);
    if (command == null) throw ProblemException.notFound("action: no action '" + action + "', use one of " + ACTIONS.keySet());
    return body(16 * 1024, JSON_ONLY, body -> {
      var req = body.isBlank() ? new NoteRequest(null) : Json.parse(body, NoteRequest.class);
      if (req.note() != null && req.note().length() > 2000) throw ProblemException.badRequest("note: at most 2000 characters");
      return onSuccess(alert(id), current -> {
        visible(p, current);
        var by = new Actor(p.id(), p.name(), p.roleIn(current.record().facts().building()));
        CompletionStage<AlertEntity.State> result = ClusterSharding.get(system).entityRefFor(AlertEntity.ENTITY_KEY, id)
            .<AlertEntity.State>askWithStatus(r -> command.of(by, req.note(), r), askTimeout)
            .exceptionally(failure -> {
              var cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
              if (cause instanceof org.apache.pekko.pattern.StatusReply.ErrorMessage conflict)
                throw new ProblemException(Problem.of(409, "Conflict", "state: " + conflict.getMessage()));
              throw failure instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(failure);
            });
        return onSuccess(result, after -> ok(shownTo(p, AlertView.of(after))));
      });
    });
  }

  private CompletionStage<AlertEntity.State> alert(String id) {
    if (!id.matches("[A-Za-z0-9_.:-]{1,80}")) throw ProblemException.notFound("id: no alert " + id);
    return ClusterSharding.get(system).entityRefFor(AlertEntity.ENTITY_KEY, id).ask(AlertEntity.GetAlert::new, askTimeout);
  }

  private AlertEntity.State visible(Principal p, AlertEntity.State s) {
    if (s.state() == null) throw ProblemException.notFound("id: no alert " + s.id());
    if (!access(p).mayHandleAlertsOf(s.record().facts().building()))
      throw ProblemException.forbidden("id: alert " + s.id() + " is outside your scopes");
    return s;
  }

  private Access access(Principal p) {
    return Access.of(directory.index(), p);
  }

  /** The view with the family's contacts only for those who reach the resident's unit. */
  private AlertView shownTo(Principal p, AlertView v) {
    return access(p).mayReachFamiliesOf(Codes.unitCode(v.building(), v.resident().unit())) ? v : withoutFamilyContacts(v);
  }

  private static AlertView withoutFamilyContacts(AlertView v) {
    var r = v.resident();
    return new AlertView(v.id(), v.state(), v.deviceId(), new ResidentView(r.id(), r.name(), r.unit(), r.room(), List.of()),
        v.building(), v.address(), v.community(), v.pressCount(), v.raisedAt(), v.step(), v.cycle(), v.acknowledgedBy(),
        v.acknowledgedAt(), v.arrivedBy(), v.arrivedAt(), v.closedAt(), v.policy(), v.timeline());
  }
}
