package org.sanwang.console.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The last hour of traffic: full rings of 60 seconds and 60 minutes, only visible groups, communities by count. */
class RecentTrafficTest {
  static final String B07 = "130803001001-B07";
  static final String B08 = "130803001001-B08";
  static final String OTHER = "130803001002";
  static final Instant NOW = Instant.parse("2026-11-21T02:10:30.400Z");
  static final Function<String, String> NAMES = code -> Map.of("130803001001", "双安社区", OTHER, "双塔社区").getOrDefault(code, code);

  private final RecentTraffic underTest = new RecentTraffic();

  @Test
  void anEmptyWindowStillHasSixtySecondsAndSixtyMinutesInOrder() {
    var w = underTest.window(NOW, g -> true, NAMES);
    assertThat(w.seconds()).hasSize(60);
    assertThat(w.minutes()).hasSize(60);
    assertThat(w.seconds().get(59).at()).isEqualTo(Instant.parse("2026-11-21T02:10:29Z"));
    assertThat(w.seconds().get(0).at()).isEqualTo(Instant.parse("2026-11-21T02:09:30Z"));
    assertThat(w.minutes().get(59).at()).isEqualTo(Instant.parse("2026-11-21T02:10:00Z"));
    assertThat(w.minutes().get(0).at()).isEqualTo(Instant.parse("2026-11-21T01:11:00Z"));
    assertThat(w.seconds().get(0).bySource()).containsOnlyKeys("hub", "party", "governance", "community").containsValue(0);
    assertThat(w.communities()).isEmpty();
  }

  @Test
  void messagesAreCountedBySecondMinuteSourceAndCommunity() {
    underTest.count(B07, "party", Instant.parse("2026-11-21T02:10:29.100Z"));
    underTest.count(B07, "party", Instant.parse("2026-11-21T02:10:29.900Z"));
    underTest.count(B08, "governance", Instant.parse("2026-11-21T02:10:29.500Z"));
    underTest.count(OTHER, "hub", Instant.parse("2026-11-21T01:30:00Z"));
    underTest.count(OTHER, "hub", Instant.parse("2026-11-21T01:31:00Z"));
    underTest.count(OTHER, "hub", Instant.parse("2026-11-21T01:32:00Z"));
    underTest.count(OTHER, "community", Instant.parse("2026-11-21T01:32:00Z"));
    var w = underTest.window(NOW, g -> true, NAMES);
    var last = w.seconds().get(59);
    assertThat(last.total()).isEqualTo(3);
    assertThat(last.bySource()).containsEntry("party", 2).containsEntry("governance", 1).containsEntry("hub", 0);
    assertThat(w.minutes().get(59).total()).isEqualTo(3);
    assertThat(w.minutes().stream().mapToInt(RecentTraffic.Slot::total).sum()).isEqualTo(7);
    assertThat(w.communities()).containsExactly(new RecentTraffic.CommunityCount(OTHER, "双塔社区", 4),
        new RecentTraffic.CommunityCount("130803001001", "双安社区", 3));
  }

  @Test
  void aCallerIsShownOnlyTheGroupsTheyMayJoin() {
    underTest.count(B07, "party", Instant.parse("2026-11-21T02:10:29.100Z"));
    underTest.count(B08, "party", Instant.parse("2026-11-21T02:10:29.100Z"));
    var w = underTest.window(NOW, B07::equals, NAMES);
    assertThat(w.seconds().get(59).total()).isEqualTo(1);
    assertThat(w.communities()).extracting(RecentTraffic.CommunityCount::count).containsExactly(1L);
  }

  @Test
  void whatIsOlderThanTheWindowIsForgottenEvenWhenItsSlotIsReused() {
    underTest.count(B07, "party", Instant.parse("2026-11-21T00:10:29.100Z"));
    underTest.count(B07, "party", Instant.parse("2026-11-21T02:09:29.100Z"));
    var w = underTest.window(NOW, g -> true, NAMES);
    assertThat(w.seconds().stream().mapToInt(RecentTraffic.Slot::total).sum()).as("61 s ago").isZero();
    assertThat(w.minutes().stream().mapToInt(RecentTraffic.Slot::total).sum()).as("two hours ago is not counted").isEqualTo(1);
    underTest.count(B07, "party", Instant.parse("2026-11-21T02:10:29.100Z"));
    assertThat(underTest.window(NOW, g -> true, NAMES).seconds().get(59).total()).isEqualTo(1);
  }
}
