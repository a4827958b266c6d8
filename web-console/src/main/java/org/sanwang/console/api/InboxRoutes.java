package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.console.streams.ResumableStream;
import org.sanwang.console.streams.StreamSettings;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.inbox.InboxEntity;
import org.sanwang.hub.inbox.InboxItem;
import org.sanwang.hub.live.LiveFeeds;

/** The caller's own inbox: page by offset, follow live over SSE, record read receipts. */
public final class InboxRoutes extends RouteSupport {
  public record ItemsPage(List<InboxItem> items, long next) {}

  public record ReadReceiptView(long offset, Instant readAt) {}

  static final int MAX_PAGE = 500;

  private final ActorSystem<?> system;
  private final ResumableStream<InboxItem> streams;
  private final Duration askTimeout;

  public InboxRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, LiveFeeds feeds, StreamSettings streamSettings,
      Duration askTimeout) {
    super(accounts, tokens);
    this.system = system;
    this.askTimeout = askTimeout;
    this.streams = new ResumableStream<>(system, InboxItem.class, InboxItem::offset, streamSettings.buffer(),
        streamSettings.checkEvery());
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("me").slash("inbox"), () -> authenticated(p -> concat(
        pathEnd(() -> get(() -> page(p))),
        path("stream", () -> get(() -> sse(p))),
        path(PathMatchers.longSegment().slash("read"), offset -> post(() -> read(p, offset))))));
  }

  private EntityRef<InboxEntity.Command> inbox(Principal p) {
    return ClusterSharding.get(system).entityRefFor(InboxEntity.ENTITY_KEY, p.id());
  }

  private Route page(Principal p) {
    return parameterOptional("after", afterRaw -> parameterOptional("limit", limitRaw -> {
      long after = longParam("after", afterRaw, 0, 0, Long.MAX_VALUE - 1);
      int limit = (int) longParam("limit", limitRaw, 100, 1, MAX_PAGE);
      CompletionStage<InboxEntity.InboxPage> page = inbox(p).ask(r -> new InboxEntity.GetItems(after, limit, r), askTimeout);
      return onSuccess(page, pg -> ok(new ItemsPage(pg.items(), pg.next())));
    }));
  }

  private Route read(Principal p, long offset) {
    CompletionStage<InboxEntity.ReadReceipt> receipt = inbox(p).ask(r -> new InboxEntity.MarkRead(offset, r), askTimeout);
    return onSuccess(receipt, rr -> {
      if (!rr.found()) throw ProblemException.notFound("offset: your inbox has no item " + offset);
      return ok(new ReadReceiptView(rr.offset(), rr.readAt()));
    });
  }

  private Route sse(Principal p) {
    return optionalHeaderValueByName("Last-Event-ID", lastEventId -> parameterOptional("after", afterRaw -> {
      if (lastEventId.isPresent()) return stream(p, longParam("Last-Event-ID", lastEventId, 0, 0, Long.MAX_VALUE - 1), Long.MAX_VALUE);
      if (afterRaw.isPresent()) return stream(p, longParam("after", afterRaw, 0, 0, Long.MAX_VALUE - 1), Long.MAX_VALUE);
      CompletionStage<InboxEntity.InboxPage> last = inbox(p).ask(r -> new InboxEntity.GetItems(Long.MAX_VALUE - 1, 1, r), askTimeout);
      return onSuccess(last, pg -> stream(p, pg.lastOffset(), pg.lastOffset()));
    }));
  }

  /** {@code newest}: the inbox's newest item as it was just asked, {@code Long.MAX_VALUE} when not asked. */
  private Route stream(Principal p, long after, long newest) {
    Source<ServerSentEvent, NotUsed> events = org.sanwang.console.streams.SharedFeeds.get(system).client("inbox", () ->
        streams.after(LiveFeeds.inbox(p.id()), after, newest, (from, to) -> range(p, from, to))
            .map(item -> ServerSentEvent.create(Json.MAPPER.writeValueAsString(item), Optional.empty(),
                Optional.of(Long.toString(item.offset())), OptionalInt.empty()))
            .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat));
    return completeOK(events, EventStreamMarshalling.toEventStream());
  }

  private Source<InboxItem, NotUsed> range(Principal p, long from, long to) {
    CompletionStage<InboxEntity.InboxPage> page =
        inbox(p).ask(r -> new InboxEntity.GetItems(from - 1, Integer.MAX_VALUE, r), askTimeout);
    return Source.completionStage(page).mapConcat(InboxEntity.InboxPage::items).filter(i -> i.offset() <= to);
  }
}
