package org.sanwang.ops.netsim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.sanwang.connectors.core.WebhookSigning;

/**
 * Pushes events to the hub as a network does: {@code POST {hub}/api/v1/networks/{network}/events},
 * one structured CloudEvent ({@code application/cloudevents+json}) or a batch
 * ({@code application/cloudevents-batch+json}), signed with the network's first secret, and prints
 * one line per request with the hub's answer. A 429 pauses that network for its {@code Retry-After};
 * a hub that does not answer is said once, and again when it answers.
 */
final class Pusher {
  static final String ONE = "application/cloudevents+json";
  static final String BATCH = "application/cloudevents-batch+json";

  private final URI hub;
  private final Map<String, WebhookSigning> signing;
  private final Consumer<String> out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
  /** Whether the last push found the hub not answering (the work and the notices push from threads of their own). */
  private final AtomicBoolean hubDown = new AtomicBoolean();

  Pusher(URI hub, Map<String, WebhookSigning> signing, Consumer<String> out) {
    this.hub = hub;
    this.signing = signing;
    this.out = out;
  }

  /** Whether the hub asked this network to wait (429 with Retry-After) and the time is not up. */
  boolean paused(String network) {
    var until = pausedUntil.get(network);
    return until != null && Instant.now().isBefore(until);
  }

  /** Sends {@code events} of {@code network}: one event alone when {@code batch} is false, else as a batch. */
  NetSim.Pushed push(String network, List<? extends JsonNode> events, boolean batch) {
    if (!batch && events.size() != 1) throw new IllegalArgumentException("one event, or a batch");
    String body;
    try {
      body = batch ? NetworkEvents.JSON.writeValueAsString(events) : NetworkEvents.JSON.writeValueAsString(events.get(0));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("events: not serializable", e);
    }
    // A single event's message id is the event's own id, as the hub's callbacks do; a batch gets one of its own.
    String messageId = batch ? "msg_" + UUID.randomUUID() : events.get(0).path("id").asText("msg_" + UUID.randomUUID());
    var request = HttpRequest.newBuilder(URI.create(hub.toString().replaceAll("/+$", "") + "/api/v1/networks/" + network + "/events"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", batch ? BATCH : ONE);
    signing.get(network).sign(messageId, Instant.now(), body).forEach(request::header);
    String what = describe(network, events, batch);
    HttpResponse<String> response;
    try {
      response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      if (!hubDown.getAndSet(true))
        out.accept("push " + what + " → hub not answering at " + hub + " (" + e + "); pushing on, said again when it answers");
      return new NetSim.Pushed(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NetSim.Pushed(0, "interrupted");
    }
    if (hubDown.getAndSet(false)) out.accept("hub answering again at " + hub);
    if (response.statusCode() == 429) {
      long seconds = response.headers().firstValue("Retry-After").map(Pusher::seconds).orElse(1L);
      pausedUntil.put(network, Instant.now().plusSeconds(seconds));
    }
    out.accept("push " + what + " → " + response.statusCode() + " " + answer(response));
    return new NetSim.Pushed(response.statusCode(), response.body());
  }

  private static String describe(String network, List<? extends JsonNode> events, boolean batch) {
    if (!batch) return network + " " + events.get(0).path("type").asText() + " " + events.get(0).path("subject").asText() + item(events.get(0));
    var types = events.stream().collect(Collectors.groupingBy(e -> e.path("type").asText(), java.util.TreeMap::new,
        Collectors.counting()));
    return network + " batch of " + events.size() + " " + types.entrySet().stream()
        .map(t -> t.getKey() + "×" + t.getValue()).collect(Collectors.joining(", ", "(", ")"));
  }

  /** The case, wish, appointment or member an event is about, after a space; nothing for a notice. */
  private static String item(JsonNode event) {
    var data = event.path("data");
    for (String field : List.of("caseId", "wishId", "appointmentId", "memberId"))
      if (data.path(field).isTextual()) return " " + data.get(field).asText();
    return "";
  }

  /** The hub's answer in a line: its counts, or the problem's detail. */
  private static String answer(HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body().strip();
    try {
      var json = NetworkEvents.JSON.readTree(body);
      if (json != null && json.has("detail")) return json.path("title").asText("") + ": " + json.get("detail").asText();
      if (json != null) return json.toString();
    } catch (IOException e) {
      // not JSON: shown as it came
    }
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  private static long seconds(String retryAfter) {
    try {
      return Math.max(1, Long.parseLong(retryAfter.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
