package org.sanwang.hub.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.sanwang.hub.org.OrgImport;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgTree;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckInBookTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(ManualTimePersistence.config()).build();

  /** 09:59 in Shuangluan on 2026-11-21: the deadline is a minute away. */
  static final Instant NOW = Instant.parse("2026-11-21T01:59:00Z");

  @Test
  void whoeverHasNotCheckedInByTheDeadlineBecomesATaskForTheirBuildingHead() {
    var manualTime = ManualTime.get(testKit.system());
    var inbox = new RecordingChannel("inbox");
    var sent = inbox.sent;
    var doc = OrgFixtures.shuangan();
    var optedIn = doc.residents().stream().map(r -> new OrgImport.ResidentSpec(r.id(), r.name(), r.building(), r.unit(), r.room(),
        List.of("living_alone", "check_in"), r.contacts(), r.devices())).toList();
    var second = new OrgImport.ResidentSpec("r-009", "赵奶奶", "130803001001-B07", 1, "101", List.of("check_in"), List.of(), List.of());
    var residents = new java.util.ArrayList<>(optedIn);
    residents.add(second);
    var directory = new OrgDirectory();
    directory.update(OrgImporter.toTree(new OrgImport(doc.districts(), doc.people(), residents), OrgTree.EMPTY));
    var dispatcher = testKit.spawn(Dispatcher.create(List.of(inbox), 3));
    var underTest = EventSourcedBehaviorTestKit.<CheckInBook.Command, CheckInBook.Event, CheckInBook.State>create(testKit.system(),
        CheckInBook.create("130803001001", new CheckInBook.Collaborators(directory, dispatcher, Clock.fixed(NOW, CheckInBook.CHINA))));

    underTest.<CheckInBook.CheckedIn>runCommand(r -> new CheckInBook.CheckIn("r-009", NOW, r));
    manualTime.timePasses(Duration.ofSeconds(59));
    assertThat(underTest.getState().lastClosed()).isNull();
    manualTime.timePasses(Duration.ofSeconds(1));
    await().untilAsserted(() -> assertThat(underTest.getState().lastClosed()).isEqualTo(LocalDate.of(2026, 11, 21)));
    assertThat(underTest.getState().lastMissing()).containsExactly("r-001");
    await().untilAsserted(() -> assertThat(sent).extracting(Notification::personId).containsExactly("p-001"));
    assertThat(sent.get(0).kind()).isEqualTo("task");
    assertThat(sent.get(0).title()).contains("李大爷");

    manualTime.timePasses(Duration.ofHours(24)); // the next day nobody checked in
    await().untilAsserted(() -> assertThat(underTest.getState().lastMissing()).containsExactly("r-001", "r-009"));
  }
}
