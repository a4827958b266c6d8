package org.sanwang.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.ManualTimePersistence;
import org.sanwang.hub.notify.Dispatcher;
import org.sanwang.hub.notify.Notification;
import org.sanwang.hub.notify.RecordingChannel;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgFixtures;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgTree;

/** Heartbeats: three missed intervals tell the grid member the device is offline, the next one that it is back; low battery too. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceSupervisionTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(ManualTimePersistence.config()).build();

  static final Instant NOW = Instant.parse("2026-11-21T02:00:00Z");

  @Test
  void silenceLowBatteryAndReturnAreToldToTheGridMember() {
    var manualTime = ManualTime.get(testKit.system());
    var inbox = new RecordingChannel("inbox");
    var sent = inbox.sent;
    var directory = new OrgDirectory();
    directory.update(OrgImporter.toTree(OrgFixtures.shuangan(), OrgTree.EMPTY));
    var dispatcher = testKit.spawn(Dispatcher.create(List.of(inbox), 3));
    var underTest = EventSourcedBehaviorTestKit.<DeviceEntity.Command, DeviceEntity.Event, DeviceEntity.State>create(
        testKit.system(), DeviceEntity.create("dev-0001", new DeviceEntity.Collaborators(directory, dispatcher,
            Duration.ofHours(1), 3, Clock.fixed(NOW, ZoneOffset.UTC), "")));

    var first = underTest.<DeviceEntity.DeviceStatus>runCommand(r -> new DeviceEntity.Heartbeat(NOW, 15, 1L, r));
    assertThat(first.reply().battery()).isEqualTo(15);
    assertThat(first.events()).as("a heartbeat is stored without anybody's name or phone")
        .containsExactly(new DeviceEntity.HeartbeatRecorded(NOW, 15, 1L));
    await().untilAsserted(() -> assertThat(sent).extracting(Notification::title).containsExactly("设备电量低"));
    assertThat(sent.get(0).body()).as("the owner is looked up when someone is told").contains("李大爷").contains("7号楼2单元302");
    assertThat(sent.get(0).personId()).isEqualTo("p-002");

    manualTime.timePasses(Duration.ofHours(3).minusSeconds(1));
    assertThat(underTest.getState().offline()).isFalse();
    manualTime.timePasses(Duration.ofSeconds(1));
    await().untilAsserted(() -> assertThat(sent).extracting(Notification::title).contains("设备离线"));
    assertThat(underTest.getState().offline()).isTrue();

    underTest.<DeviceEntity.DeviceStatus>runCommand(r -> new DeviceEntity.Heartbeat(NOW, 90, 2L, r));
    await().untilAsserted(() -> assertThat(sent).extracting(Notification::title).contains("设备恢复在线"));
    assertThat(underTest.getState().offline()).isFalse();
    assertThat(underTest.getState().batteryLow()).isFalse();
  }
}
