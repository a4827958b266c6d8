package org.sanwang.connectors.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanwang.connectors.NetworkFixtures.B07;
import static org.sanwang.connectors.NetworkFixtures.B08;
import static org.sanwang.connectors.NetworkFixtures.G01;
import static org.sanwang.connectors.NetworkFixtures.SHUANGAN;
import static org.sanwang.connectors.NetworkFixtures.XIDI;
import static org.sanwang.connectors.NetworkFixtures.XIDI_B01;
import static org.sanwang.connectors.NetworkFixtures.XIDI_B02;
import static org.sanwang.connectors.NetworkFixtures.codeMapping;
import static org.sanwang.connectors.NetworkFixtures.effectsOf;
import static org.sanwang.connectors.NetworkFixtures.event;
import static org.sanwang.connectors.NetworkFixtures.personMapping;
import static org.sanwang.connectors.NetworkFixtures.reasonOf;
import static org.sanwang.connectors.NetworkFixtures.subjects;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanwang.connectors.core.Decision;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.Reason;
import org.sanwang.hub.org.OrgImport;
import org.sanwang.hub.org.OrgTree;
import org.sanwang.hub.work.AppointmentFacts;

/** The community-management network's events in the hub's terms (CONTRACT, "Event types and their data"). */
class CommunityMapperTest {
  private final CommunityMapper underTest = new CommunityMapper();

  private static InboundEvent notice(String subject, String extra) {
    return event(Network.COMMUNITY, "community.notice", subject, "{\"title\":\"停水通知\",\"body\":\"明天九点到十二点\"" + extra + "}");
  }

  private static Decision.PostToGroup post(String building) {
    return new Decision.PostToGroup(building, "notice", "【社区网】停水通知\n明天九点到十二点");
  }

  private static Decision.Notify head(String person) {
    return new Decision.Notify(person, "notice", "【社区网】停水通知", "明天九点到十二点");
  }

  private static InboundEvent upsert(String subject, String building, int unit) {
    return event(Network.COMMUNITY, "community.resident.upserted", subject, """
        {"id":"SQ-R-0001","name":"李大爷","building":"%s","unit":%d,"room":"302","flags":["living_alone"],
         "contacts":[{"name":"李娜","relation":"daughter","phone":"+8613900000001"}]}""".formatted(building, unit));
  }

  private static InboundEvent removal(String subject, String id) {
    return event(Network.COMMUNITY, "community.resident.removed", subject, "{\"id\":\"" + id + "\"}");
  }

  @Test
  void aNoticeToABuildingIsAPostThereAndANoticeToItsBuildingHead() {
    assertThat(underTest.decide(notice(B07, ""), subjects())).isEqualTo(new Decision.Apply(List.of(post(B07), head("p-001"))));
  }

  @Test
  void aNoticeToACommunityWithoutBuildingsGoesToEveryBuildingOfIt() {
    assertThat(underTest.decide(notice(SHUANGAN, ""), subjects()))
        .isEqualTo(new Decision.Apply(List.of(post(B07), head("p-001"), post(B08), head("p-005"))));
    assertThat(effectsOf(underTest.decide(notice(XIDI, ""), subjects())))
        .as("西地: B02 has no building head").containsExactly(post(XIDI_B01), head("p-010"), post(XIDI_B02));
  }

  @Test
  void aNoticeWithBuildingsGoesOnlyToThoseIncludingOneNamedByAMappedId() {
    var decision = underTest.decide(notice(SHUANGAN, ",\"buildings\":[\"SQ-LOU-8\"]"), subjects(codeMapping("SQ-LOU-8", B08)));
    assertThat(decision).isEqualTo(new Decision.Apply(List.of(post(B08), head("p-005"))));
  }

