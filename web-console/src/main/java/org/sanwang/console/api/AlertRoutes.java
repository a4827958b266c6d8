package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.OverflowStrategy;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.console.streams.FeedSource;
import org.sanwang.console.streams.SharedFeeds;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.alert.AlertBoard;
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.alert.AlertHistory;
import org.sanwang.hub.alert.AlertSummary;
import org.sanwang.hub.alert.TimelineEntry;
import org.sanwang.hub.community.EscalationPolicy;
import org.sanwang.hub.live.LiveFeeds;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgTree;

/**
 * {@code GET /api/v1/alerts?state=open} (the default) and {@code ?state=closed} with filters
 * ({@link AlertQuery}), {@code GET /api/v1/alerts/stream}, {@code GET /api/v1/alerts/{id}} with the
 * whole timeline, and {@code POST /api/v1/alerts/{id}/acknowledge|arrive|resolve|cancel {note}}
 * (409 with a {@link ProblemCodes code} when the alert's state forbids it); each caller sees and
 * acts on the alerts of buildings their scopes reach. The resident's flags are read from the
 * organisation as it is now.
 */
public final class AlertRoutes extends RouteSupport {
  public record NoteRequest(String note) {}

  public record ResidentRef(String id, String name) {}

  /** One alert in a list (and in the live stream). {@code flags}: the resident's, e.g. living_alone, over_85. */
  public record AlertListItem(String id, String state, String deviceId, ResidentRef resident, String building, String address,
      String community, int pressCount, Instant raisedAt, int step, int cycle, Actor acknowledgedBy, Instant acknowledgedAt,
      Actor arrivedBy, Instant arrivedAt, Actor closedBy, Instant closedAt, List<String> flags) {
    static AlertListItem of(AlertSummary a, List<String> flags) {
      return new AlertListItem(a.id(), a.state(), a.deviceId(), new ResidentRef(a.residentId(), a.residentName()), a.building(),
          a.address(), a.community(), a.pressCount(), a.raisedAt(), a.step(), a.cycle(), a.acknowledgedBy(), a.acknowledgedAt(),
          a.arrivedBy(), a.arrivedAt(), a.closedBy(), a.closedAt(), flags);
    }
  }

  public record AlertList(List<AlertListItem> alerts) {}

  public record ResidentView(String id, String name, int unit, String room, List<String> flags, List<OrgTree.Contact> contacts) {}

  /** One alert with everything on record. */
  public record AlertView(String id, String state, String deviceId, ResidentView resident, String building, String address,
      String community, int pressCount, Instant raisedAt, int step, int cycle, Actor acknowledgedBy, Instant acknowledgedAt,
      Actor arrivedBy, Instant arrivedAt, Actor closedBy, Instant closedAt, EscalationPolicy policy, List<TimelineEntry> timeline) {
    static AlertView of(AlertEntity.State s, List<String> flags) {
      var c = s.record();
      var f = c.facts();
      var a = AlertSummary.of(s);
      return new AlertView(s.id(), s.state(), f.deviceId(), new ResidentView(f.residentId(), f.residentName(), f.unit(), f.room(),
          flags, f.contacts()), f.building(), f.address(), f.community(), c.pressCount(), c.raisedAt(), c.lastStep(),
          c.lastCycle(), a.acknowledgedBy(), a.acknowledgedAt(), a.arrivedBy(), a.arrivedAt(), a.closedBy(), a.closedAt(),
          c.policy(), c.timeline());
    }

    AlertView withoutFamilyContacts() {
      var r = resident;
      return new AlertView(id, state, deviceId, new ResidentView(r.id(), r.name(), r.unit(), r.room(), r.flags(), List.of()),
          building, address, community, pressCount, raisedAt, step, cycle, acknowledgedBy, acknowledgedAt, arrivedBy, arrivedAt,
          closedBy, closedAt, policy, timeline);
    }
  }

  /** One command per action: {@code POST /api/v1/alerts/{id}/{action}}. */
  interface ActionCommand {
    AlertEntity.Action of(Actor by, String note, ActorRef<StatusReply<AlertEntity.State>> replyTo);
  }

  static final Map<String, ActionCommand> ACTIONS = Map.of(
      "acknowledge", AlertEntity.Acknowledge::new,
      "arrive", AlertEntity.Arrive::new,
      "resolve", AlertEntity.Resolve::new,
      "cancel", AlertEntity.Cancel::new);


  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final AlertHistory history;
  private final Duration askTimeout;

