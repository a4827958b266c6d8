package org.sanwang.connectors.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanwang.connectors.NetworkFixtures.B07;
import static org.sanwang.connectors.NetworkFixtures.G01;
import static org.sanwang.connectors.NetworkFixtures.SHUANGAN;
import static org.sanwang.connectors.NetworkFixtures.STREET;
import static org.sanwang.connectors.NetworkFixtures.XIDI;
import static org.sanwang.connectors.NetworkFixtures.XIDI_B01;
import static org.sanwang.connectors.NetworkFixtures.codeMapping;
import static org.sanwang.connectors.NetworkFixtures.effectsOf;
import static org.sanwang.connectors.NetworkFixtures.event;
import static org.sanwang.connectors.NetworkFixtures.reasonOf;
import static org.sanwang.connectors.NetworkFixtures.subjects;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sanwang.connectors.core.Decision;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.Reason;
import org.sanwang.hub.work.CaseFacts;
import org.sanwang.hub.work.Level;

/** The social-governance network's cases in the hub's terms (CONTRACT, "Event types and their data"). */
class GovernanceMapperTest {
  private static final String CASE = "GC-2026-0001";

  private final GovernanceMapper underTest = new GovernanceMapper();

  private static InboundEvent governance(String type, String subject, String dataJson) {
    return event(Network.GOVERNANCE, type, subject, dataJson);
  }

  private static InboundEvent report(String subject) {
    return governance(GovernanceMapper.REPORTED, subject, """
        {"caseId":"%s","category":"环境卫生","description":"楼道堆物","reporterName":"张三","reporterPhone":"+8613700000001",
         "photos":["https://gov.example/p/1.jpg","https://gov.example/p/2.jpg"],"location":"2单元楼道"}""".formatted(CASE));
  }

  private static InboundEvent change(String type, String dataJson) {
    return governance(type, B07, dataJson);
  }

  /** The facts of the one case a decision reports. */
  private static CaseFacts reported(Decision decision) {
    var effects = effectsOf(decision);
    assertThat(effects).singleElement().isInstanceOf(Decision.ReportCase.class);
    return ((Decision.ReportCase) effects.get(0)).facts();
  }

  @Test
  void aReportOnABuildingIsACaseThereWithItsGridCommunityAndStreetFromTheGovernanceNetwork() {
    var decision = underTest.decide(report(B07), subjects());
    assertThat(decision).isEqualTo(new Decision.Apply(List.of(new Decision.ReportCase(new CaseFacts(CASE, "环境卫生", "楼道堆物",
        "2单元楼道", B07, G01, SHUANGAN, STREET, "张三", "+8613700000001", null,
        List.of("https://gov.example/p/1.jpg", "https://gov.example/p/2.jpg"), "governance", B07)))));
  }

  @Test
  void aReportOnABuildingNoGridHoldsHasNoGrid() {
    var facts = reported(underTest.decide(report(XIDI_B01), subjects()));
    assertThat(facts.building()).isEqualTo(XIDI_B01);
    assertThat(facts.grid()).isNull();
    assertThat(facts.community()).isEqualTo(XIDI);
  }

  @Test
  void aReportOnAGridIsACaseOfThatGridWithNoBuilding() {
    var facts = reported(underTest.decide(report(G01), subjects()));
    assertThat(facts.building()).isNull();
    assertThat(facts.grid()).isEqualTo(G01);
    assertThat(facts.community()).isEqualTo(SHUANGAN);
    assertThat(facts.street()).isEqualTo(STREET);
    assertThat(facts.subject()).isEqualTo(G01);
  }

  @Test
  void aReportOnACommunityIsACaseOfThatCommunityWithNeitherBuildingNorGrid() {
    var facts = reported(underTest.decide(report(SHUANGAN), subjects()));
    assertThat(facts.building()).isNull();
    assertThat(facts.grid()).isNull();
    assertThat(facts.community()).isEqualTo(SHUANGAN);
    assertThat(facts.street()).isEqualTo(STREET);
    assertThat(facts.origin()).isEqualTo("governance");
  }

