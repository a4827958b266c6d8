package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaType;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.connectors.core.BadEvent;
import org.sanwang.connectors.core.CloudEventsReader;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.NetworkCounters;
import org.sanwang.connectors.core.NetworkEdge;
import org.sanwang.connectors.core.NetworkEdges;
import org.sanwang.connectors.core.NetworkStore;
import org.sanwang.connectors.core.Reason;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.OrgDirectory;

/**
 * The three networks' edge over HTTP (CONTRACT "The three networks"; docs/networks.md):
 * {@code POST /api/v1/networks/{network}/events}, signed with Standard Webhooks instead of a bearer
 * token, and for the admin and district staff the network's status, quarantine and replay,
 * mappings, outbox and resend; re-enabling a callback endpoint and reading the signing secret are
 * the admin's.
 */
public final class NetworkRoutes extends RouteSupport {
  public static final MediaType CLOUDEVENT = MediaTypes.applicationWithOpenCharset("cloudevents+json");
  public static final MediaType CLOUDEVENTS_BATCH = MediaTypes.applicationWithOpenCharset("cloudevents-batch+json");

  public record Accepted(int accepted, int duplicates, int quarantined) {}

  public record Counts(long received, long accepted, long duplicates, long quarantined, long rejected) {
    static Counts of(NetworkCounters.Counts c) {
      return new Counts(c.received(), c.accepted(), c.duplicates(), c.quarantined(), c.rejected());
    }
  }

  public record Windows(Counts lastMinute, Counts lastHour, Counts lastDay) {}

  public record FeedView(String url, String cursor, Instant lastPollAt, Instant lastEventAt, String state, String lastError,
      Instant lastErrorAt) {}

  public record EndpointView(String url, String state, String lastError, Instant lastErrorAt, Instant disabledAt) {}

  public record OutboxView(int depth, Instant oldestPendingAt, int failed, int delivered, EndpointView endpoint) {}

  public record Size(long size) {}

  public record StatusView(String network, String name, String nameEn, Windows counts, FeedView feed, OutboxView outbox,
      Size quarantine, Size mappings, long pending, long applied) {}

  public record Networks(List<StatusView> networks) {}

  public record QuarantineItem(long offset, Instant receivedAt, String reason, String reasonZh, String reasonCode, String type,
      String subject, JsonNode event) {}

  public record QuarantinePage(List<QuarantineItem> items, long next) {}

  public record Replayed(long offset, boolean applied, String reason, String reasonZh, String reasonCode) {}

  public record ReplayRequest(String since) {}

  public record ReplayedAll(int replayed, int applied, int stillQuarantined) {}

  public record MappingRequest(String code, String personId) {}

  public record MappingView(String externalId, String code, String personId, Instant updatedAt, String updatedBy) {}

  public record Mappings(List<MappingView> mappings) {}

  public record OutboxItemView(String id, String type, String subject, Instant createdAt, String state, int attempts,
      Instant nextAttemptAt, Instant lastAttemptAt, String lastError, Instant deliveredAt, JsonNode event) {}

  public record OutboxPage(List<OutboxItemView> items) {}

  public record Secret(String signing, List<String> verifying) {}

  private final NetworkEdges edges;
  private final OrgDirectory directory;
  private final Function<Network, List<String>> secrets;

