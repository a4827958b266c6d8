package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.work.AppointmentEntity;
import org.sanwang.hub.work.CaseEntity;
import org.sanwang.hub.work.WishEntity;
import org.sanwang.hub.work.WorkBook;

/**
 * {@code GET /api/v1/work/stream}: live changes of the cases, wishes and appointments the caller may
 * see (SSE events {@code case}, {@code wish}, {@code appointment}, each the item as the lists show it).
 * Fed by this node's projections, which see every node's changes. The first event, {@code ready}, says the
 * stream is open: fetch the lists then.
 */
public final class WorkStreamRoutes extends RouteSupport {
  /** One change: the kind, the place it belongs to (for scoping) and the item. */
  private record Changed(String kind, String place, Object item) {}

  private final OrgDirectory directory;
  private final Source<Changed, NotUsed> changes;
  private final org.sanwang.console.streams.SharedFeeds clients;

  public WorkStreamRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory,
      WorkBook<CaseEntity.State> cases, WorkBook<WishEntity.State> wishes, WorkBook<AppointmentEntity.State> appointments,
      Clock clock) {
    super(accounts, tokens);
    this.clients = org.sanwang.console.streams.SharedFeeds.get(system);
    this.directory = directory;
    Pair<SourceQueueWithComplete<Changed>, Source<Changed, NotUsed>> hub = Source.<Changed>queue(1024, OverflowStrategy.dropHead())
        .toMat(BroadcastHub.of(Changed.class, 256), Keep.both()).run(system);
    var queue = hub.first();
    this.changes = hub.second();
    cases.onChange(c -> {
      if (CaseEntity.record(c.after()) != null)
        queue.offer(new Changed("case", CaseRoutes.place(c.after()), WorkViews.of(directory.index(), c.after(), clock.instant(), false)));
    });
    wishes.onChange(c -> {
      if (c.after().record() != null)
        queue.offer(new Changed("wish", WishRoutes.place(c.after()), WorkViews.of(directory.index(), c.after(), false)));
    });
    appointments.onChange(c -> {
      if (c.after().record() != null)
        queue.offer(new Changed("appointment", c.after().record().facts().building(),
            WorkViews.of(directory.index(), c.after(), false)));
    });
  }

  public Route routes() {
    return path(segment("api").slash("v1").slash("work").slash("stream"), () -> get(() -> authenticated(this::stream)));
  }

  private Route stream(Principal p) {
    // A first event says the stream is open: a page (or test) knows from then on it misses nothing.
    var source = clients.client("work", () -> Source.single(
            ServerSentEvent.create("{}", Optional.of("ready"), Optional.empty(), OptionalInt.empty()))
        .concat(changes
            .filter(c -> Access.of(directory.index(), p).seesWorkAt(c.place()))
            .map(c -> ServerSentEvent.create(Json.MAPPER.writeValueAsString(c.item()), Optional.of(c.kind()), Optional.empty(),
                OptionalInt.empty())))
        .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat));
    return completeOK(source, EventStreamMarshalling.toEventStream());
  }
}