  @Test
  void aNullBuildingsListIsAsIfAbsent() {
    assertThat(underTest.decide(notice(SHUANGAN, ",\"buildings\":null"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(post(B07), head("p-001"), post(B08), head("p-005"))));
  }

  @Test
  void aListedBuildingOfAnotherCommunityIsQuarantinedAsBadData() {
    var reason = reasonOf(underTest.decide(notice(SHUANGAN, ",\"buildings\":[\"" + B07 + "\",\"" + XIDI_B01 + "\"]"), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.buildings[1]: ").contains(XIDI_B01);
  }

  @Test
  void aListedBuildingTheHubDoesNotKnowIsAnUnknownCode() {
    var reason = reasonOf(underTest.decide(notice(SHUANGAN, ",\"buildings\":[\"SQ-LOU-9\"]"), subjects()));
    assertThat(reason).isEqualTo(Reason.unknownCode("buildings[0]", "SQ-LOU-9"));
  }

  @Test
  void aNoticeToAGridIsQuarantinedAsBadData() {
    assertThat(reasonOf(underTest.decide(notice(G01, ""), subjects())).code()).isEqualTo("bad_data");
  }

  @Test
  void anUpsertedResidentCarriesTheHubsBuildingCodeAndTheMappedResidentId() {
    var subjects = subjects(codeMapping("SQ-LOU-7", B07), personMapping("SQ-R-0001", "r-001"));
    var decision = underTest.decide(upsert("SQ-LOU-7", "SQ-LOU-7", 2), subjects);
    assertThat(decision).isEqualTo(new Decision.Apply(List.of(new Decision.UpsertResident(new OrgImport.ResidentSpec(
        "r-001", "李大爷", B07, 2, "302", List.of("living_alone"),
        List.of(new OrgTree.Contact("李娜", "daughter", "+8613900000001")), List.of())))));
  }

  @Test
  void anUpsertedResidentWithoutAMappingKeepsTheNetworksId() {
    var decision = underTest.decide(upsert(B07, B07, 1), subjects());
    assertThat(effectsOf(decision)).singleElement().isInstanceOfSatisfying(Decision.UpsertResident.class,
        u -> assertThat(u.resident().id()).isEqualTo("SQ-R-0001"));
  }

  @Test
  void aResidentsBuildingOtherThanTheSubjectIsQuarantinedAsBadData() {
    var reason = reasonOf(underTest.decide(upsert(B07, B08, 1), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.building: ");
  }

  @Test
  void aUnitOutOfRangeIsQuarantinedAsTheImportValidatorJudgesIt() {
    var reason = reasonOf(underTest.decide(upsert(B07, B07, 4), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.unit: ").contains("1 to 3");
  }

  @Test
  void aRemovedResidentIsTakenOffTheRosterByTheirMappedId() {
    assertThat(underTest.decide(removal(B07, "r-001"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(new Decision.RemoveResident("r-001"))));
    assertThat(underTest.decide(removal(B07, "SQ-R-0001"), subjects(personMapping("SQ-R-0001", "r-001"))))
        .isEqualTo(new Decision.Apply(List.of(new Decision.RemoveResident("r-001"))));
  }

  @Test
  void removingAnUnknownResidentIsQuarantinedAsAnUnknownPerson() {
    assertThat(reasonOf(underTest.decide(removal(B07, "SQ-R-4040"), subjects()))).isEqualTo(Reason.unknownPerson("id", "SQ-R-4040"));
  }

  @Test
  void removingAResidentOfAnotherBuildingIsQuarantinedAsBadData() {
    assertThat(reasonOf(underTest.decide(removal(B07, "r-002"), subjects())).code()).isEqualTo("bad_data");
  }

  // 预约代办

  private static InboundEvent requested(String subject, String residentId, String extra) {
    return event(Network.COMMUNITY, "community.appointment.requested", subject,
        "{\"appointmentId\":\"SQ-A-0001\",\"residentId\":\"" + residentId + "\",\"service\":\"代缴水费\"" + extra + "}");
  }

  @Test
  void anAppointmentForAResidentOfTheBuildingIsATaskThereWithTheRostersName() {
    var decision = underTest.decide(requested(B07, "r-001", ",\"at\":\"2026-11-22T09:30:00+08:00\",\"note\":\"上午在家\""), subjects());
    assertThat(decision).isEqualTo(new Decision.Apply(List.of(new Decision.RequestAppointment(new AppointmentFacts("SQ-A-0001",
        "r-001", "李大爷", B07, SHUANGAN, "代缴水费", Instant.parse("2026-11-22T01:30:00Z"), "上午在家", B07)))));
  }

  @Test
  void anAppointmentWithoutATimeOrNoteHasNeither() {
    var decision = underTest.decide(requested(B07, "r-001", ""), subjects());
    assertThat(effectsOf(decision)).singleElement().isInstanceOfSatisfying(Decision.RequestAppointment.class, r -> {
      assertThat(r.facts().at()).isNull();
      assertThat(r.facts().note()).isNull();
    });
  }

  @Test
  void anAppointmentNamedByTheNetworksIdsIsTheMappedResidentsInTheMappedBuildingKeepingTheNetworksSubject() {
    var decision = underTest.decide(requested("SQ-LOU-7", "SQ-R-0001", ""),
        subjects(codeMapping("SQ-LOU-7", B07), personMapping("SQ-R-0001", "r-001")));
    assertThat(effectsOf(decision)).singleElement().isInstanceOfSatisfying(Decision.RequestAppointment.class, r -> {
      assertThat(r.facts().residentId()).isEqualTo("r-001");
      assertThat(r.facts().residentName()).isEqualTo("李大爷");
      assertThat(r.facts().building()).isEqualTo(B07);
      assertThat(r.facts().subject()).isEqualTo("SQ-LOU-7");
    });
  }

  @Test
  void anAppointmentForAResidentOfAnotherBuildingIsBadDataNamingTheResident() {
    var reason = reasonOf(underTest.decide(requested(B07, "r-002", ""), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.residentId: ").contains("r-002");
  }

  @Test
  void anAppointmentForAResidentTheHubDoesNotKnowIsAnUnknownPerson() {
    assertThat(reasonOf(underTest.decide(requested(B07, "SQ-R-4040", ""), subjects())))
        .isEqualTo(Reason.unknownPerson("residentId", "SQ-R-4040"));
  }

  @Test
  void anAppointmentAtNoTimeWithAnOffsetIsBadDataNamingAt() {
    for (String at : new String[] {"明天上午", "2026-11-22T09:30:00", "2026-11-22"}) {
      var reason = reasonOf(underTest.decide(requested(B07, "r-001", ",\"at\":\"" + at + "\""), subjects()));
      assertThat(reason.code()).as(at).isEqualTo("bad_data");
      assertThat(reason.en()).as(at).startsWith("data.at: ");
    }
  }

  @Test
  void anAppointmentsSubjectIsABuilding() {
    var reason = reasonOf(underTest.decide(requested(SHUANGAN, "r-001", ""), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.subject: ");
  }

  @Test
  void anAppointmentIdTheHubCannotKeepIsBadDataNamingIt() {
    var reason = reasonOf(underTest.decide(event(Network.COMMUNITY, "community.appointment.requested", B07,
        "{\"appointmentId\":\"SQ A 1\",\"residentId\":\"r-001\",\"service\":\"代缴水费\"}"), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.appointmentId: ");
    var cancelled = reasonOf(underTest.decide(event(Network.COMMUNITY, "community.appointment.cancelled", B07,
        "{\"appointmentId\":\"SQ A 1\"}"), subjects()));
    assertThat(cancelled.en()).startsWith("data.appointmentId: ");
  }

  @Test
  void aCancellationWithdrawsTheAppointmentWithTheNetworksNote() {
    assertThat(underTest.decide(event(Network.COMMUNITY, "community.appointment.cancelled", B07,
        "{\"appointmentId\":\"SQ-A-0001\",\"note\":\"家属已代办\"}"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(new Decision.CancelAppointment("SQ-A-0001", "家属已代办"))));
    assertThat(underTest.decide(event(Network.COMMUNITY, "community.appointment.cancelled", B07,
        "{\"appointmentId\":\"SQ-A-0001\"}"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(new Decision.CancelAppointment("SQ-A-0001", null))));
  }

  @Test
  void aCommunityTypeTheContractDoesNotNameIsAnUnknownType() {
    assertThat(reasonOf(underTest.decide(event(Network.COMMUNITY, "community.appointment.moved", B07,
        "{\"appointmentId\":\"SQ-A-0001\"}"), subjects()))).isEqualTo(Reason.unknownType("community.appointment.moved"));
  }

  @Test
  void aPartyTypeSentByTheCommunityNetworkIsNotItsToSend() {
    var foreign = event(Network.COMMUNITY, "party.notice", B07, "{\"title\":\"t\",\"body\":\"b\"}");
    assertThat(reasonOf(underTest.decide(foreign, subjects()))).isEqualTo(Reason.wrongNetwork("party.notice", Network.COMMUNITY));
  }

  @Test
  void anUnmappedSubjectIsQuarantinedAsSuch() {
    assertThat(reasonOf(underTest.decide(notice("SQ-LOU-7", ""), subjects()))).isEqualTo(Reason.unmappedSubject("SQ-LOU-7"));
  }

  @org.junit.jupiter.api.Test
  void aTitleTheNetworkAlreadyMarkedIsMarkedOnceNotTwice() {
    org.assertj.core.api.Assertions.assertThat(org.sanwang.connectors.core.NetworkMapper.marked(org.sanwang.connectors.core.Network.COMMUNITY, "【社区网】停水通知")).isEqualTo("【社区网】停水通知");
    org.assertj.core.api.Assertions.assertThat(org.sanwang.connectors.core.NetworkMapper.marked(org.sanwang.connectors.core.Network.COMMUNITY, "停水通知")).isEqualTo("【社区网】停水通知");
  }
}
