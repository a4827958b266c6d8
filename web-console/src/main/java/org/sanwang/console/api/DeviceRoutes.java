package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Instant;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Throttle;
import org.sanwang.hub.device.DeviceCalls;
import org.sanwang.hub.device.DeviceMessage;
import org.sanwang.hub.org.OrgTree;

/**
 * The call devices' HTTP API: {@code POST /api/v1/devices/{deviceId}/call} and {@code /heartbeat}
 * with {@code Authorization: Device <secret>}. A 202 is sent only after the press is durable.
 * Wrong secrets are throttled per (device, client address) and per client address: never per
 * device alone, so nobody can silence a resident's button by guessing at it from elsewhere.
 */
public final class DeviceRoutes extends AllDirectives {
  public record CallAccepted(String alertId, String state, int pressCount) {}

  public record HeartbeatAccepted(String deviceId, Instant lastHeartbeat, Integer battery) {}

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeviceRoutes.class);

  private final DeviceCalls calls;
  private final Throttle throttle;
  private final ClientAddresses addresses;

  public DeviceRoutes(DeviceCalls calls, Throttle throttle, ClientAddresses addresses) {
    this.calls = calls;
    this.throttle = throttle;
    this.addresses = addresses;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("devices").slash(segment()), deviceId -> concat(
        path("call", () -> post(() -> device(deviceId, resident -> message(m ->
            onSuccess(calls.press(deviceId, resident, m), s -> complete(StatusCodes.ACCEPTED,
                new CallAccepted(s.alertId(), s.state(), s.pressCount()), Json.marshaller())))))),
        path("check-in", () -> post(() -> device(deviceId, resident -> message(m ->
            onSuccess(calls.checkIn(resident), c -> complete(StatusCodes.ACCEPTED, c, Json.marshaller())))))),
        path("heartbeat", () -> post(() -> device(deviceId, resident -> message(m ->
            onSuccess(calls.heartbeat(deviceId, m), s -> complete(StatusCodes.ACCEPTED,
                new HeartbeatAccepted(s.deviceId(), s.lastHeartbeat(), s.battery()), Json.marshaller()))))))));
  }

  private Route device(String deviceId, Function<OrgTree.Resident, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> addresses.client(address -> {
      String secret = header.filter(h -> h.regionMatches(true, 0, "Device ", 0, 7)).map(h -> h.substring(7).trim())
          .orElseThrow(() -> ProblemException.unauthorized("Authorization: 'Device <secret>' is required"));
      var attempt = throttle.attempt(deviceId, address);
      if (attempt instanceof Throttle.Refused refused) {
        log.warn("Device secret throttled from {}: next attempt in {} s", address, refused.retryAfterSeconds());
        return complete(HttpResponse.create().withStatus(StatusCodes.TOO_MANY_REQUESTS)
            .addHeader(RetryAfter.create(refused.retryAfterSeconds()))
            .withEntity(Json.problemEntity(ProblemException.tooMany("Authorization: too many wrong device secrets from this "
                + "address, try again in " + refused.retryAfterSeconds() + " s").problem())));
      }
      var admitted = (Throttle.Admitted) attempt;
      var resident = calls.authenticate(deviceId, secret);
      if (resident.isEmpty() && calls.withdrawn(deviceId, secret)) {
        admitted.succeeded();
        throw ProblemException.gone("deviceId: the device's resident was removed from the roster; it raises no alerts");
      }
      if (resident.isEmpty()) {
        int failures = admitted.failed();
        log.info("Wrong device secret from {}: {} wrong secrets from there this round", address, failures);
        throw ProblemException.unauthorized("Authorization: unknown device or wrong secret");
      }
      admitted.succeeded();
      return inner.apply(resident.get());
    }));
  }

  private Route message(Function<DeviceMessage, Route> inner) {
    return RouteSupport.body(4096, RouteSupport.JSON_ONLY, body -> {
      var m = body.isBlank() ? DeviceMessage.EMPTY : Json.parse(body, DeviceMessage.class);
      var problem = m.problem();
      if (problem != null) throw ProblemException.badRequest(problem.toString());
      return inner.apply(m);
    });
  }
}