  @ParameterizedTest
  @ValueSource(strings = {STREET, B07 + "-U2"})
  void aReportOnAStreetOrAUnitIsBadDataNamingTheSubject(String subject) {
    var reason = reasonOf(underTest.decide(report(subject), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.subject: ");
  }

  @Test
  void aReportOnAMappedSubjectIsACaseAtTheMappedCodeThatKeepsTheNetworksOwnSubject() {
    var facts = reported(underTest.decide(report("WG-0007"), subjects(codeMapping("WG-0007", G01))));
    assertThat(facts.grid()).isEqualTo(G01);
    assertThat(facts.community()).isEqualTo(SHUANGAN);
    assertThat(facts.subject()).as("callbacks name the place as the network does").isEqualTo("WG-0007");
  }

  @Test
  void aReportWithoutTheOptionalFieldsHasNoneOfThem() {
    var facts = reported(underTest.decide(governance(GovernanceMapper.REPORTED, B07,
        "{\"caseId\":\"" + CASE + "\",\"category\":\"治安\",\"description\":\"路灯不亮\"}"), subjects()));
    assertThat(facts.reporterName()).isNull();
    assertThat(facts.reporterPhone()).isNull();
    assertThat(facts.location()).isNull();
    assertThat(facts.photos()).isEmpty();
    assertThat(facts.reportedBy()).as("the network's case has no reporter in the hub").isNull();
  }

  @Test
  void aLocationSentAsAnObjectIsKeptNotEmptied() {
    var facts = reported(underTest.decide(governance(GovernanceMapper.REPORTED, B07, """
        {"caseId":"%s","category":"环境卫生","description":"楼道堆物","location":{"lat":40.97,"lng":117.79}}""".formatted(CASE)),
        subjects()));
    assertThat(facts.location()).isNotBlank().contains("40.97").contains("117.79");
  }

  @ParameterizedTest
  @ValueSource(strings = {"governance.case.dispatched", "governance.case.escalated"})
  void dispatchedOrEscalatedMovesTheCaseToTheLevelNamedWithItsDeadline(String type) {
    var decision = underTest.decide(change(type,
        "{\"caseId\":\"" + CASE + "\",\"level\":\"street\",\"deadline\":\"2026-11-24T09:30:00+08:00\",\"note\":\"转街道\"}"), subjects());
    assertThat(decision).isEqualTo(new Decision.Apply(List.of(new Decision.ChangeCase(CASE, "dispatched", Level.street,
        Instant.parse("2026-11-24T01:30:00Z"), "转街道", null))));
  }

  @Test
  void aMoveWithoutADeadlineLeavesItToTheLevel() {
    var decision = underTest.decide(change("governance.case.escalated", "{\"caseId\":\"" + CASE + "\",\"level\":\"district\"}"),
        subjects());
    assertThat(decision).isEqualTo(new Decision.Apply(List.of(new Decision.ChangeCase(CASE, "dispatched", Level.district, null,
        null, null))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"city", "Street", "STREET"})
  void aLevelThatIsNotCommunityStreetOrDistrictIsBadDataNamingTheLevel(String level) {
    var reason = reasonOf(underTest.decide(change("governance.case.dispatched",
        "{\"caseId\":\"" + CASE + "\",\"level\":\"" + level + "\"}"), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.level: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomorrow", "2026-11-24T09:30:00", "2026-11-24", "2026-13-24T09:30:00+08:00"})
  void aDeadlineThatIsNoTimeWithAnOffsetIsBadDataNamingTheDeadline(String deadline) {
    var reason = reasonOf(underTest.decide(change("governance.case.escalated",
        "{\"caseId\":\"" + CASE + "\",\"level\":\"street\",\"deadline\":\"" + deadline + "\"}"), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.deadline: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"governance.case.reported", "governance.case.dispatched", "governance.case.escalated",
      "governance.case.resolved", "governance.case.rated", "governance.case.closed"})
  void aCaseIdTheHubCannotKeepIsBadDataNamingTheCaseIdForEveryType(String type) {
    for (String caseId : new String[] {"GC 2026/1", "-GC-1", "x".repeat(81)}) {
      var reason = reasonOf(underTest.decide(governance(type, B07, """
          {"caseId":"%s","category":"环境卫生","description":"楼道堆物","level":"street","rating":3}""".formatted(caseId)), subjects()));
      assertThat(reason.code()).as(caseId).isEqualTo("bad_data");
      assertThat(reason.en()).as(caseId).startsWith("data.caseId: ");
    }
  }

  @Test
  void theLongestCaseIdTheHubKeepsIsEightyCharacters() {
    var caseId = "G" + "x".repeat(79);
    assertThat(reported(underTest.decide(governance(GovernanceMapper.REPORTED, B07,
        "{\"caseId\":\"" + caseId + "\",\"category\":\"治安\",\"description\":\"路灯不亮\"}"), subjects())).caseId()).isEqualTo(caseId);
  }

  @Test
  void resolvedIsAChangeWithTheNetworksNote() {
    assertThat(underTest.decide(change("governance.case.resolved", "{\"caseId\":\"" + CASE + "\",\"note\":\"已清理\"}"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(new Decision.ChangeCase(CASE, "resolved", null, null, "已清理", null))));
  }

  @Test
  void ratedIsAChangeWithTheRating() {
    assertThat(underTest.decide(change("governance.case.rated", "{\"caseId\":\"" + CASE + "\",\"rating\":5,\"note\":\"满意\"}"),
        subjects())).isEqualTo(new Decision.Apply(List.of(new Decision.ChangeCase(CASE, "rated", null, null, "满意", 5))));
  }

  @Test
  void closedIsAChangeWithOrWithoutARating() {
    assertThat(underTest.decide(change("governance.case.closed", "{\"caseId\":\"" + CASE + "\"}"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(new Decision.ChangeCase(CASE, "closed", null, null, null, null))));
    assertThat(underTest.decide(change("governance.case.closed", "{\"caseId\":\"" + CASE + "\",\"rating\":1}"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(new Decision.ChangeCase(CASE, "closed", null, null, null, 1))));
  }

  @Test
  void aRatingWithoutARatingIsBadDataNamingTheRating() {
    var reason = reasonOf(underTest.decide(change("governance.case.rated", "{\"caseId\":\"" + CASE + "\",\"note\":\"满意\"}"),
        subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.rating: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"governance.case.resolved", "governance.case.rated", "governance.case.closed"})
  void aRatingOutsideOneToFiveIsBadDataNamingTheRating(String type) {
    for (int rating : new int[] {0, 6, -1}) {
      var reason = reasonOf(underTest.decide(change(type, "{\"caseId\":\"" + CASE + "\",\"rating\":" + rating + "}"), subjects()));
      assertThat(reason.code()).as("rating " + rating).isEqualTo("bad_data");
      assertThat(reason.en()).as("rating " + rating).startsWith("data.rating: ");
    }
  }

  @Test
  void aChangeOnAMappedSubjectGetsPastRouting() {
    var decision = underTest.decide(governance("governance.case.resolved", "WG-0007", "{\"caseId\":\"" + CASE + "\"}"),
        subjects(codeMapping("WG-0007", G01)));
    assertThat(effectsOf(decision)).containsExactly(new Decision.ChangeCase(CASE, "resolved", null, null, null, null));
  }

  @Test
  void aCaseWithAnUnmappedSubjectIsQuarantinedAsAnUnmappedSubjectFirst() {
    assertThat(reasonOf(underTest.decide(report("WG-0007"), subjects()))).isEqualTo(Reason.unmappedSubject("WG-0007"));
    assertThat(reasonOf(underTest.decide(governance("governance.case.resolved", "WG-0007", "{\"caseId\":\"bad id\"}"), subjects())))
        .as("before its data is judged").isEqualTo(Reason.unmappedSubject("WG-0007"));
  }

  @Test
  void aGovernanceTypeTheContractDoesNotNameIsAnUnknownType() {
    var reopened = governance("governance.case.reopened", B07, "{\"caseId\":\"" + CASE + "\"}");
    assertThat(reasonOf(underTest.decide(reopened, subjects()))).isEqualTo(Reason.unknownType("governance.case.reopened"));
  }

  @Test
  void aGovernanceTypeTheContractDoesNotNameIsAnUnknownTypeWhateverItsData() {
    var reopened = governance("governance.case.reopened", B07, "{\"case\":\"" + CASE + "\"}");
    assertThat(reasonOf(underTest.decide(reopened, subjects()))).isEqualTo(Reason.unknownType("governance.case.reopened"));
  }

  @Test
  void aPartyTypeSentByTheGovernanceNetworkIsNotItsToSend() {
    var foreign = event(Network.GOVERNANCE, "party.notice", B07, "{\"title\":\"t\",\"body\":\"b\"}");
    assertThat(reasonOf(underTest.decide(foreign, subjects()))).isEqualTo(Reason.wrongNetwork("party.notice", Network.GOVERNANCE));
  }
}
