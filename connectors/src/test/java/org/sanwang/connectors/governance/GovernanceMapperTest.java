package org.sanwang.connectors.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanwang.connectors.NetworkFixtures.B07;
import static org.sanwang.connectors.NetworkFixtures.G01;
import static org.sanwang.connectors.NetworkFixtures.SHUANGAN;
import static org.sanwang.connectors.NetworkFixtures.codeMapping;
import static org.sanwang.connectors.NetworkFixtures.event;
import static org.sanwang.connectors.NetworkFixtures.reasonOf;
import static org.sanwang.connectors.NetworkFixtures.subjects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.Reason;

/** The social-governance network's cases: routed by subject, then kept until the hub handles cases. */
class GovernanceMapperTest {
  private final GovernanceMapper underTest = new GovernanceMapper();

  /** Data that every case type's schema takes. */
  private static InboundEvent kase(String type, String subject) {
    return event(Network.GOVERNANCE, type, subject,
        "{\"caseId\":\"GC-2026-0001\",\"category\":\"环境卫生\",\"description\":\"楼道堆物\",\"level\":\"street\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"governance.case.reported", "governance.case.dispatched", "governance.case.escalated",
      "governance.case.resolved", "governance.case.rated", "governance.case.closed"})
  void everyCaseTypeWithAKnownSubjectIsATypeTheHubDoesNotHandleYet(String type) {
    for (String subject : new String[] {B07, G01, SHUANGAN})
      assertThat(reasonOf(underTest.decide(kase(type, subject), subjects()))).isEqualTo(Reason.unknownType(type));
  }

  @Test
  void aCaseWithAnUnmappedSubjectIsQuarantinedAsAnUnmappedSubjectFirst() {
    assertThat(reasonOf(underTest.decide(kase("governance.case.reported", "WG-0007"), subjects())))
        .isEqualTo(Reason.unmappedSubject("WG-0007"));
  }

  @Test
  void aCaseWithAMappedSubjectGetsPastRouting() {
    assertThat(reasonOf(underTest.decide(kase("governance.case.reported", "WG-0007"), subjects(codeMapping("WG-0007", G01)))))
        .isEqualTo(Reason.unknownType("governance.case.reported"));
  }

  @Test
  void aPartyTypeSentByTheGovernanceNetworkIsNotItsToSend() {
    var foreign = event(Network.GOVERNANCE, "party.notice", B07, "{\"title\":\"t\",\"body\":\"b\"}");
    assertThat(reasonOf(underTest.decide(foreign, subjects()))).isEqualTo(Reason.wrongNetwork("party.notice", Network.GOVERNANCE));
  }
}
