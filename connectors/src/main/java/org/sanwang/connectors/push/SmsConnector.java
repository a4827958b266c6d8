package org.sanwang.connectors.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sanwang.hub.notify.Notification;
import org.sanwang.hub.notify.NotificationChannel;

/**
 * Reaches family contacts (who have no login) through the SMS gateway webhook: one JSON POST per
 * message; any 2xx is accepted, anything else is a failure the dispatcher retries.
 */
public final class SmsConnector implements NotificationChannel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SmsSettings settings;
  private final HttpClient http;

  public SmsConnector(SmsSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  @Override
  public String name() {
    return "sms";
  }

  @Override
  public CompletionStage<Void> send(Notification n) {
    try {
      var request = HttpRequest.newBuilder(settings.webhook().orElseThrow())
          .timeout(settings.timeout())
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(SmsMapper.toRequest(n))))
          .build();
      return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(r -> r.statusCode() / 100 == 2
          ? CompletableFuture.<Void>completedFuture(null)
          : CompletableFuture.<Void>failedFuture(new IllegalStateException("SMS gateway answered " + r.statusCode())));
    } catch (java.io.IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
