package org.sanwang.connectors.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Delivers one network's outbox to its callback URL: each subject's callbacks one after another, in
 * order, subjects side by side; signed with the network's first secret, {@code webhook-id} the
 * event's id on every attempt. Any 2xx is delivery; 410 disables the endpoint until an admin
 * re-enables it; otherwise the item is tried again ({@link RetryPolicy}) and the endpoint is failing.
 * One per network in the cluster (a cluster singleton); woken on new items and every second.
 */
public final class CallbackDispatcher {
  static final int ROUND = 32;

  /** What one attempt came to. */
  record Attempt(NetworkStore.OutboxItem item, int status, Optional<Duration> retryAfter, String error) {
    boolean delivered() {
      return status >= 200 && status < 300;
    }
  }

  private CallbackDispatcher() {}

  /** A {@link RoundLoop}: woken on new items and every second; a round that delivered something is followed by another at once. */
  public static Behavior<Object> create(NetworkEdge edge, HttpClient http) {
    return RoundLoop.create("Delivering " + edge.network().id() + " callbacks", Duration.ofSeconds(1), () -> deliverDue(edge, http));
  }

  /** One round: the due heads of line, sent side by side; the number delivered. */
  static CompletionStage<Integer> deliverDue(NetworkEdge edge, HttpClient http) {
    var url = edge.settings().callback();
    if (url.isEmpty()) return CompletableFuture.completedFuture(0);
    var store = edge.store();
    var n = edge.network();
    return CompletableFuture.supplyAsync(() -> {
      if (store.endpoint(n).state() == NetworkStore.EndpointState.disabled) return List.<NetworkStore.OutboxItem>of();
      return store.dueHeads(n, edge.clock().instant(), ROUND);
    }, edge.jdbc()).thenCompose(due -> {
      var attempts = due.stream().map(item -> send(edge, http, url.get(), item).toCompletableFuture()).toList();
      return CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new))
          .thenApplyAsync(x -> record(edge, attempts.stream().map(CompletableFuture::join).toList()), edge.jdbc());
    });
  }

  private static CompletionStage<Attempt> send(NetworkEdge edge, HttpClient http, URI url, NetworkStore.OutboxItem item) {
    var headers = edge.settings().signing().sign(item.id(), edge.clock().instant(), item.json());
    var request = HttpRequest.newBuilder(url).timeout(edge.all().callbackTimeout())
        .header("Content-Type", "application/cloudevents+json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(item.json()));
    headers.forEach(request::header);
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
      if (failure != null) {
        var cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return new Attempt(item, 0, Optional.empty(), cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
      }
      int status = response.statusCode();
      var retryAfter = response.headers().firstValue("Retry-After").flatMap(v -> retryAfter(v, edge.clock().instant()));
      String body = response.body() == null ? "" : response.body().strip();
      String error = "HTTP " + status + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
      return new Attempt(item, status, status == 429 || status == 503 ? retryAfter : Optional.empty(), error);
    });
  }

  /** Stores what the attempts came to; the number delivered. */
  private static int record(NetworkEdge edge, List<Attempt> attempts) {
    var store = edge.store();
    var n = edge.network();
    var now = edge.clock().instant();
    var policy = new RetryPolicy(edge.all().callbackBackoffMin(), edge.all().callbackBackoffMax(), edge.all().callbackGiveUpAfter());
    int delivered = 0;
    Attempt lastFailure = null;
    boolean gone = false;
    for (var a : attempts) {
      if (a.delivered()) {
        store.delivered(n, a.item().seq(), now);
        delivered++;
      } else if (a.status() == 410) {
        gone = true;
        lastFailure = a;
        store.attemptFailed(n, a.item().seq(), now, a.error(), Optional.of(now)); // sent as soon as the endpoint is re-enabled
      } else {
        lastFailure = a;
        store.attemptFailed(n, a.item().seq(), now, a.error(),
            policy.next(a.item().attempts() + 1, a.item().createdAt(), now, a.retryAfter()));
      }
    }
    if (attempts.isEmpty()) return 0;
    var before = store.endpoint(n);
    if (gone)
      store.saveEndpoint(n, new NetworkStore.Endpoint(NetworkStore.EndpointState.disabled, Optional.of(lastFailure.error()),
          Optional.of(now), Optional.of(now)));
    else if (lastFailure != null)
      store.saveEndpoint(n, new NetworkStore.Endpoint(NetworkStore.EndpointState.failing, Optional.of(lastFailure.error()),
          Optional.of(now), Optional.empty()));
    else if (before.state() != NetworkStore.EndpointState.ok)
      store.saveEndpoint(n, new NetworkStore.Endpoint(NetworkStore.EndpointState.ok, before.lastError(), before.lastErrorAt(),
          Optional.empty()));
    return delivered;
  }

  /** {@code Retry-After} as seconds or an HTTP date. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
    } catch (NumberFormatException e) {
      try {
        var at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(Duration.between(now, at).isNegative() ? Duration.ZERO : Duration.between(now, at));
      } catch (RuntimeException x) {
        return Optional.empty();
      }
    }
  }
}
