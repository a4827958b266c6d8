package org.sanwang.hub.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanwang.hub.community.EscalationPolicy.Step;
import org.sanwang.hub.org.FieldError;

class EscalationPolicyTest {
  private static final Duration REPEAT = Duration.ofMinutes(5);
  private static final Duration ARRIVE = Duration.ofMinutes(15);

  private static Step step(String after, String... roles) {
    return new Step(after == null ? null : Duration.parse(after), roles == null ? null : Arrays.asList(roles));
  }

  private static EscalationPolicy policy(List<Step> steps, Duration repeatEvery, Duration arriveWithin) {
    return new EscalationPolicy(steps, repeatEvery, arriveWithin);
  }

  private static EscalationPolicy withSteps(Step... steps) {
    return policy(Arrays.asList(steps), REPEAT, ARRIVE);
  }

  @Test
  void theContractsDefaultAndAShortPolicyAreValid() {
    assertThat(EscalationPolicy.DEFAULT.validate()).isEmpty();
    var shortest = policy(List.of(step("PT0S", "building_head"), step("PT1S", "community_duty")),
        Duration.ofSeconds(30), Duration.ofMinutes(1));
    assertThat(shortest.validate()).isEmpty();
    var longest = policy(List.of(step("PT0S", "family"), step("PT24H", "street_command")),
        Duration.ofHours(24), Duration.ofHours(24));
    assertThat(longest.validate()).as("a day-long step needs a longer repeat").extracting(FieldError::path)
        .containsExactly("repeatEvery");
    var dayLong = policy(List.of(step("PT0S", "family"), step("PT23H", "street_command")),
        Duration.ofHours(24), Duration.ofHours(24));
    assertThat(dayLong.validate()).as("24 h is the longest delay, and it is allowed").isEmpty();
  }

  @Test
  void aStepMoreThanADayAfterTheCallIsRefusedAtItsPath() {
    var errors = withSteps(step("PT0S", "building_head"), step("PT60S", "grid_head"), step("PT300000H", "community_duty"))
        .validate();
    assertThat(errors).extracting(FieldError::path).contains("steps[2].after");
    assertThat(errors).filteredOn(e -> e.path().equals("steps[2].after")).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("at most PT24H").contains("PT300000H"));
  }

  @Test
  void repeatEveryAndArriveWithinMustLieBetweenTheirFloorAndOneDay() {
    var tooLong = policy(List.of(step("PT0S", "building_head")), Duration.parse("PT300000H"), Duration.parse("PT300000H"))
        .validate();
    assertThat(tooLong).extracting(FieldError::path).containsExactlyInAnyOrder("repeatEvery", "arriveWithin");
    assertThat(tooLong).allSatisfy(e -> assertThat(e.message()).contains("at most PT24H"));

    var tooShort = policy(List.of(step("PT0S", "building_head")), Duration.ofSeconds(29), Duration.ofSeconds(59)).validate();
    assertThat(tooShort).extracting(FieldError::toString)
        .containsExactlyInAnyOrder("repeatEvery: must be a duration of at least PT30S",
            "arriveWithin: must be a duration of at least PT1M");

    var missing = policy(List.of(step("PT0S", "building_head")), null, null).validate();
    assertThat(missing).extracting(FieldError::path).containsExactlyInAnyOrder("repeatEvery", "arriveWithin");
  }

  @Test
  void stepsMustBeStrictlyIncreasingAndOnlyTheFirstMayBeImmediate() {
    var same = withSteps(step("PT0S", "building_head"), step("PT60S", "grid_head"), step("PT60S", "community_duty")).validate();
    assertThat(same).extracting(FieldError::path).containsExactly("steps[2].after");
    assertThat(same.get(0).message()).contains("later than the step before").contains("PT1M");

    var backwards = withSteps(step("PT120S", "building_head"), step("PT60S", "grid_head")).validate();
    assertThat(backwards).extracting(FieldError::path).containsExactly("steps[1].after");

    var twiceImmediate = withSteps(step("PT0S", "building_head"), step("PT0S", "grid_head")).validate();
    assertThat(twiceImmediate).extracting(FieldError::path).containsExactly("steps[1].after");

    var negative = withSteps(step("-PT1S", "building_head")).validate();
    assertThat(negative).extracting(FieldError::path).containsExactly("steps[0].after");
    var missing = withSteps(step(null, "building_head")).validate();
    assertThat(missing).extracting(FieldError::path).containsExactly("steps[0].after");
  }

  @Test
  void aRepeatNoLongerThanTheLastStepIsRefusedBecauseCyclesWouldOverlap() {
    var overlapping = policy(List.of(step("PT0S", "building_head"), step("PT10M", "community_duty")),
        Duration.ofMinutes(10), ARRIVE).validate();
    assertThat(overlapping).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo("repeatEvery");
      assertThat(e.message()).contains("longer than the last step").contains("PT10M").contains("overlap");
    });
    var justLonger = policy(List.of(step("PT0S", "building_head"), step("PT10M", "community_duty")),
        Duration.ofMinutes(10).plusSeconds(1), ARRIVE).validate();
    assertThat(justLonger).isEmpty();
  }

  @Test
  void everyStepNeedsAtLeastOneKnownResponderRole() {
    var errors = withSteps(step("PT0S"), step("PT1M", "wizard", "family", "admin", "resident", null),
        new Step(Duration.ofMinutes(2), null)).validate();
    assertThat(errors).extracting(FieldError::path).containsExactlyInAnyOrder(
        "steps[0].notify", "steps[1].notify[0]", "steps[1].notify[2]", "steps[1].notify[3]", "steps[1].notify[4]",
        "steps[2].notify");
    assertThat(errors).filteredOn(e -> e.path().equals("steps[1].notify[0]")).singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("unknown responder role wizard"));
  }

  @Test
  void noStepsOrANullStepAreRefusedAtTheirPath() {
    assertThat(withSteps().validate()).extracting(FieldError::path).containsExactly("steps");
    assertThat(policy(null, REPEAT, ARRIVE).validate()).extracting(FieldError::path).containsExactly("steps");
    var withNull = new ArrayList<Step>();
    withNull.add(step("PT0S", "building_head"));
    withNull.add(null);
    assertThat(policy(withNull, REPEAT, ARRIVE).validate()).extracting(FieldError::toString)
        .containsExactly("steps[1]: must be an object");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    var errors = policy(List.of(step("PT300000H", "wizard"), step("PT0S")), Duration.parse("PT300000H"),
        Duration.ofSeconds(1)).validate();
    assertThat(errors).extracting(FieldError::path).containsExactlyInAnyOrder(
        "steps[0].after", "steps[0].notify[0]", "steps[1].notify", "repeatEvery", "arriveWithin");
  }
}
