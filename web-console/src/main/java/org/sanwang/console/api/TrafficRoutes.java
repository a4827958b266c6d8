package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Sink;
import org.sanwang.console.streams.FeedSource;
import org.sanwang.console.streams.SharedFeeds;
import org.sanwang.console.streams.RecentTraffic;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.group.GroupEntity;
import org.sanwang.hub.live.LiveFeeds;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;

/**
 * {@code GET /api/v1/traffic/recent}: the last hour of traffic of the groups the caller may see
 * (60 seconds, 60 minutes, communities by count; {@link RecentTraffic}), so that charts are full on
 * load; {@code GET /api/v1/traffic/stream} continues them: the live traffic as SSE.
 * Once a second a {@code rates} event counts the messages of that second by network ({@code source})
 * and by community, followed by {@code message} events for at most the 20 newest of them, so a
 * console's load stays bounded however busy the hub is. A console that falls behind drops messages,
 * never the hub.
 */
public final class TrafficRoutes extends RouteSupport {
  public record Rates(Instant at, int total, Map<String, Integer> bySource, Map<String, Integer> byCommunity,
      Map<String, String> communityNames) {}

  public record TrafficMessage(String groupId, String groupName, String community, long offset, Instant at, String source,
      String sender, String kind, String text) {}

  static final int MESSAGES_PER_SECOND = 20;

  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final RecentTraffic recent = new RecentTraffic();

  /** Starts counting this node's traffic for {@code …/recent} (one subscription, for as long as the system runs). */
  public TrafficRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory) {
    super(accounts, tokens);
    this.system = system;
    this.directory = directory;
    FeedSource.<GroupEntity.Traffic>of(system, LiveFeeds.TRAFFIC, 10_000, OverflowStrategy.dropHead())
        .runWith(Sink.foreach(t -> recent.count(t.groupId(), t.message().source(), Instant.now())), system);
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("traffic"), () -> concat(
        path("stream", () -> get(() -> authenticated(p -> completeOK(stream(p), EventStreamMarshalling.toEventStream())))),
        path("recent", () -> get(() -> authenticated(p -> ok(recent(p)))))));
  }

  private RecentTraffic.Window recent(Principal p) {
    var index = directory.index();
    var access = org.sanwang.hub.access.Access.of(index, p);
    return recent.window(Instant.now(), access::mayJoinGroup, code -> index.nameOf(code).orElse(code));
  }

  private Source<ServerSentEvent, NotUsed> stream(Principal p) {
    return SharedFeeds.get(system).client("traffic", () -> FeedSource.<GroupEntity.Traffic>of(system, LiveFeeds.TRAFFIC, 5000,
            OverflowStrategy.dropHead())
        .filter(t -> org.sanwang.hub.access.Access.of(directory.index(), p).mayJoinGroup(t.groupId()))
        .groupedWithin(100_000, Duration.ofSeconds(1))
        .mapConcat(this::events)
        .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat));
  }

  private List<ServerSentEvent> events(List<GroupEntity.Traffic> second) throws Exception {
    var bySource = new TreeMap<String, Integer>();
    var byCommunity = new TreeMap<String, Integer>();
    for (var t : second) {
      bySource.merge(t.message().source(), 1, Integer::sum);
      byCommunity.merge(Codes.communityOf(t.groupId()), 1, Integer::sum);
    }
    var out = new ArrayList<ServerSentEvent>();
    var index = directory.index();
    var names = new TreeMap<String, String>();
    byCommunity.keySet().forEach(c -> names.put(c, index.nameOf(c).orElse(c)));
    out.add(ServerSentEvent.create(Json.MAPPER.writeValueAsString(new Rates(Instant.now(), second.size(), bySource, byCommunity,
            names)), Optional.of("rates"), Optional.empty(), OptionalInt.empty()));
    for (var t : second.subList(Math.max(0, second.size() - MESSAGES_PER_SECOND), second.size())) {
      var m = t.message();
      String text = m.text().length() > 140 ? m.text().substring(0, 140) + "…" : m.text();
      out.add(ServerSentEvent.create(Json.MAPPER.writeValueAsString(new TrafficMessage(t.groupId(),
              index.nameOf(t.groupId()).orElse(t.groupId()), Codes.communityOf(t.groupId()), m.offset(), m.at(), m.source(),
              m.sender().name(), m.kind(), text)),
          Optional.of("message"), Optional.empty(), OptionalInt.empty()));
    }
    return out;
  }
}
