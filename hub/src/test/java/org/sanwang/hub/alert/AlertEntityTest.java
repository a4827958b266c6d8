package org.sanwang.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.ManualTimePersistence;
import org.sanwang.hub.community.EscalationPolicy;
import org.sanwang.hub.live.LiveFeeds;
import org.sanwang.hub.notify.Dispatcher;
import org.sanwang.hub.notify.RecordingChannel;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgFixtures;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgTree;

/**
 * Escalation under ManualTime: each step, repeat, acknowledgement, arrival timeout, empty roles,
 * restart; one state type per stage; a policy it cannot schedule and a write the journal refuses
 * never stop it.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertEntityTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(ManualTimePersistence.config()).build();

  static final String RESIDENT = "r-001";
  static final Actor WANG = new Actor("p-001", "王芳", "building_head");

  private ManualTime manualTime;
  private RecordingChannel inbox;
  private RecordingChannel sms;
  private final List<String> tracked = new CopyOnWriteArrayList<>();
  private final List<String> untracked = new CopyOnWriteArrayList<>();
  private final List<String> callersTold = new CopyOnWriteArrayList<>();
  private volatile EscalationPolicy policy;
  private AlertEntity.Collaborators with;
  private EventSourcedBehaviorTestKit<AlertEntity.Command, AlertEntity.Event, AlertEntity.State> underTest;
  private int n;
  private String alertId;

  @BeforeEach
  void setUp() {
    tracked.clear();
    untracked.clear();
    callersTold.clear();
    manualTime = ManualTime.get(testKit.system());
    inbox = new RecordingChannel("inbox");
    sms = new RecordingChannel("sms");
    policy = EscalationPolicy.DEFAULT;
    var directory = new OrgDirectory();
    directory.update(OrgImporter.toTree(OrgFixtures.shuangan(), OrgTree.EMPTY));
    var dispatcher = testKit.spawn(Dispatcher.create(List.of(inbox, sms), 3));
    with = new AlertEntity.Collaborators(directory, community -> CompletableFuture.completedFuture(policy),
        LiveFeeds.get(testKit.system()), dispatcher, Clock.systemUTC(),
        summary -> {
          tracked.add(summary.id());
          return CompletableFuture.completedFuture(Done.getInstance());
        },
        untracked::add, (resident, alert) -> callersTold.add(resident + "/" + alert), "");
    alertId = RESIDENT + "-" + (++n);
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(), AlertEntity.create(alertId, with));
  }

  private AlertEntity.PressResult press(String device, Long seq) {
    StatusReply<AlertEntity.PressResult> reply = underTest.<StatusReply<AlertEntity.PressResult>>runCommand(
        r -> new AlertEntity.Press(RESIDENT, device, seq, Instant.now(), r)).reply();
    return reply.getValue();
  }

  private AlertEntity.AlertStatus press() {
    return ((AlertEntity.Counted) press("dev-0001", null)).status();
  }

  private StatusReply<AlertEntity.State> acknowledge(Actor by) {
    return underTest.<StatusReply<AlertEntity.State>>runCommand(r -> new AlertEntity.Acknowledge(by, "来了", r)).reply();
  }

  private StatusReply<AlertEntity.State> arrive() {
    return underTest.<StatusReply<AlertEntity.State>>runCommand(r -> new AlertEntity.Arrive(WANG, "到了", r)).reply();
  }

  private StatusReply<AlertEntity.State> resolve() {
    return underTest.<StatusReply<AlertEntity.State>>runCommand(r -> new AlertEntity.Resolve(WANG, "已处理", r)).reply();
  }

  private List<String> timelineTypes() {
    return underTest.getState().record().timeline().stream().map(TimelineEntry::type).toList();
  }

  @Test
  void theFirstPressRaisesTheAlertWithTheResidentsFactsAndIsOnTheBoardBeforeItIsAnswered() {
    var status = press();
    assertThat(status.state()).isEqualTo("raised");
    assertThat(status.pressCount()).isEqualTo(1);
    assertThat(tracked).as("on the board before the press is answered").containsExactly(alertId);
    var state = underTest.getState();
    assertThat(state).isInstanceOf(AlertEntity.State.Raised.class);
    assertThat(state.record().facts().residentName()).isEqualTo("李大爷");
    assertThat(state.record().facts().address()).isEqualTo("7号楼2单元302");
    assertThat(state.record().policy()).isEqualTo(EscalationPolicy.DEFAULT);
  }

  @Test
  void theFirstStepReachesTheBuildingTheUnitTheGridAndTheFamilyAtOnce() {
    press();
    await().untilAsserted(() -> assertThat(inbox.people()).containsExactlyInAnyOrder("p-001", "p-006", "p-002"));
    await().untilAsserted(() -> assertThat(sms.people()).containsExactly("+8613900000001"));
    assertThat(inbox.sent.get(0).ref().id()).isEqualTo(alertId);
    await().untilAsserted(() -> assertThat(timelineTypes()).contains("step", "empty_role", "notified", "delivered"));
    assertThat(underTest.getState().record().timeline()).filteredOn(e -> e.type().equals("empty_role"))
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
    await().untilAsserted(() -> assertThat(underTest.getState().record().timeline())
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
    assertThat(underTest.getState().record().lastCycle()).isEqualTo(2);
  }

  @Test
  void theFirstAcknowledgementStopsEscalationAndShowsWhoTookIt() {
    press();
    await().until(() -> inbox.sent.size() == 3);
    var ack = acknowledge(WANG);
    assertThat(ack.isSuccess()).isTrue();
    assertThat(ack.getValue()).isInstanceOf(AlertEntity.State.Acknowledged.class);
    assertThat(ack.getValue().acknowledgement().by()).isEqualTo(WANG);
    var second = acknowledge(new Actor("p-002", "赵强", "grid_member"));
    assertThat(second.isError()).isTrue();
    assertThat(second.getError().getMessage()).contains("王芳");
    manualTime.timePasses(Duration.ofSeconds(600));
    manualTime.expectNoMessageFor(Duration.ofMillis(100), testKit.createTestProbe());
    assertThat(inbox.sent).as("nobody is paged after acknowledgement").hasSize(3);
  }

  @Test
  void anAcknowledgedAlertWithNobodyAtTheDoorEscalatesAgain() {
    press();
    await().until(() -> inbox.sent.size() == 3);
    acknowledge(WANG);
    manualTime.timePasses(Duration.ofMinutes(15));
    await().untilAsserted(() -> assertThat(inbox.sent).hasSize(6));
    assertThat(timelineTypes()).contains("arrival_overdue");
    assertThat(arrive().getValue()).isInstanceOf(AlertEntity.State.Arrived.class);
    int before = inbox.sent.size();
    manualTime.timePasses(Duration.ofMinutes(30));
    manualTime.expectNoMessageFor(Duration.ofMillis(100), testKit.createTestProbe());
    assertThat(inbox.sent).hasSize(before);
  }

  @Test
  void pressesFromAnyDeviceFoldIntoTheOpenAlertAndARedeliveredOneIsNotCountedTwice() {
    press("dev-0001", 7L);
    var fromPage = (AlertEntity.Counted) press("phone-r-001", null);
    assertThat(fromPage.status().pressCount()).isEqualTo(2);
    assertThat(fromPage.status().alertId()).isEqualTo(alertId);
    var redelivered = (AlertEntity.Counted) press("dev-0001", 7L);
    assertThat(redelivered.status().pressCount()).as("seq 7 of dev-0001 was counted already").isEqualTo(2);
    assertThat(underTest.getState().record().devices()).containsExactly("dev-0001", "phone-r-001");
    assertThat(underTest.getState().record().timeline()).filteredOn(e -> e.type().equals("press"))
        .extracting(TimelineEntry::text).containsExactly("再次按下（第2次，手机页面）");
  }

  @Test
  void aClosedAlertTellsTheCallerAndAnswersALaterPressThatItIsClosed() {
    press();
    arrive();
    var resolved = resolve();
    assertThat(resolved.getValue()).isInstanceOf(AlertEntity.State.Closed.class);
    assertThat(resolved.getValue().state()).isEqualTo("resolved");
    assertThat(untracked).containsExactly(alertId);
    assertThat(callersTold).containsExactly(RESIDENT + "/" + alertId);
    var cancel = underTest.<StatusReply<AlertEntity.State>>runCommand(r -> new AlertEntity.Cancel(WANG, null, r)).reply();
    assertThat(cancel.getError().getMessage()).contains("resolved");
    var late = underTest.<StatusReply<AlertEntity.PressResult>>runCommand(
        r -> new AlertEntity.Press(RESIDENT, "dev-0001", null, Instant.now(), r));
    assertThat(late.hasNoEvents()).isTrue();
    assertThat(late.reply().getValue()).isEqualTo(new AlertEntity.AlreadyClosed(alertId, "resolved"));
  }

  @Test
  void escalationResumesAfterARestart() {
    press();
    // Restart only once every outcome is recorded: a persist still in flight would race the new incarnation.
    await().until(() -> timelineTypes().stream().filter(t -> t.equals("delivered")).count() == 4);
    underTest.restart();
    assertThat(underTest.getState()).isInstanceOf(AlertEntity.State.Raised.class);
    manualTime.timePasses(Duration.ofSeconds(60));
    await().untilAsserted(() -> assertThat(inbox.people()).contains("p-003"));
  }

  @Test
  void aStoredPolicyBeyondWhatTheSchedulerTakesIsClampedAndTheAlertKeepsWorking() {
    // A policy stored before policies were bounded: 300,000 hours between steps.
    policy = new EscalationPolicy(List.of(new EscalationPolicy.Step(Duration.ZERO, List.of("building_head")),
        new EscalationPolicy.Step(Duration.ofHours(300_000), List.of("community_duty"))), Duration.ofHours(600_000),
        Duration.ofHours(300_000));
    assertThat(press().state()).isEqualTo("raised");
    await().until(() -> timelineTypes().contains("delivered"));
    underTest.restart();
    assertThat(press().pressCount()).as("the alert recovers and counts the next press").isEqualTo(2);
    manualTime.timePasses(EscalationPlan.LONGEST_WAIT);
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
    var failed = underTest.getState().record().timeline().stream().filter(e -> e.type().equals("failed")).findFirst().orElseThrow();
    assertThat(failed.channel()).isEqualTo("sms");
    assertThat(failed.text()).contains("503").contains("retrying");
  }

  @Test
  void aWriteTheJournalRefusesIsCountedAndTheAlertGoesOnEscalating() {
    var registry = new SimpleMeterRegistry();
    Metrics.addRegistry(registry);
    try {
      var persistence = PersistenceTestKit.create(testKit.system());
      String id = "refused-" + (++n);
      var alert = testKit.spawn(AlertEntity.create(id, with));
      var replies = testKit.<StatusReply<AlertEntity.PressResult>>createTestProbe();
      alert.tell(new AlertEntity.Press(RESIDENT, "dev-0001", null, Instant.now(), replies.getRef()));
      assertThat(replies.receiveMessage().isSuccess()).isTrue();
      var state = testKit.<AlertEntity.State>createTestProbe();
      await().until(() -> {
        alert.tell(new AlertEntity.GetAlert(state.getRef()));
        return state.receiveMessage().record().deliveries().size() == 4;
      });
      int before = inbox.sent.size();

      persistence.rejectNextPersisted();
      alert.tell(new AlertEntity.Acknowledge(WANG, "来了", testKit.<StatusReply<AlertEntity.State>>createTestProbe().getRef()));
      await().until(() -> registry.find("sanwang.journal.failures").tag("kind", "rejected").counter() != null);
      manualTime.timePasses(Duration.ofSeconds(1)); // the restart's backoff
      alert.tell(new AlertEntity.GetAlert(state.getRef()));
      assertThat(state.receiveMessage(Duration.ofSeconds(10))).as("recovered, still raised").isInstanceOf(AlertEntity.State.Raised.class);
      manualTime.timePasses(Duration.ofSeconds(60));
      await().untilAsserted(() -> assertThat(inbox.sent.subList(before, inbox.sent.size()))
          .extracting(org.sanwang.hub.notify.Notification::personId).contains("p-003"));
      var counted = registry.find("sanwang.journal.failures").tags("entity", "Alert", "kind", "rejected").counter();
      assertThat(counted.count()).as(registry.getMetersAsString()).isEqualTo(1.0);
    } finally {
      Metrics.removeRegistry(registry);
    }
  }
}
