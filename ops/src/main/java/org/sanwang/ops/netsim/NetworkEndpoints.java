package org.sanwang.ops.netsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.sanwang.connectors.core.WebhookSigning;

/**
 * The networks' own HTTP side, which the hub calls: {@code GET /feed/{network}?cursor=&limit=} (the
 * pull feed, the request signed over an empty body) and {@code POST /callbacks/{network}} (the hub's
 * callbacks, signed CloudEvents). A request without a valid signature of one of the network's
 * secrets gets 401; errors are problem+json like the hub's own.
 */
final class NetworkEndpoints {
  private final Map<String, WebhookSigning> signing;
  private final Map<String, Feed> feeds;
  private final Consumer<String> out;
  private final Consumer<NetSim.Callback> delivered;
  final List<NetSim.Callback> callbacks = new CopyOnWriteArrayList<>();
  final List<NetSim.FeedRequest> feedRequests = new CopyOnWriteArrayList<>();
  final Scripted callbackScript = new Scripted();
  final Scripted feedScript = new Scripted();

  /** {@code delivered} hears each callback answered 2xx, once it is recorded and printed and before it is answered. */
  NetworkEndpoints(Map<String, WebhookSigning> signing, Map<String, Feed> feeds, Consumer<String> out,
      Consumer<NetSim.Callback> delivered) {
    this.signing = signing;
    this.feeds = feeds;
    this.out = out;
    this.delivered = delivered;
  }

  void bind(HttpServer server) {
    server.createContext("/feed/", x -> handle(x, "/feed/", "GET", this::feed));
    server.createContext("/callbacks/", x -> handle(x, "/callbacks/", "POST", this::callback));
    server.createContext("/sms", this::sms);
    server.createContext("/", x -> {
      try (x) {
        problem(x, 404, "Not Found", "netsim serves GET /feed/{network}, POST /callbacks/{network} and POST /sms");
      }
    });
  }

  /** The SMS gateway of the demo: prints each message the hub sends (a family's alert, a member's activation link). */
  final List<String> smsSent = new CopyOnWriteArrayList<>();

  private void sms(HttpExchange x) throws IOException {
    try (x) {
      if (!x.getRequestMethod().equals("POST")) {
        x.getResponseHeaders().set("Allow", "POST");
        problem(x, 405, "Method Not Allowed", "method: only POST here");
        return;
      }
      var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(x.getRequestBody().readAllBytes());
      String line = "SMS to " + body.path("to").asText() + ": " + body.path("text").asText();
      smsSent.add(line);
      out.accept(line);
      x.sendResponseHeaders(204, -1);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      problem(x, 400, "Bad Request", "body: not JSON");
    }
  }

  private interface Handler {
    void handle(HttpExchange x, String network, String body) throws IOException;
  }

  private void handle(HttpExchange x, String prefix, String method, Handler handler) throws IOException {
    try (x) {
      String network = x.getRequestURI().getPath().substring(prefix.length());
      if (!signing.containsKey(network)) {
        problem(x, 404, "Not Found", "network: must be party, governance or community, got '" + network + "'");
        return;
      }
      if (!x.getRequestMethod().equals(method)) {
        x.getResponseHeaders().set("Allow", method);
        problem(x, 405, "Method Not Allowed", "method: only " + method + " here");
        return;
      }
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      handler.handle(x, network, body);
    } catch (RuntimeException e) {
      out.accept("error answering " + x.getRequestMethod() + " " + x.getRequestURI() + ": " + e);
      problem(x, 500, "Internal Server Error", e.toString());
    }
  }

