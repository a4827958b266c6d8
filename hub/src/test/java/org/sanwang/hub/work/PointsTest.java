package org.sanwang.hub.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.sanwang.hub.work.WorkFixtures.BUILDING_HEAD;
import static org.sanwang.hub.work.WorkFixtures.START;
import static org.sanwang.hub.work.WorkFixtures.WANG;
import static org.sanwang.hub.work.WorkFixtures.ZHANG;
import static org.sanwang.hub.work.WorkFixtures.wishFacts;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.work.WishEntity.State;

/** Points from wishes folded through the entity's own event handler: only a confirmed wish counts, for its claimer. */
class PointsTest {
  static final Actor LI = new Actor("p-403", "李四", "party_member");
  static final Actor AARON = new Actor("p-400", "艾伦", "party_member");

  /** A wish posted, then taken through the steps given (as far as the entity's event handler takes it). */
  private static State wish(String id, String community, int points, WishEntity.Event... then) {
    State s = WishEntity.applied(new WishEntity.NotPosted(id), new WishEntity.WishPosted(wishFacts(id, community, points), null, START));
    for (var e : then) s = WishEntity.applied(s, e);
    return s;
  }

  private static WishEntity.Event claimed(Actor member) {
    return new WishEntity.WishClaimed(member, null, START.plusSeconds(60));
  }

  private static WishEntity.Event fulfilled(Actor member) {
    return new WishEntity.WishFulfilled(member, "办好了", null, START.plusSeconds(3_600));
  }

  private static WishEntity.Event confirmed() {
    return new WishEntity.WishConfirmed(BUILDING_HEAD, 5, null, null, START.plusSeconds(7_200));
  }

  private static State confirmedWish(String id, String community, int points, Actor member) {
    return wish(id, community, points, claimed(member), fulfilled(member), confirmed());
  }

  @Test
  void pointsGoToTheMemberWhoClaimedTheWishAndOnlyOnceItIsConfirmed() {
    var wishes = List.of(
        wish("w-1", "c-shuangan", 10),
        wish("w-2", "c-shuangan", 10, claimed(ZHANG)),
        wish("w-3", "c-shuangan", 10, claimed(ZHANG), fulfilled(ZHANG)),
        wish("w-4", "c-shuangan", 10, claimed(ZHANG), new WishEntity.WishCancelled(BUILDING_HEAD, null, null, START)),
        confirmedWish("w-5", "c-shuangan", 7, ZHANG));
    assertThat(wishes.get(4)).isInstanceOf(WishEntity.Confirmed.class);

    var totals = Points.of(wishes);
    assertThat(totals.members()).containsExactly(new Points.Member(ZHANG.id(), "张三", "c-shuangan", 7, 1));
    assertThat(totals.members()).extracting(Points.Member::personId).doesNotContain(BUILDING_HEAD.id());
    assertThat(totals.communities()).containsExactly(new Points.Community("c-shuangan", 7, 1));
  }

  @Test
  void totalsAddUpPerMemberAndPerCommunityAndMembersRankByPoints() {
    var totals = Points.of(List.of(
        confirmedWish("w-1", "c-shuangan", 10, ZHANG),
        confirmedWish("w-2", "c-shuangan", 5, ZHANG),
        confirmedWish("w-3", "c-shuangan", 20, WANG),
        confirmedWish("w-4", "c-dongsheng", 8, LI)));

    assertThat(totals.members()).containsExactly(
        new Points.Member(WANG.id(), "王五", "c-shuangan", 20, 1),
        new Points.Member(ZHANG.id(), "张三", "c-shuangan", 15, 2),
        new Points.Member(LI.id(), "李四", "c-dongsheng", 8, 1));
    assertThat(totals.communities()).as("by code").containsExactly(
        new Points.Community("c-dongsheng", 8, 1),
        new Points.Community("c-shuangan", 35, 3));
  }

  @Test
  void membersWithEqualPointsRankByTheirIdAndAMemberInTwoCommunitiesHasALineInEach() {
    var totals = Points.of(List.of(
        confirmedWish("w-1", "c-shuangan", 10, ZHANG),
        confirmedWish("w-2", "c-shuangan", 10, AARON),
        confirmedWish("w-3", "c-dongsheng", 3, ZHANG)));

    assertThat(totals.members()).extracting(Points.Member::personId, Points.Member::community, Points.Member::points)
        .containsExactly(
            tuple("p-400", "c-shuangan", 10),
            tuple("p-401", "c-shuangan", 10),
            tuple("p-401", "c-dongsheng", 3));
  }

  @Test
  void noConfirmedWishesMeanNoPoints() {
    var totals = Points.of(List.of(wish("w-1", "c-shuangan", 10), new WishEntity.NotPosted("w-2")));
    assertThat(totals.members()).isEmpty();
    assertThat(totals.communities()).isEmpty();
  }
}
