package org.sanwang.connectors.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sanwang.hub.notify.Notification;
import org.sanwang.hub.notify.NotificationChannel;

/**
 * A WeCom (企业微信) or DingTalk (钉钉) group robot webhook as a fallback channel: the message goes
 * into the staff's work group and mentions the person by mobile number. Accepted when the robot
 * answers 2xx with {@code errcode} 0.
 */
public final class RobotConnector implements NotificationChannel {
  private static final ObjectMapper JSON = new ObjectMapper();

  public record Settings(Optional<URI> url, String kind, Duration timeout) {
    public static Settings from(Config config) {
      var c = config.getConfig("sanwang.robot");
      String url = c.getString("webhook-url").trim();
      String kind = c.getString("kind").trim();
      if (!url.isEmpty() && !(url.startsWith("https://") || url.startsWith("http://")))
        throw new IllegalArgumentException("SANWANG_ROBOT_WEBHOOK_URL must be an http(s) URL, got " + url);
      if (!kind.equals("wecom") && !kind.equals("dingtalk"))
        throw new IllegalArgumentException("SANWANG_ROBOT_KIND must be wecom or dingtalk, got " + kind);
      return new Settings(url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url)), kind, c.getDuration("timeout"));
    }
  }

  private final Settings settings;
  private final HttpClient http;

  public RobotConnector(Settings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  @Override
  public String name() {
    return "robot";
  }

  /** The robot's JSON: WeCom {@code text.mentioned_mobile_list}, DingTalk {@code at.atMobiles}. */
  static Map<String, Object> body(String kind, Notification n) {
    String content = n.title() + "\n" + n.body();
    List<String> mobiles = n.phone() == null ? List.of() : List.of(n.phone().replaceFirst("^\\+86", ""));
    return kind.equals("wecom")
        ? Map.of("msgtype", "text", "text", Map.of("content", content, "mentioned_mobile_list", mobiles))
        : Map.of("msgtype", "text", "text", Map.of("content", content), "at", Map.of("atMobiles", mobiles));
  }

  @Override
  public CompletionStage<Void> send(Notification n) {
    try {
      var request = HttpRequest.newBuilder(settings.url().orElseThrow()).timeout(settings.timeout())
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body(settings.kind(), n)))).build();
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(r -> {
        if (r.statusCode() / 100 != 2)
          return CompletableFuture.<Void>failedFuture(new IllegalStateException("robot webhook answered " + r.statusCode()));
        try {
          var errcode = JSON.readTree(r.body()).path("errcode");
          if (!errcode.isMissingNode() && errcode.asInt() != 0)
            return CompletableFuture.<Void>failedFuture(new IllegalStateException("robot webhook errcode " + errcode.asInt()));
        } catch (java.io.IOException ignored) {
          // not JSON: the 2xx is enough
        }
        return CompletableFuture.<Void>completedFuture(null);
      });
    } catch (java.io.IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
