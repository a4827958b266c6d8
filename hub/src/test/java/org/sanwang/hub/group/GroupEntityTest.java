package org.sanwang.hub.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.live.LiveFeeds;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupEntityTest {
  /** The live state holds persistent collections; snapshots go through the entity's snapshot adapter. */
  static final EventSourcedBehaviorTestKit.SerializationSettings SERIALIZATION =
      EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  static final Sender WANG = new Sender("p-001", "王芳", "building_head");
  static final Sender LI = new Sender("p-002", "李明", "online_building_head");

  private LiveFeeds feeds;
  private EventSourcedBehaviorTestKit<GroupEntity.Command, GroupEntity.Event, GroupEntity.State> underTest;

  @BeforeEach
  void setUp() {
    feeds = LiveFeeds.get(testKit.system());
    underTest = entity("130803001001-B07", new GroupSettings(3, 1000, 4000));
    underTest.clear();
  }

  private EventSourcedBehaviorTestKit<GroupEntity.Command, GroupEntity.Event, GroupEntity.State> entity(String id,
      GroupSettings settings) {
    return EventSourcedBehaviorTestKit.create(testKit.system(),
        GroupEntity.create(id, feeds, settings, Clock.systemUTC()), SERIALIZATION);
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<GroupEntity.Command, GroupEntity.Event, GroupEntity.State,
      GroupEntity.Receipt> post(Sender sender, String text, String clientMsgId) {
    return underTest.runCommand(r -> new GroupEntity.PostMessage(sender, "hub", "chat", text, clientMsgId, r));
  }

  @Test
  void postsGetContiguousOffsetsFromOne() {
    assertThat(post(WANG, "早上好", "a").reply().offset()).isEqualTo(1);
    assertThat(post(LI, "收到", "b").reply().offset()).isEqualTo(2);
    var third = post(WANG, "三楼灯坏了", null);
    assertThat(third.reply().offset()).isEqualTo(3);
    var event = third.eventOfType(GroupEntity.MessagePosted.class);
    assertThat(event.message().text()).isEqualTo("三楼灯坏了");
    assertThat(event.message().sender()).isEqualTo(WANG);
    assertThat(third.state().lastOffset()).isEqualTo(3);
  }

  @Test
  void aRepeatedClientMsgIdFromTheSameSenderReturnsTheFirstReceiptAndWritesNothing() {
    var first = post(WANG, "早上好", "m-1").reply();
    var again = post(WANG, "早上好", "m-1");
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.reply().offset()).isEqualTo(first.offset());
    assertThat(again.reply().id()).isEqualTo(first.id());
    assertThat(again.reply().duplicate()).isTrue();
  }

  @Test
  void theSameClientMsgIdFromAnotherSenderIsANewMessage() {
    post(WANG, "早上好", "m-1");
    var other = post(LI, "早上好", "m-1");
    assertThat(other.reply().duplicate()).isFalse();
    assertThat(other.reply().offset()).isEqualTo(2);
  }

  @Test
  void receiptsSurviveARestart() {
    var first = post(WANG, "早上好", "m-1").reply();
    post(LI, "收到", "m-2");
    underTest.restart();
    var again = post(WANG, "早上好", "m-1");
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.reply().id()).isEqualTo(first.id());
    assertThat(post(WANG, "新消息", "m-3").reply().offset()).isEqualTo(3);
  }

  @Test
  void theReceiptWindowForgetsTheOldestKeys() {
    post(WANG, "1", "k1");
    post(WANG, "2", "k2");
    post(WANG, "3", "k3");
    post(WANG, "4", "k4"); // window of 3: k1 is forgotten
    assertThat(post(WANG, "4", "k4").hasNoEvents()).isTrue();
    var k1 = post(WANG, "1", "k1");
    assertThat(k1.reply().duplicate()).isFalse();
    assertThat(k1.reply().offset()).isEqualTo(5);
  }

  @Test
  void stateRecoversFromASnapshot() {
    var snapshotting = entity("130803001001-B08", new GroupSettings(10, 2, 4000));
    snapshotting.clear();
    for (int i = 1; i <= 5; i++) {
      String key = "c" + i;
      snapshotting.<GroupEntity.Receipt>runCommand(r -> new GroupEntity.PostMessage(WANG, "hub", "chat", "x", key, r));
    }
    snapshotting.restart();
    assertThat(snapshotting.getState().lastOffset()).isEqualTo(5);
    assertThat(snapshotting.getState().receipts()).containsKeys("p-001\u0000c1", "p-001\u0000c5");
    var again = snapshotting.<GroupEntity.Receipt>runCommand(r -> new GroupEntity.PostMessage(WANG, "hub", "chat", "x", "c5", r));
    assertThat(again.reply().offset()).isEqualTo(5);
  }

  @Test
  void messagesAreCountedPerDayForTheFigures() {
    post(WANG, "1", null);
    post(LI, "2", null);
    var today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    var volume = underTest.<GroupEntity.Volume>runCommand(r -> new GroupEntity.GetVolume(today.minusDays(1), today, r)).reply();
    assertThat(volume.messages()).isEqualTo(2);
    underTest.restart();
    assertThat(underTest.<GroupEntity.Volume>runCommand(r -> new GroupEntity.GetVolume(today.plusDays(1), today.plusDays(2), r))
        .reply().messages()).isZero();
  }

  @Test
  void aPostedMessageIsPublishedOnTheGroupsLiveFeed() {
    var probe = testKit.<Object>createTestProbe();
    feeds.subscribe(LiveFeeds.group("130803001001-B07"), probe.getRef());
    org.awaitility.Awaitility.await().untilAsserted(() -> {
      post(WANG, "在吗", null);
      var m = probe.expectMessageClass(GroupMessage.class, java.time.Duration.ofMillis(500));
      assertThat(m.text()).isEqualTo("在吗");
    });
  }
}
