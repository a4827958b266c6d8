package org.sanwang.hub.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.sanwang.hub.access.Passwords;
import org.sanwang.hub.alert.CallerEntity;
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgTree;

/**
 * What happens when a device calls or checks in, whichever way it arrives (HTTP, MQTT, the phone
 * page). A press completes only once it is durable: the alert has recorded it and, for a new alert,
 * the board of open alerts has it (so that it is woken after a crash).
 */
public final class DeviceCalls {
  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final Duration timeout;

  public DeviceCalls(ActorSystem<?> system, OrgDirectory directory, Duration timeout) {
    this.system = system;
    this.directory = directory;
    this.timeout = timeout;
  }

  /** The resident a device belongs to, when the secret is the device's. */
  public Optional<OrgTree.Resident> authenticate(String deviceId, String secret) {
    var owner = directory.index().deviceOwner(deviceId);
    var device = owner.flatMap(r -> r.devices().stream().filter(d -> d.id().equals(deviceId)).findFirst());
    return device.isPresent() && Passwords.verifySecret(secret, device.get().secretHash()) ? owner : Optional.empty();
  }

  /** True when the device's secret is right but its resident was taken off the roster. */
  public boolean withdrawn(String deviceId, String secret) {
    var owner = directory.index().removedDeviceOwner(deviceId);
    var device = owner.flatMap(r -> r.devices().stream().filter(d -> d.id().equals(deviceId)).findFirst());
    return device.isPresent() && Passwords.verifySecret(secret, device.get().secretHash());
  }

  /** The owner of a device the broker has already authenticated. */
  public Optional<OrgTree.Resident> owner(String deviceId) {
    return directory.index().deviceOwner(deviceId);
  }

  /** Routed by the resident's caller, so whichever device or page pressed, the resident has one open alert. */
  public CompletionStage<AlertEntity.AlertStatus> press(String deviceId, OrgTree.Resident resident, DeviceMessage m) {
    return ClusterSharding.get(system).entityRefFor(CallerEntity.ENTITY_KEY, resident.id())
        .askWithStatus(r -> new CallerEntity.Press(deviceId, m.seq(), Instant.now(), r), timeout);
  }

  public CompletionStage<DeviceEntity.DeviceStatus> heartbeat(String deviceId, DeviceMessage m) {
    return ClusterSharding.get(system).entityRefFor(DeviceEntity.ENTITY_KEY, deviceId)
        .ask(r -> new DeviceEntity.Heartbeat(Instant.now(), m.battery(), m.seq(), r), timeout);
  }

  /** Daily check-in (平安打卡) of the device's or page's resident. */
  public CompletionStage<org.sanwang.hub.checkin.CheckInBook.CheckedIn> checkIn(OrgTree.Resident r) {
    return ClusterSharding.get(system).entityRefFor(org.sanwang.hub.checkin.CheckInBook.ENTITY_KEY, Codes.communityOf(r.building()))
        .ask(reply -> new org.sanwang.hub.checkin.CheckInBook.CheckIn(r.id(), Instant.now(), reply), timeout);
  }
}
