package org.sanwang.hub.inbox;

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
class InboxEntityTest {
  /** The live state holds persistent collections; snapshots go through the entity's snapshot adapter. */
  static final EventSourcedBehaviorTestKit.SerializationSettings SERIALIZATION =
      EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyState(false);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  private EventSourcedBehaviorTestKit<InboxEntity.Command, InboxEntity.Event, InboxEntity.State> underTest;

  @BeforeEach
  void setUp() {
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(),
        InboxEntity.create("p-001", LiveFeeds.get(testKit.system()), new InboxSettings(3, 100), Clock.systemUTC()), SERIALIZATION);
    underTest.clear();
  }

  private InboxItem deliver(String title) {
    return underTest.<InboxItem>runCommand(r -> new InboxEntity.Deliver("alert", title, "李大爷 1号楼2单元302 按下了呼叫",
        new InboxItem.Ref("alert", "a-" + title), r)).reply();
  }

  private InboxEntity.InboxPage items(long after) {
    return underTest.<InboxEntity.InboxPage>runCommand(r -> new InboxEntity.GetItems(after, 100, r)).reply();
  }

  @Test
  void deliveredItemsGetContiguousOffsets() {
    assertThat(deliver("一").offset()).isEqualTo(1);
    assertThat(deliver("二").offset()).isEqualTo(2);
    var page = items(0);
    assertThat(page.items()).extracting(InboxItem::title).containsExactly("一", "二");
    assertThat(page.next()).isEqualTo(2);
    assertThat(items(1).items()).extracting(InboxItem::offset).containsExactly(2L);
    assertThat(items(2).items()).isEmpty();
    assertThat(items(2).next()).isEqualTo(2);
  }

  @Test
  void aReadReceiptIsRecordedOnceAndSurvivesARestart() {
    deliver("一");
    var read = underTest.<InboxEntity.ReadReceipt>runCommand(r -> new InboxEntity.MarkRead(1, r));
    assertThat(read.reply().found()).isTrue();
    assertThat(read.eventOfType(InboxEntity.ItemRead.class).offset()).isEqualTo(1);
    var again = underTest.<InboxEntity.ReadReceipt>runCommand(r -> new InboxEntity.MarkRead(1, r));
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.reply().readAt()).isEqualTo(read.reply().readAt());
    underTest.restart();
    assertThat(items(0).items().get(0).readAt()).isEqualTo(read.reply().readAt());
  }

  @Test
  void aReadReceiptForAnOffsetThatNeverWasIsRefused() {
    deliver("一");
    var result = underTest.<InboxEntity.ReadReceipt>runCommand(r -> new InboxEntity.MarkRead(7, r));
    assertThat(result.reply().found()).isFalse();
    assertThat(result.hasNoEvents()).isTrue();
  }

  @Test
  void onlyTheNewestItemsAreKeptInMemoryButOffsetsGoOn() {
    for (String t : new String[] {"1", "2", "3", "4", "5"}) deliver(t);
    assertThat(items(0).items()).extracting(InboxItem::offset).containsExactly(3L, 4L, 5L);
    underTest.restart();
    assertThat(deliver("6").offset()).isEqualTo(6);
  }
}
