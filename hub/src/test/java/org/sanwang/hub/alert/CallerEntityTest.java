package org.sanwang.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.community.EscalationPolicy;
import org.sanwang.hub.live.LiveFeeds;
import org.sanwang.hub.notify.Dispatcher;
import org.sanwang.hub.notify.RecordingChannel;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgFixtures;
import org.sanwang.hub.org.OrgImport;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgTree;

/**
 * The resident's caller routes every press, whichever device or page pressed, to one open alert,
 * and opens the next alert itself when the open one has closed, even if it never heard of the
 * close. Alerts and callers run sharded on a one-node cluster, as in the hub.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallerEntityTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.parseString("""
      pekko.actor.provider = cluster
      pekko.remote.artery.canonical.hostname = 127.0.0.1
      pekko.remote.artery.canonical.port = 0
      pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
      """).withFallback(EventSourcedBehaviorTestKit.config())).build();

  static final Actor WANG = new Actor("p-001", "王芳", "building_head");
  private ClusterSharding sharding;

  @BeforeAll
  void startTheCluster() {
    var cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    await().until(() -> cluster.selfMember().status() == MemberStatus.up());
    var directory = new OrgDirectory();
    var base = OrgFixtures.shuangan();
    var residents = new java.util.ArrayList<>(base.residents());
    for (String n : List.of("002", "003", "004"))
      residents.add(new OrgImport.ResidentSpec("r-" + n, "居民" + n, "130803001001-B07", 1, "10" + n, List.of("living_alone"),
          List.of(), List.of(new OrgImport.DeviceSpec("dev-0" + n, "a-device-secret-of-16+"))));
    directory.update(OrgImporter.toTree(new OrgImport(base.districts(), base.people(), residents), OrgTree.EMPTY));
    var dispatcher = testKit.spawn(Dispatcher.create(List.of(new RecordingChannel("inbox"), new RecordingChannel("sms")), 3));
    // The alert does not tell the caller when it closes: as if that message were lost, the caller learns it from the alert's answer.
    AlertEntity.init(testKit.system(), new AlertEntity.Collaborators(directory,
        community -> CompletableFuture.completedFuture(EscalationPolicy.DEFAULT), LiveFeeds.get(testKit.system()), dispatcher,
        Clock.systemUTC(), summary -> CompletableFuture.completedFuture(Done.getInstance()), alertId -> {}, (resident, alertId) -> {},
        ""));
    CallerEntity.init(testKit.system(), new CallerEntity.Collaborators(Duration.ofSeconds(3), ""));
    sharding = ClusterSharding.get(testKit.system());
  }

  private CompletionStage<AlertEntity.AlertStatus> pressAsync(String resident, String device, Long seq) {
    return sharding.entityRefFor(CallerEntity.ENTITY_KEY, resident)
        .askWithStatus(r -> new CallerEntity.Press(device, seq, Instant.now(), r), Duration.ofSeconds(5));
  }

  private AlertEntity.AlertStatus press(String resident, String device, Long seq) {
    return pressAsync(resident, device, seq).toCompletableFuture().join();
  }

  private AlertEntity.State resolve(String alertId) {
    return sharding.entityRefFor(AlertEntity.ENTITY_KEY, alertId)
        .<AlertEntity.State>askWithStatus(r -> new AlertEntity.Resolve(WANG, "已处理", r), Duration.ofSeconds(5))
        .toCompletableFuture().join();
  }

  @Test
  void aDevicePressAndAPagePressOfOneResidentAreOneCall() {
    var fromDevice = press("r-001", "dev-0001", 1L);
    var fromPage = press("r-001", "phone-r-001", null);
    assertThat(fromDevice.alertId()).startsWith("r-001-");
    assertThat(fromPage.alertId()).isEqualTo(fromDevice.alertId());
    assertThat(fromPage.pressCount()).isEqualTo(fromDevice.pressCount() + 1);
  }

  @Test
  void aPressAfterTheCallClosedOpensTheNextOneEvenWhenTheCallerWasNeverToldOfTheClose() {
    var first = press("r-002", "dev-0002", 1L);
    assertThat(resolve(first.alertId()).state()).isEqualTo("resolved");
    var next = press("r-002", "dev-0002", 2L);
    assertThat(next.alertId()).isNotEqualTo(first.alertId());
    assertThat(next.state()).isEqualTo("raised");
    assertThat(next.pressCount()).isEqualTo(1);
  }

  @Test
  void aPressWhoseCallerRecordFailsStillRaisesAndTheNextPressJoinsThatAlert() {
    PersistenceTestKit.create(testKit.system()).failNextPersisted("Caller|r-004", new RuntimeException("journal down"));
    var first = pressAsync("r-004", "dev-0004", 1L); // the caller's write fails while the alert raises beside it
    first.exceptionally(e -> null).toCompletableFuture().join();
    var alert = sharding.entityRefFor(AlertEntity.ENTITY_KEY, "r-004-1")
        .<AlertEntity.State>ask(AlertEntity.GetAlert::new, Duration.ofSeconds(5)).toCompletableFuture().join();
    assertThat(alert.open()).as("raised although the caller did not record it").isTrue();
    var next = press("r-004", "dev-0004", 2L);
    assertThat(next.alertId()).as("the caller's next alert id is the same one").isEqualTo("r-004-1");
    assertThat(next.pressCount()).isEqualTo(2);
  }

  @Test
  void pressesRacingPastAClosedCallOpenExactlyOneNextCall() {
    var first = press("r-003", "dev-0003", 1L);
    resolve(first.alertId());
    var racing = List.of(pressAsync("r-003", "dev-0003", 2L), pressAsync("r-003", "phone-r-003", null),
        pressAsync("r-003", "dev-0003", 3L));
    var answers = racing.stream().map(s -> s.toCompletableFuture().join()).toList();
    assertThat(answers).extracting(AlertEntity.AlertStatus::alertId).containsOnly(answers.get(0).alertId())
        .doesNotContain(first.alertId());
    assertThat(answers).extracting(AlertEntity.AlertStatus::pressCount).containsExactlyInAnyOrder(1, 2, 3);
  }
}
