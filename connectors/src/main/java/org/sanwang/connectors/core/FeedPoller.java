package org.sanwang.connectors.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Polls one network's pull feed ({@code GET {feed}?cursor=&limit=}, signed over an empty body): a
 * Pekko Streams loop that takes a page, stores its events and the next cursor in one transaction,
 * and asks again at once until the feed is caught up, then after {@code poll-every}. A failure backs
 * off from one second doubling to five minutes. The cursor is read from the store at each (re)start,
 * so a restart neither skips nor repeats. One per network in the cluster (a cluster singleton); the
 * stream lives as long as this actor.
 */
public final class FeedPoller {
  private FeedPoller() {}

  public static Behavior<Void> create(NetworkEdge edge, URI feed, HttpClient http) {
    return Behaviors.setup(ctx -> {
      var settings = edge.all();
      var system = ctx.getSystem();
      var restart = RestartSettings.create(settings.feedBackoffMin(), settings.feedBackoffMax(), 0.2);
      RestartSource.withBackoff(restart, () -> Source.repeat(Done.getInstance())
              .mapAsync(1, x -> poll(edge, feed, http))
              .mapAsync(1, caughtUp -> caughtUp
                  ? Patterns.after(settings.pollEvery(), system.classicSystem().scheduler(), system.executionContext(),
                      () -> CompletableFuture.completedFuture(Done.getInstance()))
                  : CompletableFuture.completedFuture(Done.getInstance())))
          .runWith(Sink.ignore(), Materializer.createMaterializer(ctx));
      return Behaviors.empty();
    });
  }

  /** One page: true when the feed is caught up (no events). A failure is recorded, then fails the stream (back-off). */
  static CompletionStage<Boolean> poll(NetworkEdge edge, URI feed, HttpClient http) {
    var n = edge.network();
    return CompletableFuture.supplyAsync(() -> edge.store().feed(n).cursor(), edge.jdbc())
        .thenCompose(cursor -> http.sendAsync(request(edge, feed, cursor), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
            .thenCompose(response -> {
              if (response.statusCode() != 200)
                throw new IllegalStateException("HTTP " + response.statusCode() + " from the feed");
              var page = CloudEventsReader.page(response.body());
              if (page.events().isEmpty()) {
                return CompletableFuture.supplyAsync(() -> {
                  edge.store().recordPoll(n, edge.clock().instant(), Optional.empty());
                  return true;
                }, edge.jdbc());
              }
              if (page.next() == null || page.next().isBlank())
                throw new IllegalStateException("the feed's page has events but no next cursor");
              var events = new ArrayList<InboundEvent>();
              var malformed = new ArrayList<NetworkStore.Admitted>();
              for (JsonNode node : page.events()) {
                try {
                  edge.text().problem(node).ifPresent(p -> {
                    throw new BadEvent(p[0], p[1]);
                  });
                  events.add(CloudEventsReader.fromNode(n, node));
                } catch (BadEvent e) {
                  malformed.add(new NetworkStore.Admitted(unreadable(n, node), Optional.of(Reason.malformed(e.getMessage()))));
                }
              }
              return edge.ingestPage(events, malformed, page.next()).thenApply(result -> false);
            }))
        .exceptionallyCompose(failure -> {
          var cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
          String error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
          return CompletableFuture.runAsync(() -> edge.store().recordPoll(n, edge.clock().instant(), Optional.of(error)), edge.jdbc())
              .thenCompose(x -> CompletableFuture.failedFuture(cause));
        });
  }

  private static HttpRequest request(NetworkEdge edge, URI feed, Optional<String> cursor) {
    String query = "limit=" + edge.all().feedPage()
        + cursor.map(c -> "&cursor=" + URLEncoder.encode(c, StandardCharsets.UTF_8)).orElse("");
    String base = feed.toString();
    var uri = URI.create(base + (base.contains("?") ? "&" : "?") + query);
    var builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().header("Accept", "application/json");
    edge.settings().signing().sign(UUID.randomUUID().toString(), edge.clock().instant(), "").forEach(builder::header);
    return builder.build();
  }

  /** A malformed event from a feed, kept as it came so that it can be seen in quarantine (it cannot be 400'd). */
  private static InboundEvent unreadable(Network n, JsonNode node) {
    String source = node.path("source").asText("");
    String id = node.path("id").asText("");
    if (source.isBlank() || id.isBlank()) {
      source = "urn:sanwang:malformed";
      id = UUID.nameUUIDFromBytes(node.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
    return new InboundEvent(n, cut(source), cut(id), cut(node.path("type").asText("")), cut(node.path("subject").asText("")),
        Optional.empty(), node.path("data"), node.toString());
  }

  private static String cut(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500);
  }
}
