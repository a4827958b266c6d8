package org.sanwang.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An ordinary HTTP client of the hub, as the acceptance tests use it (the JDK's own client). */
public final class HubClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  public record Response(int status, String contentType, JsonNode body, String raw) {}

  public record SseEvent(String id, String data) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private String token;

  public HubClient(int port) {
    this("http://127.0.0.1:" + port, null);
  }

  private HubClient(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** Another client of the same hub, carrying {@code token}. */
  public HubClient as(String token) {
    return new HubClient(base, token);
  }

  public String login(String username, String password) {
    var r = post("/api/v1/login", Map.of("username", username, "password", password));
    if (r.status() != 200) throw new IllegalStateException("login failed: " + r.raw());
    token = r.body().get("token").asText();
    return token;
  }

  /** Resolves every alert open to this client: a test's clean start. */
  public void resolveOpenAlerts(String note) {
    for (var id : get("/api/v1/alerts?state=open").body().get("alerts").findValuesAsText("id"))
      post("/api/v1/alerts/" + id + "/resolve", Map.of("note", note));
  }

  public Response get(String path) {
    return send(request(path).GET().build());
  }

  public Response post(String path, Object body) {
    try {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      return send(request(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A POST of raw bytes (a photo). */
  public Response postBytes(String path, String contentType, byte[] body) {
    return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** The bytes of a GET that must answer 200 (a photo). */
  public byte[] getBytes(String path) {
    try {
      var r = http.send(request(path).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
      return r.body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A POST of {@code body} as {@code contentType} with extra headers (a network's signed events). */
  public Response post(String path, String contentType, String body, Map<String, String> headers) {
    var b = request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return send(b.build());
  }

  public Response delete(String path) {
    return send(request(path).DELETE().build());
  }

  /** A device's own call: {@code POST /api/v1/devices/{id}/{action}} with {@code Authorization: Device <secret>}. */
  public Response device(String deviceId, String secret, String action, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/" + deviceId + "/" + action))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Device " + secret).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public Response put(String path, Object body) {
    try {
      return send(request(path).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads SSE events from {@code path} until {@code count} have arrived (or the timeout). */
  public List<SseEvent> sse(String path, Map<String, String> headers, int count, Duration timeout) throws Exception {
    var events = new ArrayList<SseEvent>();
    var reader = sseInto(path, headers, count, timeout, events);
    reader.thread().join(timeout.toMillis());
    reader.body().close();
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** A stream being read: its reader thread, and its body (close it to stop). */
  public record SseReader(Thread thread, java.io.InputStream body) {}

  /**
   * Opens an SSE stream and returns at once, its events going into {@code events} (synchronized on it)
   * from a reader thread that stops after {@code count} events or when the stream ends; the timeout
   * bounds the whole stream.
   */
  public SseReader sseInto(String path, Map<String, String> headers, int count, Duration timeout, List<SseEvent> events)
      throws Exception {
    var b = request(path).header("Accept", "text/event-stream").timeout(timeout);
    headers.forEach(b::header);
    var future = http.sendAsync(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    var response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (response.statusCode() != 200) throw new IllegalStateException("SSE status " + response.statusCode());
    var reader = new Thread(() -> {
      try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String id = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isEmpty()) {
            if (data.length() > 0) {
              synchronized (events) {
                events.add(new SseEvent(id, data.toString()));
                if (events.size() >= count) return;
              }
            }
            id = null;
            data.setLength(0);
          } else if (line.startsWith("id:")) id = line.substring(3).trim();
          else if (line.startsWith("data:")) data.append(line.substring(5));
        }
      } catch (java.io.IOException ignored) {
        // closed
      }
    });
    reader.setDaemon(true);
    reader.start();
    return new SseReader(reader, response.body());
  }

  private HttpRequest.Builder request(String path) {
    var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  private Response send(HttpRequest request) {
    try {
      var r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String ct = r.headers().firstValue("Content-Type").orElse("");
      JsonNode body = null;
      if (ct.contains("json") && !r.body().isEmpty()) body = JSON.readTree(r.body());
      return new Response(r.statusCode(), ct, body, r.body());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The stamp (token version and fingerprint) a token of the hub carries, read without checking its
   * signature: for tests that sign a token of their own with a given key for a real user.
   */
  static org.sanwang.console.auth.Tokens.Stamp stampOf(String token) {
    try {
      var payload = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
      return new org.sanwang.console.auth.Tokens.Stamp(payload.get("ver").asLong(), payload.get("fp").asText());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The stamp of the admin's tokens on the hub at {@code port}. */
  static org.sanwang.console.auth.Tokens.Stamp adminStamp(int port) {
    return stampOf(new HubClient(port).login("admin", HubFixture.ADMIN_PASSWORD));
  }
}