  /** {@code secrets}: each network's secrets in force, the signing one first (shown to the admin). */
  public NetworkRoutes(Accounts accounts, Tokens tokens, NetworkEdges edges, OrgDirectory directory,
      Function<Network, List<String>> secrets) {
    super(accounts, tokens);
    this.edges = edges;
    this.directory = directory;
    this.secrets = secrets;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("networks"), () -> concat(
        pathEnd(() -> get(() -> operator(p -> onSuccess(all(), this::ok)))),
        pathPrefix(segment(), id -> {
          var edge = edges.edge(id).orElseThrow(() -> ProblemException.notFound("network: no network '" + id
              + "' (party, governance or community)"));
          // The events door is the networks' and takes no bearer token: what it refuses (a body over the
          // limit) must not fall through to the operators' routes and come back as a 401.
          return extractUnmatchedPath(rest -> rest.equals("/events")
              ? path("events", () -> post(() -> events(edge)))
              : operator(p -> network(edge, p)));
        })));
  }

  private Route operator(Function<Principal, Route> inner) {
    return authenticated(p -> {
      if (!Access.of(directory.index(), p).mayOperateNetworks())
        throw ProblemException.forbidden("role: the networks are operated by the admin and district staff");
      return inner.apply(p);
    });
  }

  private Route network(NetworkEdge edge, Principal p) {
    return concat(
        pathEnd(() -> get(() -> onSuccess(edge.status(), s -> ok(view(edge, s))))),
        pathPrefix("quarantine", () -> quarantine(edge)),
        pathPrefix("mappings", () -> mappings(edge, p)),
        pathPrefix("outbox", () -> outbox(edge)),
        path(segment("callback").slash("enable"), () -> post(() -> requireAdmin(p, () ->
            onSuccess(edge.enableEndpoint().thenCompose(e -> edge.status()), s -> ok(view(edge, s)))))),
        path("secret", () -> get(() -> requireAdmin(p, () -> {
          var list = secrets.apply(edge.network());
          return ok(new Secret(list.get(0), list));
        }))));
  }

  private Route quarantine(NetworkEdge edge) {
    return concat(
        pathEnd(() -> get(() -> parameterOptional("after", after -> parameterOptional("limit", limit -> {
          long from = longParam("after", after, 0, 0, Long.MAX_VALUE);
          int size = (int) longParam("limit", limit, 100, 1, 500);
          return onSuccess(edge.quarantine(from, size), list -> ok(new QuarantinePage(
              list.stream().map(NetworkRoutes::quarantined).toList(), list.isEmpty() ? from : list.get(list.size() - 1).offset())));
        })))),
        path("replay", () -> post(() -> jsonBody(ReplayRequest.class, 4096, req ->
            onSuccess(edge.replaySince(since(req)), r -> ok(new ReplayedAll(r.replayed(), r.applied(), r.stillQuarantined())))))),
        path(PathMatchers.longSegment().slash("replay"), offset -> post(() -> onSuccess(edge.replay(offset), r -> {
          var x = r.orElseThrow(() -> ProblemException.notFound("offset: no event " + offset + " in this network's quarantine"));
          return ok(new Replayed(x.offset(), x.applied(), x.reason().map(Reason::en).orElse(null),
              x.reason().map(Reason::zh).orElse(null), x.reason().map(Reason::code).orElse(null)));
        }))));
  }

  private Route mappings(NetworkEdge edge, Principal p) {
    return concat(
        pathEnd(() -> get(() -> onSuccess(edge.mappings(),
            list -> ok(new Mappings(list.stream().map(NetworkRoutes::mapping).toList()))))),
        path(segment(), externalId -> concat(
            put(() -> jsonBody(MappingRequest.class, 4096, req ->
                onSuccess(putMapping(edge, externalId, req, p), m -> ok(mapping(m))))),
            delete(() -> onSuccess(validExternalId(externalId).thenCompose(edge::deleteMapping), deleted -> {
              if (!deleted) throw ProblemException.notFound("externalId: no mapping of '" + externalId + "'");
              return complete(StatusCodes.NO_CONTENT);
            })))));
  }

  private Route outbox(NetworkEdge edge) {
    return concat(
        pathEnd(() -> get(() -> parameterOptional("state", state -> parameterOptional("limit", limit ->
            onSuccess(edge.outbox(outboxState(state), (int) longParam("limit", limit, 100, 1, 500)),
                list -> ok(new OutboxPage(list.stream().map(NetworkRoutes::outboxItem).toList()))))))),
        path(segment().slash("resend"), itemId -> post(() -> onSuccess(edge.resend(itemId), item -> ok(outboxItem(
            item.orElseThrow(() -> ProblemException.notFound("id: no callback '" + itemId + "' in this network's outbox"))))))));
  }

  // In

  private Route events(NetworkEdge edge) {
    var settings = edge.all();
    return extractRequest(request -> RouteSupport.body(settings.maxBatchBytes(), List.of(CLOUDEVENT, CLOUDEVENTS_BATCH), body -> {
      var refusal = edge.refusal(body, headers(request));
      if (refusal.isPresent()) throw ProblemException.unauthorized(refusal.get());
      boolean batch = request.entity().getContentType().mediaType().subType().equals(CLOUDEVENTS_BATCH.subType());
      List<InboundEvent> events;
      try {
        events = batch ? CloudEventsReader.batch(edge.network(), body, settings.maxBatchEvents(), edge.text())
            : List.of(CloudEventsReader.one(edge.network(), body, edge.text()));
      } catch (BadEvent e) {
        edge.rejected(1);
        if (e.tooLarge()) throw new ProblemException(Problem.of(413, "Content Too Large", e.getMessage()));
        throw ProblemException.badRequest(e.getMessage());
      }
      var wait = edge.admit(events.size());
      if (wait.isPresent())
        return complete(HttpResponse.create().withStatus(StatusCodes.TOO_MANY_REQUESTS)
            .addHeader(RetryAfter.create(wait.getAsLong()))
            .withEntity(Json.problemEntity(ProblemException.tooMany("events: more than " + settings.rate() + " events a second from the "
                + edge.network().nameEn() + "; try again in " + wait.getAsLong() + " s").problem())));
      return onSuccess(edge.ingest(events), r -> json(StatusCodes.ACCEPTED, new Accepted(r.accepted(), r.duplicates(), r.quarantined())));
    }));
  }

  private static Map<String, List<String>> headers(HttpRequest request) {
    var out = new HashMap<String, List<String>>();
    for (var h : request.getHeaders()) out.computeIfAbsent(h.lowercaseName(), k -> new java.util.ArrayList<>()).add(h.value());
    return out;
  }

  // Out

  private java.util.concurrent.CompletionStage<Networks> all() {
    var futures = java.util.Arrays.stream(Network.values())
        .map(n -> edges.edge(n).status().thenApply(s -> view(edges.edge(n), s)).toCompletableFuture()).toList();
    return java.util.concurrent.CompletableFuture.allOf(futures.toArray(java.util.concurrent.CompletableFuture[]::new))
        .thenApply(x -> new Networks(futures.stream().map(java.util.concurrent.CompletableFuture::join).toList()));
  }

  private static StatusView view(NetworkEdge edge, NetworkEdge.Status s) {
    var settings = edge.settings();
    var feed = s.feed();
    String feedState = settings.feed().isEmpty() ? "off"
        : feed.lastError().isPresent() && feed.lastErrorAt().isPresent()
            && (feed.polledAt().isEmpty() || feed.lastErrorAt().get().isAfter(feed.polledAt().get())) ? "failing" : "ok";
    var e = s.endpoint();
    String endpointState = settings.callback().isEmpty() ? "off" : e.state().name();
    return new StatusView(edge.network().id(), edge.network().nameZh(), edge.network().nameEn(),
        new Windows(Counts.of(s.lastMinute()), Counts.of(s.lastHour()), Counts.of(s.lastDay())),
        new FeedView(settings.feed().map(Object::toString).orElse(null), feed.cursor().orElse(null), feed.polledAt().orElse(null),
            feed.lastEventAt().orElse(null), feedState, feed.lastError().orElse(null), feed.lastErrorAt().orElse(null)),
        new OutboxView(s.outbox().depth(), s.outbox().oldestPendingAt().orElse(null), s.outbox().failed(), s.outbox().delivered(),
            new EndpointView(settings.callback().map(Object::toString).orElse(null), endpointState, e.lastError().orElse(null),
                e.lastErrorAt().orElse(null), e.disabledAt().orElse(null))),
        new Size(s.events().get(NetworkStore.State.quarantined)), new Size(s.mappings()),
        s.events().get(NetworkStore.State.pending), s.events().get(NetworkStore.State.applied));
  }

  private static QuarantineItem quarantined(NetworkStore.Stored s) {
    var r = s.reason().orElse(new Reason("", "", ""));
    return new QuarantineItem(s.offset(), s.receivedAt(), r.en(), r.zh(), r.code(), s.type(), s.subject(), tree(s.json()));
  }

  private static MappingView mapping(NetworkStore.Mapping m) {
    return new MappingView(m.externalId(), m.code().orElse(null), m.personId().orElse(null), m.updatedAt(), m.updatedBy());
  }

  private static OutboxItemView outboxItem(NetworkStore.OutboxItem i) {
    return new OutboxItemView(i.id(), i.type(), i.subject(), i.createdAt(), i.state().name(), i.attempts(),
        i.nextAttemptAt().orElse(null), i.lastAttemptAt().orElse(null), i.lastError().orElse(null), i.deliveredAt().orElse(null),
        tree(i.json()));
  }

  private static JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      return Json.MAPPER.getNodeFactory().textNode(json);
    }
  }

  private java.util.concurrent.CompletionStage<NetworkStore.Mapping> putMapping(NetworkEdge edge, String externalId,
      MappingRequest req, Principal p) {
    if (!EXTERNAL_ID.matcher(externalId).matches())
      throw ProblemException.badRequest("externalId: 1 to 100 letters, digits and _ . : - , starting with a letter or digit");
    boolean hasCode = req.code() != null && !req.code().isBlank();
    boolean hasPerson = req.personId() != null && !req.personId().isBlank();
    if (hasCode == hasPerson) throw ProblemException.badRequest("code: give either code (an org code) or personId, not both or neither");
    var index = directory.index();
    if (hasCode && !index.exists(req.code()))
      throw ProblemException.badRequest("code: '" + req.code() + "' is no code in the hub's organisation");
    if (hasPerson && index.person(req.personId()).isEmpty() && !index.tree().residents().containsKey(req.personId()))
      throw ProblemException.badRequest("personId: '" + req.personId() + "' is no person or resident in the hub");
    return edge.putMapping(externalId, Optional.ofNullable(hasCode ? req.code() : null),
        Optional.ofNullable(hasPerson ? req.personId() : null), p.id());
  }

  /** A network's own id of a building, community or person, as a mapping's key (a URL path segment). */
  static final java.util.regex.Pattern EXTERNAL_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");

  private static java.util.concurrent.CompletionStage<String> validExternalId(String externalId) {
    if (!EXTERNAL_ID.matcher(externalId).matches())
      throw ProblemException.badRequest("externalId: 1 to 100 letters, digits and _ . : - , starting with a letter or digit");
    return java.util.concurrent.CompletableFuture.completedFuture(externalId);
  }

  private static Instant since(ReplayRequest req) {
    if (req.since() == null) throw ProblemException.badRequest("since: required, an ISO-8601 time such as 2026-11-21T00:00:00Z");
    try {
      return Instant.parse(req.since());
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("since: must be an ISO-8601 time such as 2026-11-21T00:00:00Z, got '" + req.since() + "'");
    }
  }

  private static Optional<NetworkStore.OutboxState> outboxState(Optional<String> raw) {
    if (raw.isEmpty() || raw.get().isBlank()) return Optional.empty();
    try {
      return Optional.of(NetworkStore.OutboxState.valueOf(raw.get()));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("state: must be pending, delivered or failed, got '" + raw.get() + "'");
    }
  }
}