  private void feed(HttpExchange x, String network, String body) throws IOException {
    var query = query(x.getRequestURI().getRawQuery());
    String cursor = query.get("cursor");
    int limit;
    try {
      limit = Integer.parseInt(query.getOrDefault("limit", "500"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    var refusal = signing.get(network).refusal(body, x.getRequestHeaders());
    if (refusal.isPresent()) {
      feedRequests.add(new NetSim.FeedRequest(network, cursor, limit, 401, 0, Instant.now()));
      out.accept("feed " + network + " cursor=" + cursor + " → 401 " + refusal.get());
      problem(x, 401, "Unauthorized", refusal.get());
      return;
    }
    if (limit < 1 || limit > Feed.MAX_LIMIT) {
      feedRequests.add(new NetSim.FeedRequest(network, cursor, limit, 400, 0, Instant.now()));
      problem(x, 400, "Bad Request", "limit: must be 1 to " + Feed.MAX_LIMIT + ", got " + query.get("limit"));
      return;
    }
    var scripted = feedScript.take(network);
    if (scripted.isPresent()) {
      feedRequests.add(new NetSim.FeedRequest(network, cursor, limit, scripted.get().status(), 0, Instant.now()));
      out.accept("feed " + network + " cursor=" + cursor + " → " + scripted.get().status() + " (scripted)");
      scripted(x, scripted.get());
      return;
    }
    var page = feeds.get(network).page(cursor, limit);
    if (page.isEmpty()) {
      feedRequests.add(new NetSim.FeedRequest(network, cursor, limit, 400, 0, Instant.now()));
      out.accept("feed " + network + " cursor=" + cursor + " → 400 not a cursor of this feed");
      problem(x, 400, "Bad Request", "cursor: not a cursor of this feed, got '" + cursor + "'");
      return;
    }
    var p = page.get();
    if (p.restarted())
      out.accept("feed " + network + " cursor=" + cursor + " is beyond this feed's " + feeds.get(network).size()
          + " events (a cursor of an earlier run of netsim?): serving from the start");
    feedRequests.add(new NetSim.FeedRequest(network, cursor, limit, 200, p.events().size(), Instant.now()));
    if (!p.events().isEmpty())
      out.accept("feed " + network + " served " + p.events().size() + " events from cursor " + (cursor == null ? "(start)" : cursor)
          + ", next " + p.next());
    var json = NetworkEvents.JSON.createObjectNode();
    json.putArray("events").addAll(p.events());
    json.put("next", p.next());
    send(x, 200, "application/json", json.toString());
  }

  private void callback(HttpExchange x, String network, String body) throws IOException {
    String webhookId = x.getRequestHeaders().getFirst(WebhookSigning.ID);
    var refusal = signing.get(network).refusal(body, x.getRequestHeaders());
    if (refusal.isPresent()) {
      record(network, webhookId, null, 401, refusal.get());
      problem(x, 401, "Unauthorized", refusal.get());
      return;
    }
    String contentType = Optional.ofNullable(x.getRequestHeaders().getFirst("Content-Type")).orElse("");
    if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith(Pusher.ONE)) {
      String detail = "Content-Type: must be " + Pusher.ONE + ", got '" + contentType + "'";
      record(network, webhookId, null, 415, detail);
      problem(x, 415, "Unsupported Media Type", detail);
      return;
    }
    JsonNode event;
    try {
      event = NetworkEvents.JSON.readTree(body);
    } catch (IOException e) {
      event = null;
    }
    Optional<String> bad = badCloudEvent(event, webhookId);
    if (bad.isPresent()) {
      record(network, webhookId, event, 400, bad.get());
      problem(x, 400, "Bad Request", bad.get());
      return;
    }
    var scripted = callbackScript.take(network);
    if (scripted.isPresent()) {
      var c = record(network, webhookId, event, scripted.get().status(), "scripted");
      if (c.delivered()) delivered.accept(c);
      scripted(x, scripted.get());
      return;
    }
    // Acted on before it is answered: whoever sees the 204 sees what netsim made of it.
    delivered.accept(record(network, webhookId, event, 204, null));
    x.sendResponseHeaders(204, -1);
  }

  /** Why this is not the structured CloudEvent of a callback, or nothing. */
  private static Optional<String> badCloudEvent(JsonNode event, String webhookId) {
    if (event == null || !event.isObject()) return Optional.of("body: must be one CloudEvent as a JSON object");
    if (!event.path("specversion").asText().equals("1.0")) return Optional.of("specversion: must be \"1.0\"");
    for (String field : List.of("id", "source", "type"))
      if (!event.path(field).isTextual() || event.path(field).asText().isEmpty())
        return Optional.of(field + ": required, a non-empty string");
    if (!event.get("id").asText().equals(webhookId))
      return Optional.of("webhook-id: must be the CloudEvent's id (" + event.get("id").asText() + "), got '" + webhookId + "'");
    return Optional.empty();
  }

  private NetSim.Callback record(String network, String webhookId, JsonNode event, int status, String detail) {
    var c = new NetSim.Callback(network, webhookId, event, status, Optional.ofNullable(detail), Instant.now());
    callbacks.add(c);
    var line = new StringBuilder("callback ").append(network).append(' ');
    if (event != null && event.isObject())
      line.append(event.path("type").asText()).append(" id=").append(event.path("id").asText())
          .append(" subject=").append(event.path("subject").asText()).append(" data=").append(event.path("data"));
    else line.append("webhook-id=").append(webhookId);
    line.append(" → ").append(status);
    if (detail != null) line.append(' ').append(detail);
    out.accept(line.toString());
    return c;
  }

  private static void scripted(HttpExchange x, Scripted.Answer answer) throws IOException {
    answer.retryAfter().ifPresent(d -> x.getResponseHeaders().set("Retry-After", Long.toString(d.toSeconds())));
    if (answer.status() == 204 || answer.status() < 200) x.sendResponseHeaders(answer.status(), -1);
    else problem(x, answer.status(), "Scripted", "netsim was told to answer " + answer.status());
  }

  private static void problem(HttpExchange x, int status, String title, String detail) throws IOException {
    var json = NetworkEvents.JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status)
        .put("detail", detail);
    send(x, status, "application/problem+json", json.toString());
  }

  private static void send(HttpExchange x, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", contentType);
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
  }

  private static Map<String, String> query(String raw) {
    var params = new HashMap<String, String>();
    if (raw == null || raw.isEmpty()) return params;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(key, value);
    }
    return params;
  }
}
