package org.sanwang.ops.netsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanwang.ops.demo.DemoDistrict;

class DemoRosterTest {
  @Test
  void theDemoCommunitiesHaveTheDemosOwnBuildingsAndResidents() {
    var demo = DemoDistrict.generate(DemoRoster.DEMO_SEED, "x");
    var underTest = DemoRoster.of(NetworkEvents.DEMO_COMMUNITIES);

    var first = demo.districts().get(0).streets().get(0).communities().get(0);
    var community = underTest.community(first.code()).orElseThrow();
    assertThat(community.name()).isEqualTo(first.name());
    assertThat(community.number()).isZero();
    assertThat(community.buildings()).extracting(DemoRoster.Building::code)
        .containsExactlyElementsOf(first.buildings().stream().map(b -> b.code()).toList());
    assertThat(underTest.communities()).hasSize(28).allSatisfy(c -> assertThat(c.hasResidents()).isTrue());
    for (var r : demo.residents())
      assertThat(underTest.building(r.building()).orElseThrow().residents()).contains(new DemoRoster.Resident(r.id(), r.name()));
  }

  @Test
  void anotherCommunityHasBuildingsOneToTwentyAndNoResidents() {
    var underTest = DemoRoster.of(List.of("130803001001", "990000000001"));

    var other = underTest.community("990000000001").orElseThrow();
    assertThat(other.number()).isEqualTo(101);
    assertThat(other.buildings()).hasSize(20).first().satisfies(b -> {
      assertThat(b.code()).isEqualTo("990000000001-B01");
      assertThat(b.name()).isEqualTo("1号楼");
    });
    assertThat(other.hasResidents()).isFalse();
    assertThat(underTest.building("990000000001-B20")).isPresent();
    assertThat(underTest.building("990000000001-B21")).isEmpty();
    assertThatThrownBy(() -> DemoRoster.of(List.of())).hasMessageStartingWith("communities");
  }

  @Test
  void withoutResidentsNoAppointmentIsBookedButCasesAndWishesStillCome() {
    var work = new NetworkWork(1, DemoRoster.of(List.of("990000000001")), 0, 200, NetworkWorkTest.ALL, NetworkWorkTest.NINE);

    var types = new java.util.HashSet<String>();
    for (var t = NetworkWorkTest.NINE; t.isBefore(NetworkWorkTest.NINE.plusSeconds(6 * 3600)); t = t.plusSeconds(60))
      for (var d : work.due(t, t, n -> true)) types.add(d.event().get("type").asText());

    assertThat(types).contains("governance.case.reported", "party.wish.posted", "party.member.reported")
        .doesNotContain("community.appointment.requested");
  }
}
