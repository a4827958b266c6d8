package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.notify.PushSubscriptions;

/**
 * Web Push: {@code GET /api/v1/push/public-key} (the hub's VAPID key) and the caller's own
 * subscriptions, {@code POST|DELETE /api/v1/me/push-subscriptions} with the browser's
 * {@code {endpoint, keys:{p256dh, auth}}}.
 */
public final class PushRoutes extends RouteSupport {
  public record PublicKey(String publicKey) {}

  public record Keys(String p256dh, String auth) {}

  public record SubscriptionRequest(String endpoint, Keys keys, Long expirationTime) {}

  public record EndpointRequest(String endpoint) {}

  static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");

  private final ActorSystem<?> system;
  private final String publicKey;
  private final Duration askTimeout;

  public PushRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, String publicKey, Duration askTimeout) {
    super(accounts, tokens);
    this.system = system;
    this.publicKey = publicKey;
    this.askTimeout = askTimeout;
  }

  public Route routes() {
    return concat(
        path(segment("api").slash("v1").slash("push").slash("public-key"), () -> get(() -> ok(new PublicKey(publicKey)))),
        path(segment("api").slash("v1").slash("me").slash("push-subscriptions"), () -> authenticated(p -> concat(
            post(() -> jsonBody(SubscriptionRequest.class, 8192, req -> subscribe(p, req))),
            delete(() -> jsonBody(EndpointRequest.class, 8192, req -> unsubscribe(p, req)))))));
  }

  private Route subscribe(Principal p, SubscriptionRequest req) {
    requireEndpoint(req.endpoint());
    if (req.keys() == null) throw ProblemException.badRequest("keys: {p256dh, auth} are required");
    if (req.keys().p256dh() == null || !BASE64URL.matcher(req.keys().p256dh()).matches() || req.keys().p256dh().length() < 80)
      throw ProblemException.badRequest("keys.p256dh: the browser's base64url public key");
    if (req.keys().auth() == null || !BASE64URL.matcher(req.keys().auth()).matches() || req.keys().auth().length() < 16)
      throw ProblemException.badRequest("keys.auth: the browser's base64url auth secret");
    var subscription = new PushSubscriptions.Subscription(req.endpoint(), req.keys().p256dh(), req.keys().auth());
    return onSuccess(subscriptions(p).<PushSubscriptions.State>ask(r -> new PushSubscriptions.Subscribe(subscription, r),
        askTimeout), s -> json(StatusCodes.CREATED, s));
  }

  private Route unsubscribe(Principal p, EndpointRequest req) {
    requireEndpoint(req.endpoint());
    return onSuccess(subscriptions(p).<PushSubscriptions.State>ask(r -> new PushSubscriptions.Unsubscribe(req.endpoint(), r),
        askTimeout), this::ok);
  }

  /** Both ways, the subscription is named by the push service URL the browser gave (a missing one was a 200 that removed nothing). */
  private static void requireEndpoint(String endpoint) {
    if (endpoint == null || !(endpoint.startsWith("https://") || endpoint.startsWith("http://")) || endpoint.length() > 2000)
      throw ProblemException.badRequest("endpoint: the push service URL the browser gave is required");
  }

  private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<PushSubscriptions.Command> subscriptions(Principal p) {
    return ClusterSharding.get(system).entityRefFor(PushSubscriptions.ENTITY_KEY, p.id());
  }
}
