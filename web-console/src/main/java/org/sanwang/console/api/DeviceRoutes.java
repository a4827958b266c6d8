package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.hub.access.Passwords;
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.alert.AlertFacts;
import org.sanwang.hub.community.CommunityEntity;
import org.sanwang.hub.device.DeviceEntity;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgTree;

/**
 * The call devices' HTTP API: {@code POST /api/v1/devices/{deviceId}/call} and {@code /heartbeat}
 * with {@code Authorization: Device <secret>}. A 202 is sent only after the press is persisted.
 */
public final class DeviceRoutes extends AllDirectives {
  /** The device payload of the contract: {@code {"at":"…","battery":87,"seq":123}}, every field optional. */
  public record DeviceMessage(Instant at, Integer battery, Long seq) {}

  public record CallAccepted(String alertId, String state, int pressCount) {}

  public record HeartbeatAccepted(String deviceId, Instant lastHeartbeat, Integer battery, String openAlertId) {}

  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final Duration askTimeout;

  public DeviceRoutes(ActorSystem<?> system, OrgDirectory directory, Duration askTimeout) {
    this.system = system;
    this.directory = directory;
    this.askTimeout = askTimeout;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("devices").slash(segment()), deviceId -> concat(
        path("call", () -> post(() -> device(deviceId, resident -> message(m -> call(deviceId, resident, m))))),
        path("heartbeat", () -> post(() -> device(deviceId, resident -> message(m -> heartbeat(deviceId, resident, m)))))));
  }

  private Route device(String deviceId, java.util.function.Function<OrgTree.Resident, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> {
      String secret = header.filter(h -> h.regionMatches(true, 0, "Device ", 0, 7)).map(h -> h.substring(7).trim())
          .orElseThrow(() -> ProblemException.unauthorized("Authorization: 'Device <secret>' is required"));
      var owner = directory.index().deviceOwner(deviceId);
      var device = owner.flatMap(r -> r.devices().stream().filter(d -> d.id().equals(deviceId)).findFirst());
      if (device.isEmpty() || !Passwords.verifySecret(secret, device.get().secretHash()))
        throw ProblemException.unauthorized("Authorization: unknown device or wrong secret");
      return inner.apply(owner.get());
    });
  }

  private Route message(java.util.function.Function<DeviceMessage, Route> inner) {
    return withSizeLimit(4096, () -> entity(org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller.entityToString(), body -> {
      var m = body.isBlank() ? new DeviceMessage(null, null, null) : Json.parse(body, DeviceMessage.class);
      if (m.battery() != null && (m.battery() < 0 || m.battery() > 100))
        throw ProblemException.badRequest("battery: must be 0 to 100, got " + m.battery());
      if (m.seq() != null && m.seq() < 0) throw ProblemException.badRequest("seq: must be 0 or more");
      return inner.apply(m);
    }));
  }

  private Route call(String deviceId, OrgTree.Resident resident, DeviceMessage m) {
    var facts = facts(deviceId, resident);
    var sharding = ClusterSharding.get(system);
    CompletionStage<AlertEntity.AlertStatus> status = sharding.entityRefFor(CommunityEntity.ENTITY_KEY, facts.community())
        .<CommunityEntity.State>ask(CommunityEntity.GetCommunity::new, askTimeout)
        .thenCompose(community -> sharding.entityRefFor(DeviceEntity.ENTITY_KEY, deviceId)
            .<AlertEntity.AlertStatus>ask(r -> new DeviceEntity.Press(facts, community.policy(), Instant.now(), m.seq(), r),
                askTimeout))
        // A new alert is put on the board (durably) before the press is acknowledged: it is woken after a crash.
        .thenCompose(s -> s.pressCount() > 1 ? java.util.concurrent.CompletableFuture.completedFuture(s)
            : sharding.entityRefFor(org.sanwang.hub.alert.AlertBoard.ENTITY_KEY, org.sanwang.hub.alert.AlertBoard.ID)
                .<org.apache.pekko.Done>ask(r -> new org.sanwang.hub.alert.AlertBoard.Register(s.alertId(), r), askTimeout)
                .thenApply(done -> s));
    return onSuccess(status, s -> complete(StatusCodes.ACCEPTED, new CallAccepted(s.alertId(), s.state(), s.pressCount()),
        Json.marshaller()));
  }

  private Route heartbeat(String deviceId, OrgTree.Resident resident, DeviceMessage m) {
    var facts = facts(deviceId, resident);
    CompletionStage<DeviceEntity.DeviceStatus> status = ClusterSharding.get(system).entityRefFor(DeviceEntity.ENTITY_KEY, deviceId)
        .ask(r -> new DeviceEntity.Heartbeat(facts, Instant.now(), m.battery(), m.seq(), r), askTimeout);
    return onSuccess(status, s -> complete(StatusCodes.ACCEPTED,
        new HeartbeatAccepted(s.deviceId(), s.lastHeartbeat(), s.battery(), s.openAlertId()), Json.marshaller()));
  }

  private AlertFacts facts(String deviceId, OrgTree.Resident r) {
    var index = directory.index();
    return new AlertFacts(deviceId, r.id(), r.name(), r.building(), index.nameOf(r.building()).orElse(r.building()), r.unit(),
        r.room(), org.sanwang.hub.org.Codes.communityOf(r.building()), r.contacts());
  }
}
