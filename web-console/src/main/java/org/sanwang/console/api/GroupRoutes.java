package org.sanwang.console.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.console.streams.ResumableStream;
import org.sanwang.console.streams.SharedFeeds;
import org.sanwang.console.streams.StreamSettings;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.group.GroupEntity;
import org.sanwang.hub.group.GroupHistory;
import org.sanwang.hub.group.GroupMessage;
import org.sanwang.hub.group.GroupSettings;
import org.sanwang.hub.group.Sender;
import org.sanwang.hub.live.LiveFeeds;
import org.sanwang.hub.org.OrgDirectory;

/**
 * Building groups and community channels: post, page history by offset, and follow live over SSE
 * or WebSocket with resume by offset.
 */
public final class GroupRoutes extends RouteSupport {
  public record PostMessageRequest(String text, String clientMsgId) {}

  public record PostMessageResponse(long offset, String id) {}

  public record SenderView(String id, String name, String role) {}

  public record MessageView(long offset, String id, Instant at, SenderView sender, String source, String text, String kind) {
    static MessageView of(GroupMessage m) {
      return new MessageView(m.offset(), m.id(), m.at(), new SenderView(m.sender().id(), m.sender().name(), m.sender().role()),
          m.source(), m.text(), m.kind());
    }
  }

  public record MessagesPage(List<MessageView> messages, long next) {}

  static final int MAX_PAGE = 500;
  static final int MAX_CLIENT_MSG_ID = 128;

  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final GroupHistory history;
  private final GroupSettings settings;
  private final ResumableStream<GroupMessage> streams;
  private final Duration askTimeout;
  private final Counter posted;

  public GroupRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, GroupHistory history,
      LiveFeeds feeds, GroupSettings settings, StreamSettings streamSettings, Duration askTimeout, MeterRegistry metrics) {
    super(accounts, tokens);
    this.system = system;
    this.directory = directory;
    this.history = history;
    this.settings = settings;
    this.askTimeout = askTimeout;
    this.streams = new ResumableStream<>(system, GroupMessage.class, GroupMessage::offset,
        streamSettings.buffer(), streamSettings.checkEvery());
    this.posted = Counter.builder("sanwang_group_messages_posted").description("Messages accepted into groups over HTTP")
        .register(metrics);
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("groups").slash(segment()), groupId ->
        authenticated(p -> member(p, groupId, () -> concat(
            path("messages", () -> concat(
                post(() -> jsonBody(PostMessageRequest.class, 64 * 1024, req -> post(p, groupId, req))),
                get(() -> page(groupId)))),
            path("stream", () -> get(() -> sse(groupId))),
            path("ws", () -> get(() -> websocket(groupId)))))));
  }

  private Route member(Principal p, String groupId, java.util.function.Supplier<Route> inner) {
    var index = directory.index();
    if (!index.isGroup(groupId)) throw ProblemException.notFound("groupId: no building or community " + groupId);
    if (!Access.of(index, p).mayJoinGroup(groupId)) throw ProblemException.forbidden("groupId: " + groupId + " is outside your scopes");
    return inner.get();
  }

  private Route post(Principal p, String groupId, PostMessageRequest req) {
    if (req.text() == null || req.text().isBlank()) throw ProblemException.badRequest("text: is required");
    if (req.text().length() > settings.maxTextLength())
      throw ProblemException.badRequest("text: at most " + settings.maxTextLength() + " characters");
    if (req.clientMsgId() != null && (req.clientMsgId().isBlank() || req.clientMsgId().length() > MAX_CLIENT_MSG_ID))
      throw ProblemException.badRequest("clientMsgId: 1 to " + MAX_CLIENT_MSG_ID + " characters");
    var sender = new Sender(p.id(), p.name(), p.roleIn(groupId));
    CompletionStage<GroupEntity.Receipt> receipt = ClusterSharding.get(system)
        .entityRefFor(GroupEntity.ENTITY_KEY, groupId)
        .ask(r -> new GroupEntity.PostMessage(sender, "hub", "chat", req.text(), req.clientMsgId(), r), askTimeout);
    return onSuccess(receipt, r -> {
      if (!r.duplicate()) posted.increment();
      return json(StatusCodes.CREATED, new PostMessageResponse(r.offset(), r.id()));
    });
  }

  private Route page(String groupId) {
    return parameterOptional("after", afterRaw -> parameterOptional("limit", limitRaw -> {
      long after = longParam("after", afterRaw, 0, 0, Long.MAX_VALUE - 1);
      long limit = longParam("limit", limitRaw, 100, 1, MAX_PAGE);
      var messages = history.page(groupId, after, limit).thenApply(page -> page.stream().map(MessageView::of).toList());
      return onSuccess(messages, list -> ok(new MessagesPage(list, list.isEmpty() ? after : list.get(list.size() - 1).offset())));
    }));
  }

  private Route sse(String groupId) {
    return resumeOffset(groupId, (after, newest) -> completeOK(SharedFeeds.get(system).client("group", () ->
        live(groupId, after, newest).map(m -> ServerSentEvent.create(Json.MAPPER.writeValueAsString(MessageView.of(m)),
                Optional.empty(), Optional.of(Long.toString(m.offset())), OptionalInt.empty()))
            .keepAlive(Duration.ofSeconds(15), ServerSentEvent::heartbeat)),
        EventStreamMarshalling.toEventStream()));
  }

  private Route websocket(String groupId) {
    return resumeOffset(groupId, (after, newest) -> handleWebSocketMessages(Flow.fromSinkAndSourceCoupled(Sink.<Message>ignore(),
        SharedFeeds.get(system).client("group", () ->
            live(groupId, after, newest).map(m -> (Message) TextMessage.create(Json.MAPPER.writeValueAsString(MessageView.of(m))))))));
  }

  private Source<GroupMessage, NotUsed> live(String groupId, long after, long newest) {
    return streams.after(LiveFeeds.group(groupId), after, newest,
        (from, to) -> history.stream(groupId, from - 1, to == Long.MAX_VALUE ? Long.MAX_VALUE : to - from + 1));
  }

  /**
   * Where the stream starts ({@code Last-Event-ID} wins over {@code ?after=}; with neither, at the
   * newest message) and the newest message now: a node whose clients already follow the group knows
   * it, otherwise the group says. A client that is up to date is replayed nothing, without a query.
   */
  private Route resumeOffset(String groupId, java.util.function.BiFunction<Long, Long, Route> inner) {
    return optionalHeaderValueByName("Last-Event-ID", lastEventId -> parameterOptional("after", afterRaw -> {
      OptionalLong from = lastEventId.isPresent() ? OptionalLong.of(longParam("Last-Event-ID", lastEventId, 0, 0, Long.MAX_VALUE - 1))
          : afterRaw.isPresent() ? OptionalLong.of(longParam("after", afterRaw, 0, 0, Long.MAX_VALUE - 1)) : OptionalLong.empty();
      var known = streams.newest(LiveFeeds.group(groupId));
      if (known.isPresent()) return inner.apply(from.orElse(known.getAsLong()), known.getAsLong());
      return onSuccess(history.newest(groupId), newest -> inner.apply(from.orElse(newest), newest));
    }));
  }
}
