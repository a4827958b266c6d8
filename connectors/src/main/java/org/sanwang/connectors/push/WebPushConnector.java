package org.sanwang.connectors.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPairGenerator;
import java.security.Security;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import nl.martijndwars.webpush.Notification;
import nl.martijndwars.webpush.PushService;
import nl.martijndwars.webpush.Utils;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.sanwang.hub.notify.NotificationChannel;
import org.sanwang.hub.notify.PushSubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web Push (RFC 8030/8291, VAPID RFC 8292) to every browser a person subscribed, through the
 * web-push library: an alert reaches a closed browser or a locked phone. Succeeds when at least one
 * push service accepted the message; a subscription the push service no longer knows (404/410) is removed.
 */
public final class WebPushConnector implements NotificationChannel {
  private static final Logger log = LoggerFactory.getLogger(WebPushConnector.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) Security.addProvider(new BouncyCastleProvider());
  }

  /** A VAPID key pair as base64url strings (the public key is what browsers subscribe with). */
  public record VapidKeys(String publicKey, String privateKey) {}

  public static VapidKeys generateKeys() {
    try {
      var generator = KeyPairGenerator.getInstance("ECDH", BouncyCastleProvider.PROVIDER_NAME);
      generator.initialize(ECNamedCurveTable.getParameterSpec("prime256v1"));
      var pair = generator.generateKeyPair();
      var url = Base64.getUrlEncoder().withoutPadding();
      return new VapidKeys(url.encodeToString(Utils.encode((ECPublicKey) pair.getPublic())),
          url.encodeToString(Utils.encode((ECPrivateKey) pair.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("could not generate VAPID keys", e);
    }
  }

  private final PushService push;
  private final ActorSystem<?> system;
  private final Duration timeout;
  private final Executor blocking;

  public WebPushConnector(VapidKeys keys, String subject, ActorSystem<?> system, Duration timeout, Executor blocking) {
    try {
      this.push = new PushService(keys.publicKey(), keys.privateKey(), subject);
    } catch (Exception e) {
      throw new IllegalStateException("bad VAPID keys", e);
    }
    this.system = system;
    this.timeout = timeout;
    this.blocking = blocking;
  }

  @Override
  public String name() {
    return "webpush";
  }

  @Override
  public CompletionStage<Void> send(org.sanwang.hub.notify.Notification n) {
    var ref = ClusterSharding.get(system).entityRefFor(PushSubscriptions.ENTITY_KEY, n.personId());
    return ref.<PushSubscriptions.State>ask(PushSubscriptions.GetSubscriptions::new, timeout).thenComposeAsync(state -> {
      if (state.subscriptions().isEmpty())
        return CompletableFuture.<Void>failedFuture(new NotificationChannel.Unavailable("no Web Push subscription"));
      int delivered = 0;
      String last = null;
      for (var s : state.subscriptions()) {
        try {
          byte[] payload = JSON.writeValueAsBytes(Map.of("title", n.title(), "body", n.body(), "kind", n.kind(),
              "ref", n.ref() == null ? Map.of() : Map.of("type", n.ref().type(), "id", n.ref().id())));
          var response = push.send(new Notification(s.endpoint(), s.p256dh(), s.auth(), payload),
              nl.martijndwars.webpush.Encoding.AES128GCM);
          int status = response.getStatusLine().getStatusCode();
          if (status / 100 == 2) delivered++;
          else if (status == 404 || status == 410) {
            ref.tell(new PushSubscriptions.Unsubscribe(s.endpoint(), system.ignoreRef()));
            last = "push service forgot the subscription (" + status + ")";
          } else last = "push service answered " + status;
        } catch (Exception e) {
          last = e.toString();
          log.warn("Web Push to {} failed: {}", n.personId(), e.toString());
        }
      }
      return delivered > 0 ? CompletableFuture.<Void>completedFuture(null)
          : CompletableFuture.<Void>failedFuture(new IllegalStateException(last));
    }, blocking);
  }
}
