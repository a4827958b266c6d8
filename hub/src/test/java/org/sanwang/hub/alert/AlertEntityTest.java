package org.sanwang.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.community.EscalationPolicy;
import org.sanwang.hub.live.LiveFeeds;
import org.sanwang.hub.notify.Dispatcher;
import org.sanwang.hub.notify.RecordingChannel;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgFixtures;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgTree;

/** Escalation under ManualTime: each step, repeat, acknowledgement, arrival timeout, empty roles, restart. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertEntityTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(ManualTime.config().withFallback(EventSourcedBehaviorTestKit.config())).build();

  static final AlertFacts FACTS = new AlertFacts("dev-0001", "r-001", "李大爷", "130803001001-B07", "7号楼", 2, "302",
      "130803001001", List.of(new OrgTree.Contact("李娜", "daughter", "+8613900000001")));
  static final Actor WANG = new Actor("p-001", "王芳", "building_head");

  private ManualTime manualTime;
  private RecordingChannel inbox;
  private RecordingChannel sms;
  private final List<String> untracked = new CopyOnWriteArrayList<>();
  private final List<String> devicesEnded = new CopyOnWriteArrayList<>();
  private final List<String> handedBack = new CopyOnWriteArrayList<>();
  private EventSourcedBehaviorTestKit<AlertEntity.Command, AlertEntity.Event, AlertEntity.State> underTest;
  private int n;

  @BeforeEach
  void setUp() {
    manualTime = ManualTime.get(testKit.system());
    inbox = new RecordingChannel("inbox");
    sms = new RecordingChannel("sms");
    var directory = new OrgDirectory();
    directory.update(OrgImporter.toTree(OrgFixtures.shuangan(), OrgTree.EMPTY));
    var dispatcher = testKit.spawn(Dispatcher.create(List.of(inbox, sms), 3));
    var with = new AlertEntity.Collaborators(directory, LiveFeeds.get(testKit.system()), dispatcher, Clock.systemUTC(),
        s -> {}, closed -> untracked.add(closed.id()), (d, a) -> devicesEnded.add(d + "/" + a),
        (closed, press) -> handedBack.add(closed), "");
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(), AlertEntity.create("dev-0001-" + (++n), with));
  }

  private AlertEntity.AlertStatus press() {
    return underTest.<AlertEntity.AlertStatus>runCommand(r -> new AlertEntity.Press(FACTS, EscalationPolicy.DEFAULT,
        Instant.now(), false, r)).reply();
  }

  private AlertEntity.ActResult act(String action) {
    return underTest.<AlertEntity.ActResult>runCommand(r -> new AlertEntity.Act(action, WANG, "来了", r)).reply();
  }

  private List<String> timelineTypes() {
    return underTest.getState().timeline().stream().map(TimelineEntry::type).toList();
  }

  @Test
  void theFirstStepReachesTheBuildingTheUnitTheGridAndTheFamilyAtOnce() {
    var status = press();
    assertThat(status.state()).isEqualTo("raised");
    assertThat(status.pressCount()).isEqualTo(1);
    await().untilAsserted(() -> assertThat(inbox.people()).containsExactlyInAnyOrder("p-001", "p-006", "p-002"));
    await().untilAsserted(() -> assertThat(sms.people()).containsExactly("+8613900000001"));
    assertThat(inbox.sent.get(0).ref().id()).isEqualTo(underTest.getState().id());
    await().untilAsserted(() -> assertThat(timelineTypes()).contains("step", "empty_role", "notified", "delivered"));
    assertThat(underTest.getState().timeline()).filteredOn(e -> e.type().equals("empty_role"))
        .extracting(TimelineEntry::to).containsExactly("online_building_head");
  }

  @Test
  void eachLaterStepRunsOnTimeAndEmptyRolesAreNotedWhileEscalationGoesOn() {
    press();
    await().until(() -> inbox.sent.size() == 3);
    manualTime.timePasses(Duration.ofSeconds(59));
    manualTime.expectNoMessageFor(Duration.ofMillis(50), testKit.createTestProbe());
    assertThat(inbox.sent).hasSize(3);
    manualTime.timePasses(Duration.ofSeconds(1));
    await().untilAsserted(() -> assertThat(inbox.people()).contains("p-003")); // community duty; no grid head is on record
    await().untilAsserted(() -> assertThat(underTest.getState().timeline())
        .filteredOn(e -> e.type().equals("empty_role")).extracting(TimelineEntry::to).contains("grid_head"));
    manualTime.timePasses(Duration.ofSeconds(120));
    await().untilAsserted(() -> assertThat(inbox.people()).contains("p-004")); // street command at 180 s
  }

  @Test
  void stepsRepeatUntilSomeoneAcknowledges() {
    press();
    await().until(() -> inbox.sent.size() == 3);
    manualTime.timePasses(Duration.ofSeconds(60)); // each step arms the next: time moves step by step
    await().until(() -> inbox.people().contains("p-003"));
    manualTime.timePasses(Duration.ofSeconds(120));
    await().until(() -> inbox.people().contains("p-004"));
    int before = inbox.sent.size();
    manualTime.timePasses(Duration.ofSeconds(120)); // 300 s: the cycle starts again
    await().untilAsserted(() -> assertThat(inbox.sent.size()).isEqualTo(before + 3));
    assertThat(underTest.getState().lastCycle()).isEqualTo(2);
  }

  @Test
  void theFirstAcknowledgementStopsEscalationAndShowsWhoTookIt() {
    press();
    await().until(() -> inbox.sent.size() == 3);
    var ack = act("acknowledge");
    assertThat(ack.error()).isNull();
    assertThat(ack.alert().state()).isEqualTo("acknowledged");
    assertThat(ack.alert().acknowledgedBy()).isEqualTo(WANG);
    var second = underTest.<AlertEntity.ActResult>runCommand(r -> new AlertEntity.Act("acknowledge",
        new Actor("p-002", "赵强", "grid_member"), null, r)).reply();
    assertThat(second.error()).contains("王芳");
    manualTime.timePasses(Duration.ofSeconds(600));
    manualTime.expectNoMessageFor(Duration.ofMillis(100), testKit.createTestProbe());
    assertThat(inbox.sent).as("nobody is paged after acknowledgement").hasSize(3);
  }

  @Test
  void anAcknowledgedAlertWithNobodyAtTheDoorEscalatesAgain() {
    press();
    await().until(() -> inbox.sent.size() == 3);
    act("acknowledge");
    manualTime.timePasses(Duration.ofMinutes(15));
    await().untilAsserted(() -> assertThat(inbox.sent).hasSize(6));
    assertThat(timelineTypes()).contains("arrival_overdue");
    assertThat(act("arrive").alert().state()).isEqualTo("arrived");
    int before = inbox.sent.size();
    manualTime.timePasses(Duration.ofMinutes(30));
    manualTime.expectNoMessageFor(Duration.ofMillis(100), testKit.createTestProbe());
    assertThat(inbox.sent).hasSize(before);
  }

  @Test
  void pressesFoldIntoTheOpenAlertAndAResolvedAlertFreesTheDevice() {
    press();
    var again = press();
    assertThat(again.pressCount()).isEqualTo(2);
    assertThat(again.alertId()).isEqualTo(underTest.getState().id());
    var redelivered = underTest.<AlertEntity.AlertStatus>runCommand(r -> new AlertEntity.Press(FACTS, EscalationPolicy.DEFAULT,
        Instant.now(), true, r)).reply();
    assertThat(redelivered.pressCount()).isEqualTo(2);
    act("arrive");
    var resolved = act("resolve");
    assertThat(resolved.alert().state()).isEqualTo("resolved");
    assertThat(untracked).contains(underTest.getState().id());
    assertThat(devicesEnded).contains("dev-0001/" + underTest.getState().id());
    assertThat(act("cancel").error()).contains("resolved");
    var caller = testKit.<AlertEntity.AlertStatus>createTestProbe();
    var late = underTest.runCommand(new AlertEntity.Press(FACTS, EscalationPolicy.DEFAULT, Instant.now(), false, caller.getRef()));
    assertThat(late.hasNoEvents()).isTrue();
    assertThat(handedBack).as("a press after resolution goes back to the device for a new alert").contains(underTest.getState().id());
  }

  @Test
  void escalationResumesAfterARestart() {
    press();
    // Restart only once every outcome is recorded: a persist still in flight would race the new incarnation.
    await().until(() -> timelineTypes().stream().filter(t -> t.equals("delivered")).count() == 4);
    underTest.restart();
    manualTime.timePasses(Duration.ofSeconds(60));
    await().untilAsserted(() -> assertThat(inbox.people()).contains("p-003"));
  }

  @Test
  void failedDeliveriesAreRetriedAndRecorded() {
    sms.failing = true;
    press();
    await().until(() -> sms.sent.size() == 1);
    manualTime.timePasses(Duration.ofSeconds(1));
    await().until(() -> sms.sent.size() == 2);
    manualTime.timePasses(Duration.ofSeconds(2));
    await().untilAsserted(() -> assertThat(timelineTypes()).contains("failed", "gave_up"));
    var failed = underTest.getState().timeline().stream().filter(e -> e.type().equals("failed")).findFirst().orElseThrow();
    assertThat(failed.channel()).isEqualTo("sms");
    assertThat(failed.text()).contains("503").contains("retrying");
  }
}