  /** With this node's alert history (the one the figures read too). */
  public AlertRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, Duration askTimeout) {
    this(accounts, tokens, system, directory, AlertHistory.of(system), askTimeout);
  }

  public AlertRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, AlertHistory history,
      Duration askTimeout) {
    super(accounts, tokens);
    this.system = system;
    this.directory = directory;
    this.history = history;
    this.askTimeout = askTimeout;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("alerts"), () -> authenticated(p -> concat(
        pathEnd(() -> get(() -> parameterMap(params -> list(p, AlertQuery.parse(params))))),
        path("stream", () -> get(() -> stream(p))),
        path(segment(), id -> get(() -> onSuccess(alert(id), s -> ok(shownTo(p, view(visible(p, s))))))),
        path(segment().slash(segment()), (id, action) -> post(() -> act(p, id, action))))));
  }

  private Route list(Principal p, AlertQuery query) {
    var access = access(p);
    CompletionStage<List<AlertSummary>> found = query.closed() ? closed(query, access) : open(query, access);
    return onSuccess(found, alerts -> ok(new AlertList(alerts.stream().map(this::item).toList())));
  }

  /** The board says which alerts are open and where; each alert says how it stands now. Oldest first. */
  private CompletionStage<List<AlertSummary>> open(AlertQuery query, Access access) {
    var sharding = ClusterSharding.get(system);
    CompletionStage<AlertBoard.OpenAlerts> open = sharding.entityRefFor(AlertBoard.ENTITY_KEY, AlertBoard.ID)
        .ask(AlertBoard.GetOpen::new, askTimeout);
    return open.thenCompose(o -> {
      var asks = o.alerts().stream()
          .filter(a -> visibleTo(access, a))
          .map(a -> ask(a.id()).toCompletableFuture())
          .toList();
      return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
          .thenApply(x -> asks.stream().map(CompletableFuture::join).filter(AlertEntity.State::open).map(AlertSummary::of)
              .filter(query::matches).limit(query.limit() == null ? Long.MAX_VALUE : query.limit()).toList());
    });
  }

  /** The closed alerts that match, newest first, as the history has them (their close carries the final presses and step). */
  private CompletionStage<List<AlertSummary>> closed(AlertQuery query, Access access) {
    return CompletableFuture.completedFuture(query.closedOf(history.all(), a -> visibleTo(access, a)));
  }

  /** Live changes of the alerts the caller may see (SSE, event {@code alert}); fetch the list on (re)connect. */
  private Route stream(Principal p) {
    var source = SharedFeeds.get(system).client("alerts", () -> FeedSource.<AlertSummary>of(system, LiveFeeds.ALERTS, 256,
            OverflowStrategy.fail())
        .filter(a -> access(p).mayHandleAlertsOf(a.building()))
        .map(a -> ServerSentEvent.create(Json.MAPPER.writeValueAsString(item(a)), Optional.of("alert"), Optional.empty(),
            OptionalInt.empty()))
        .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat));
    return completeOK(source, EventStreamMarshalling.toEventStream());
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
            .handle((after, failure) -> failure == null ? CompletableFuture.completedFuture(after) : refused(id, action, failure))
            .thenCompose(x -> x);
        return onSuccess(result, after -> ok(shownTo(p, view(after))));
      });
    });
  }

  /** A refusal by the alert's state as a 409 whose code says how the alert stands now; any other failure as it was. */
  private CompletionStage<AlertEntity.State> refused(String id, String action, Throwable failure) {
    var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (!(cause instanceof StatusReply.ErrorMessage conflict)) return CompletableFuture.failedFuture(cause);
    return ask(id).handle((now, unreadable) -> {
      throw ProblemException.conflict("state: " + conflict.getMessage(),
          now == null ? ProblemCodes.ALERT_CONFLICT : ProblemCodes.alertRefusal(now.state(), action));
    });
  }

  private CompletionStage<AlertEntity.State> alert(String id) {
    if (!id.matches("[A-Za-z0-9_.:-]{1,80}")) throw ProblemException.notFound("id: no alert " + id);
    return ask(id);
  }

  private CompletionStage<AlertEntity.State> ask(String id) {
    return ClusterSharding.get(system).entityRefFor(AlertEntity.ENTITY_KEY, id).ask(AlertEntity.GetAlert::new, askTimeout);
  }

  private AlertEntity.State visible(Principal p, AlertEntity.State s) {
    if (s.state() == null) throw ProblemException.notFound("id: no alert " + s.id());
    if (!access(p).mayHandleAlertsOf(s.record().facts().building()))
      throw ProblemException.forbidden("id: alert " + s.id() + " is outside your scopes");
    return s;
  }

  private static boolean visibleTo(Access access, AlertSummary a) {
    return a.building() != null && access.mayHandleAlertsOf(a.building());
  }

  private Access access(Principal p) {
    return Access.of(directory.index(), p);
  }

  private AlertListItem item(AlertSummary a) {
    return AlertListItem.of(a, flagsOf(a.residentId()));
  }

  private AlertView view(AlertEntity.State s) {
    return AlertView.of(s, flagsOf(s.record().facts().residentId()));
  }

  /** The resident's flags as the organisation has them now (none for a resident no longer on the roster). */
  private List<String> flagsOf(String residentId) {
    var r = residentId == null ? null : directory.index().tree().residents().get(residentId);
    return r == null || r.flags() == null ? List.of() : List.copyOf(r.flags());
  }

  /** The view with the family's contacts only for those who reach the resident's unit. */
  private AlertView shownTo(Principal p, AlertView v) {
    return access(p).mayReachFamiliesOf(Codes.unitCode(v.building(), v.resident().unit())) ? v : v.withoutFamilyContacts();
  }
}
