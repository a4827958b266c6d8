package org.sanwang.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanwang.connectors.NetworkFixtures.B07;
import static org.sanwang.connectors.NetworkFixtures.B08;
import static org.sanwang.connectors.NetworkFixtures.G01;
import static org.sanwang.connectors.NetworkFixtures.XIDI_B01;
import static org.sanwang.connectors.NetworkFixtures.subjects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading ids, times and ratings from the networks' case, wish and appointment data. */
class WorkDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An event with this data, taken as it is (not checked against its type's schema, as the reader would). */
  private static InboundEvent data(String json) {
    try {
      return new InboundEvent(Network.GOVERNANCE, "urn:governance:test", "e-1", "governance.case.resolved", B07, Optional.empty(),
          JSON.readTree(json), json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void anIdOfLettersDigitsAndSeparatorsUpToEightyIsFine() {
    for (String id : new String[] {"GC-2026-0001", "a", "x_y.z:1-2", "9" + "x".repeat(79)})
      assertThat(WorkData.badId(data("{\"caseId\":\"" + id + "\"}"), "caseId")).as(id).isEmpty();
  }

  @Test
  void anyOtherIdOrNoneIsBadDataNamingTheField() {
    for (String json : new String[] {"{\"caseId\":\"GC 1\"}", "{\"caseId\":\"_GC\"}", "{\"caseId\":\"案件1\"}",
        "{\"caseId\":\"" + "x".repeat(81) + "\"}", "{}", "{\"caseId\":null}"}) {
      var reason = WorkData.badId(data(json), "caseId");
      assertThat(reason).as(json).isPresent();
      assertThat(reason.get().code()).isEqualTo("bad_data");
      assertThat(reason.get().en()).startsWith("data.caseId: ");
    }
  }

  @Test
  void aTimeWithItsOffsetIsTheInstantAndNoTimeIsEmpty() {
    assertThat(WorkData.time(data("{\"at\":\"2026-11-22T09:30:00+08:00\"}"), "at")).contains(Instant.parse("2026-11-22T01:30:00Z"));
    assertThat(WorkData.time(data("{\"at\":\"2026-11-22T01:30:00Z\"}"), "at")).contains(Instant.parse("2026-11-22T01:30:00Z"));
    assertThat(WorkData.time(data("{}"), "at")).isEmpty();
    assertThat(WorkData.time(data("{\"at\":null}"), "at")).isEmpty();
  }

  @Test
  void aTimeWithoutAnOffsetIsRefusedNamingTheField() {
    assertThatThrownBy(() -> WorkData.time(data("{\"at\":\"2026-11-22T09:30:00\"}"), "at"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("at");
    assertThat(WorkData.badTime("at").en()).startsWith("data.at: ");
  }

  @Test
  void aRatingIsAWholeNumberFromOneToFiveOrAbsent() {
    for (int r = 1; r <= 5; r++) {
      assertThat(WorkData.badRating(data("{\"rating\":" + r + "}"))).isEmpty();
      assertThat(WorkData.rating(data("{\"rating\":" + r + "}"))).isEqualTo(r);
    }
    assertThat(WorkData.badRating(data("{}"))).isEmpty();
    assertThat(WorkData.rating(data("{}"))).isNull();
    assertThat(WorkData.rating(data("{\"rating\":null}"))).isNull();
  }

  @Test
  void anyOtherRatingIsBadDataNamingTheRating() {
    for (String rating : new String[] {"0", "6", "-1", "4.5", "\"5\""}) {
      var reason = WorkData.badRating(data("{\"rating\":" + rating + "}"));
      assertThat(reason).as(rating).isPresent();
      assertThat(reason.get().en()).startsWith("data.rating: ");
    }
  }

  @Test
  void aRatingTooBigForAnIntIsBadDataNotWrapped() {
    assertThat(WorkData.badRating(data("{\"rating\":4294967297}"))).isPresent();
  }

  @Test
  void theGridOfABuildingIsTheGridThatHoldsItOrNone() {
    assertThat(WorkData.gridOf(subjects(), B07)).isEqualTo(G01);
    assertThat(WorkData.gridOf(subjects(), B08)).isEqualTo(G01);
    assertThat(WorkData.gridOf(subjects(), XIDI_B01)).isNull();
  }
}
