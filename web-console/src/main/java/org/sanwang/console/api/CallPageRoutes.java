package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.OverflowStrategy;
import org.sanwang.console.streams.FeedSource;
import org.sanwang.console.streams.SharedFeeds;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.alert.CallerEntity;
import org.sanwang.hub.device.CallLinks;
import org.sanwang.hub.device.DeviceCalls;
import org.sanwang.hub.device.DeviceEntity;
import org.sanwang.hub.device.DeviceMessage;
import org.sanwang.hub.live.LiveFeeds;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgTree;

/**
 * The resident's big-button page {@code /call/{token}} and what it talks to: its status, the press,
 * live state changes; and for staff, issuing and revoking those personal links under
 * {@code /api/v1/residents/{id}/call-links}. A phone acts as the virtual device {@code phone-<residentId>}.
 */
public final class CallPageRoutes extends RouteSupport {
  public record LinkIssuedView(String linkId, String token, String url, Instant issuedAt) {}

  public record AlertNow(String alertId, String state, int pressCount, String by, String byRole) {}

  public record CallStatus(String name, String address, boolean checkIn, AlertNow alert) {}

  public record CallAccepted(String alertId, String state, int pressCount) {}

  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final DeviceCalls calls;
  private final Duration askTimeout;

  public CallPageRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, DeviceCalls calls,
      Duration askTimeout) {
    super(accounts, tokens);
    this.system = system;
    this.directory = directory;
    this.calls = calls;
    this.askTimeout = askTimeout;
  }

  public static String phoneDevice(String residentId) {
    return "phone-" + residentId;
  }

  public Route routes() {
    return concat(
        pathPrefix(segment("call").slash(segment()), token -> concat(
            pathEnd(() -> get(() -> getFromResource("web/call.html"))),
            path("status", () -> get(() -> onSuccess(resident(token), r -> onSuccess(status(r), this::ok)))),
            path("press", () -> post(() -> onSuccess(resident(token), r ->
                onSuccess(calls.press(phoneDevice(r.id()), r, DeviceMessage.EMPTY), s -> json(StatusCodes.ACCEPTED,
                    new CallAccepted(s.alertId(), s.state(), s.pressCount())))))),
            path("check-in", () -> post(() -> onSuccess(resident(token), r ->
                onSuccess(calls.checkIn(r), c -> json(StatusCodes.ACCEPTED, c))))),
            path("events", () -> get(() -> onSuccess(resident(token), this::events))))),
        pathPrefix(segment("api").slash("v1").slash("residents").slash(segment()).slash("call-links"), residentId ->
            authenticated(p -> {
              var r = staffFor(p, residentId);
              return concat(
                  pathEnd(() -> concat(
                      post(() -> onSuccess(links().<CallLinks.Issued>ask(reply -> new CallLinks.Issue(r.id(), p.id(), reply),
                          askTimeout), issued -> json(StatusCodes.CREATED, new LinkIssuedView(issued.link().linkId(),
                              issued.token(), "/call/" + issued.token(), issued.link().issuedAt())))),
                      get(() -> onSuccess(links().<java.util.List<CallLinks.Link>>ask(reply -> new CallLinks.ListLinks(r.id(), reply),
                          askTimeout), this::ok)))),
                  path(segment(), linkId -> delete(() -> onSuccess(
                      links().<Optional<CallLinks.Link>>ask(reply -> new CallLinks.Revoke(r.id(), linkId, reply), askTimeout),
                      link -> ok(link.orElseThrow(() -> ProblemException.notFound("linkId: no link " + linkId)))))));
            })));
  }

  private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<CallLinks.Command> links() {
    return ClusterSharding.get(system).entityRefFor(CallLinks.ENTITY_KEY, CallLinks.ID);
  }

  private OrgTree.Resident staffFor(Principal p, String residentId) {
    var r = Optional.ofNullable(directory.index().tree().residents().get(residentId))
        .orElseThrow(() -> ProblemException.notFound("residentId: no resident " + residentId));
    if (!Access.of(directory.index(), p).mayManageCallLinksOf(r))
      throw ProblemException.forbidden("residentId: " + residentId + " is outside your scopes");
    return r;
  }

  private CompletionStage<OrgTree.Resident> resident(String token) {
    if (token.length() < 16 || token.length() > 128) throw ProblemException.notFound("token: this link is not valid");
    return links().<Optional<CallLinks.Link>>ask(r -> new CallLinks.Resolve(CallLinks.hash(token), r), askTimeout)
        .thenApply(link -> link.flatMap(l -> Optional.ofNullable(directory.index().tree().residents().get(l.residentId())))
            .orElseThrow(() -> ProblemException.notFound("token: this link is not valid or was revoked")));
  }

  private CompletionStage<CallStatus> status(OrgTree.Resident r) {
    var sharding = ClusterSharding.get(system);
    String address = directory.index().addressOf(r);
    return sharding.entityRefFor(CallerEntity.ENTITY_KEY, r.id())
        .<CallerEntity.OpenAlert>ask(CallerEntity.GetOpenAlert::new, askTimeout)
        .thenCompose(open -> open.alertId() == null
            ? CompletableFuture.completedFuture((AlertNow) null)
            : sharding.entityRefFor(AlertEntity.ENTITY_KEY, open.alertId())
                .<AlertEntity.State>ask(AlertEntity.GetAlert::new, askTimeout)
                .thenApply(a -> {
                  var by = a.arrival() != null ? a.arrival().by() : a.acknowledgement() != null ? a.acknowledgement().by() : null;
                  return new AlertNow(a.id(), a.state(), a.record().pressCount(), by == null ? null : by.name(),
                      by == null ? null : by.role());
                }))
        .thenApply(alert -> new CallStatus(r.name(), address, r.flags().contains("check_in"), alert));
  }

  private Route events(OrgTree.Resident r) {
    var source = SharedFeeds.get(system).client("resident", () -> FeedSource.<AlertEntity.DeviceAck>of(system,
            LiveFeeds.resident(r.id()), 64, OverflowStrategy.dropHead())
        .map(ack -> ServerSentEvent.create(Json.MAPPER.writeValueAsString(
            new AlertNow(ack.alertId(), ack.state(), 0, ack.by(), ack.byRole())), Optional.of("alert"), Optional.empty(),
            OptionalInt.empty()))
        .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat));
    return completeOK(source, EventStreamMarshalling.toEventStream());
  }
}
