package org.sanwang.hub.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanwang.hub.work.WorkFixtures.BUILDING_HEAD;
import static org.sanwang.hub.work.WorkFixtures.PARTY;
import static org.sanwang.hub.work.WorkFixtures.START;
import static org.sanwang.hub.work.WorkFixtures.WANG;
import static org.sanwang.hub.work.WorkFixtures.ZHANG;
import static org.sanwang.hub.work.WorkFixtures.wishFacts;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.work.WishEntity.Command;
import org.sanwang.hub.work.WishEntity.Event;
import org.sanwang.hub.work.WishEntity.State;

/**
 * A wish from posting to confirmation: the first claim wins and the loser hears the winner's name,
 * each step only in its turn, a network's change applied once by its key, and a restart that keeps it.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WishEntityTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  private MutableClock clock;
  private EventSourcedBehaviorTestKit<Command, Event, State> underTest;
  private String wishId;
  private int n;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    wishId = "wish-" + (++n);
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(), WishEntity.create(wishId, clock));
    underTest.clear();
  }

  private CommandResultWithReply<Command, Event, State, StatusReply<State>> run(
      Function<ActorRef<StatusReply<State>>, Command> command) {
    return underTest.runCommand(command);
  }

  private StatusReply<State> post() {
    return run(r -> new WishEntity.Post(wishFacts(wishId, "c-shuangan", 10), null, r)).reply();
  }

  private StatusReply<State> claim(Actor member) {
    return run(r -> new WishEntity.Claim(member, null, r)).reply();
  }

  private StatusReply<State> fulfil(Actor by) {
    return run(r -> new WishEntity.Fulfil(by, "药已送到", null, r)).reply();
  }

  @Test
  void aWishIsPostedClaimedFulfilledAndConfirmedInTurnAndEachStepIsOnItsTimeline() {
    var posted = post();
    assertThat(posted.getValue()).isInstanceOf(WishEntity.Posted.class);
    assertThat(posted.getValue().record().postedAt()).isEqualTo(START);

    clock.advance(Duration.ofHours(1));
    var claimed = claim(ZHANG).getValue();
    assertThat(claimed).isInstanceOf(WishEntity.Claimed.class);
    assertThat(claimed.record().claimedBy()).isEqualTo(ZHANG);
    assertThat(claimed.record().claimedAt()).isEqualTo(START.plus(Duration.ofHours(1)));

    clock.advance(Duration.ofHours(1));
    var fulfilled = (WishEntity.Fulfilled) fulfil(ZHANG).getValue();
    assertThat(fulfilled.note()).isEqualTo("药已送到");
    assertThat(fulfilled.fulfilledAt()).isEqualTo(START.plus(Duration.ofHours(2)));

    clock.advance(Duration.ofHours(1));
    var confirmed = run(r -> new WishEntity.Confirm(BUILDING_HEAD, 5, "谢谢", null, r));
    assertThat(confirmed.event()).isInstanceOf(WishEntity.WishConfirmed.class);
    var done = (WishEntity.Confirmed) confirmed.reply().getValue();
    assertThat(done.state()).isEqualTo("confirmed");
    assertThat(done.confirmedBy()).isEqualTo(BUILDING_HEAD);
    assertThat(done.rating()).isEqualTo(5);
    assertThat(done.fulfilledAt()).isEqualTo(START.plus(Duration.ofHours(2)));
    assertThat(done.confirmedAt()).isEqualTo(START.plus(Duration.ofHours(3)));
    assertThat(done.record().claimedBy()).as("the points go to the claimer, not the confirmer").isEqualTo(ZHANG);
    assertThat(done.record().timeline()).extracting(WorkStep::what).containsExactly("posted", "claimed", "fulfilled", "confirmed");
  }

  @Test
  void ofTwoClaimsSentAtOnceExactlyOneWinsAndTheOtherIsToldTheWinnersName() {
    var persistence = PersistenceTestKit.create(testKit.system());
    String id = "raced-" + (++n);
    var wish = testKit.spawn(WishEntity.create(id, clock));
    var posted = testKit.<StatusReply<State>>createTestProbe();
    wish.tell(new WishEntity.Post(wishFacts(id, "c-shuangan", 10), null, posted.getRef()));
    assertThat(posted.receiveMessage().isSuccess()).isTrue();

    var zhangHears = testKit.<StatusReply<State>>createTestProbe();
    var wangHears = testKit.<StatusReply<State>>createTestProbe();
    wish.tell(new WishEntity.Claim(ZHANG, null, zhangHears.getRef()));
    wish.tell(new WishEntity.Claim(WANG, null, wangHears.getRef()));
    var replies = List.of(zhangHears.receiveMessage(), wangHears.receiveMessage());

    assertThat(replies).filteredOn(StatusReply::isSuccess).hasSize(1);
    assertThat(replies).filteredOn(StatusReply::isError).hasSize(1);
    var winner = replies.stream().filter(StatusReply::isSuccess).findFirst().orElseThrow().getValue().record().claimedBy();
    var refusal = replies.stream().filter(StatusReply::isError).findFirst().orElseThrow().getError().getMessage();
    assertThat(refusal).isEqualTo("already claimed by " + winner.name());
    assertThat(persistence.persistedInStorage(PersistenceId.of(WishEntity.ENTITY_KEY.name(), id).id()))
        .filteredOn(e -> e instanceof WishEntity.WishClaimed).hasSize(1);
  }

  @Test
  void aClaimOfAClaimedWishIsRefusedWithTheClaimersNameAtEveryLaterStage() {
    post();
    claim(ZHANG);
    assertThat(claim(WANG).getError().getMessage()).isEqualTo("already claimed by 张三");
    fulfil(ZHANG);
    assertThat(claim(WANG).getError().getMessage()).isEqualTo("already claimed by 张三");
    run(r -> new WishEntity.Confirm(BUILDING_HEAD, null, null, null, r));
    var late = run(r -> new WishEntity.Claim(WANG, null, r));
    assertThat(late.reply().getError().getMessage()).isEqualTo("already claimed by 张三");
    assertThat(late.hasNoEvents()).isTrue();
  }

  @Test
  void aWishCannotBeFulfilledBeforeItIsClaimed() {
    post();
    var result = run(r -> new WishEntity.Fulfil(ZHANG, null, null, r));
    assertThat(result.reply().getError().getMessage()).contains("not claimed");
    assertThat(result.hasNoEvents()).isTrue();
    assertThat(underTest.getState()).isInstanceOf(WishEntity.Posted.class);
  }

  @Test
  void aWishCannotBeConfirmedBeforeItIsFulfilled() {
    post();
    var posted = run(r -> new WishEntity.Confirm(BUILDING_HEAD, 5, null, null, r));
    assertThat(posted.reply().getError().getMessage()).contains("not claimed");
    assertThat(posted.hasNoEvents()).isTrue();

    claim(ZHANG);
    var claimed = run(r -> new WishEntity.Confirm(BUILDING_HEAD, 5, null, null, r));
    assertThat(claimed.reply().getError().getMessage()).contains("not fulfilled");
    assertThat(claimed.hasNoEvents()).isTrue();
    assertThat(underTest.getState()).isInstanceOf(WishEntity.Claimed.class);
  }

  @Test
  void aClaimedWishMayBeCancelledAndACancelledWishTakesNoClaims() {
    post();
    claim(ZHANG);
    var cancelled = run(r -> new WishEntity.Cancel(BUILDING_HEAD, "居民已自行解决", null, r)).reply();
    assertThat(cancelled.getValue()).isInstanceOf(WishEntity.Cancelled.class);
    assertThat(((WishEntity.Cancelled) cancelled.getValue()).by()).isEqualTo(BUILDING_HEAD);
    assertThat(claim(WANG).getError().getMessage()).contains("cancelled");
  }

  @Test
  void aFulfilledWishCanNoLongerBeCancelled() {
    post();
    claim(ZHANG);
    fulfil(ZHANG);
    var tooLate = run(r -> new WishEntity.Cancel(BUILDING_HEAD, null, null, r));
    assertThat(tooLate.reply().getError().getMessage()).contains("fulfilled");
    assertThat(tooLate.hasNoEvents()).isTrue();
    assertThat(underTest.getState()).isInstanceOf(WishEntity.Fulfilled.class);
  }

  @Test
  void theSameNetworkChangeAppliedTwiceIsStoredOnce() {
    var first = run(r -> new WishEntity.Post(wishFacts(wishId, "c-shuangan", 10), "party:11", r));
    assertThat(first.events()).hasSize(1);
    var repost = run(r -> new WishEntity.Post(wishFacts(wishId, "c-shuangan", 10), "party:11", r));
    assertThat(repost.hasNoEvents()).isTrue();
    assertThat(repost.reply().isSuccess()).isTrue();

    var claimed = run(r -> new WishEntity.Claim(ZHANG, "party:12", r));
    assertThat(claimed.events()).hasSize(1);
    var again = run(r -> new WishEntity.Claim(ZHANG, "party:12", r));
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.reply().isSuccess()).as("a repeat is not a lost race").isTrue();
    assertThat(again.reply().getValue()).isEqualTo(claimed.reply().getValue());

    var otherPost = run(r -> new WishEntity.Post(wishFacts(wishId, "c-shuangan", 10), "party:13", r));
    assertThat(otherPost.reply().getError().getMessage()).contains("already posted");
    assertThat(underTest.getState().record().keys()).containsExactlyInAnyOrder("party:11", "party:12");
  }

  @Test
  void aRestartKeepsTheWishAndItGoesOnFromWhereItWas() {
    post();
    claim(ZHANG);
    var before = underTest.getState();

    assertThat(underTest.restart().state()).isEqualTo(before);
    assertThat(claim(WANG).getError().getMessage()).isEqualTo("already claimed by 张三");
    assertThat(fulfil(ZHANG).getValue()).isInstanceOf(WishEntity.Fulfilled.class);
  }

  @Test
  void anActionOnAWishNeverPostedIsAnsweredNoSuchWish() {
    var result = run(r -> new WishEntity.Claim(ZHANG, null, r));
    assertThat(result.reply().getError().getMessage()).isEqualTo(WishEntity.NO_SUCH_WISH);
    assertThat(result.hasNoEvents()).isTrue();
  }

  @Test
  void theNetworkCancelsAPostedWish() {
    post();
    var result = run(r -> new WishEntity.Cancel(PARTY, "已撤回", "party:20", r));
    assertThat(result.reply().getValue().state()).isEqualTo("cancelled");
    assertThat(result.reply().getValue().record().timeline()).extracting(WorkStep::what).containsExactly("posted", "cancelled");
  }
}
