package org.sanwang.connectors.party;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanwang.connectors.NetworkFixtures.B07;
import static org.sanwang.connectors.NetworkFixtures.G01;
import static org.sanwang.connectors.NetworkFixtures.SHUANGAN;
import static org.sanwang.connectors.NetworkFixtures.STREET;
import static org.sanwang.connectors.NetworkFixtures.XIDI;
import static org.sanwang.connectors.NetworkFixtures.codeMapping;
import static org.sanwang.connectors.NetworkFixtures.effectsOf;
import static org.sanwang.connectors.NetworkFixtures.event;
import static org.sanwang.connectors.NetworkFixtures.reasonOf;
import static org.sanwang.connectors.NetworkFixtures.subjects;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanwang.connectors.core.Decision;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.Reason;

/** The Party-building network's events in the hub's terms (CONTRACT, "Event types and their data"). */
class PartyMapperTest {
  private final PartyMapper underTest = new PartyMapper();

  private static InboundEvent notice(String subject) {
    return event(Network.PARTY, "party.notice", subject, "{\"title\":\"主题党日\",\"body\":\"周六上午九点\"}");
  }

  private static InboundEvent notice(String subject, String rolesJson) {
    return event(Network.PARTY, "party.notice", subject, "{\"title\":\"主题党日\",\"body\":\"周六上午九点\",\"roles\":" + rolesJson + "}");
  }

  private static Decision.PostToGroup post(String group) {
    return new Decision.PostToGroup(group, "notice", "【党建网】主题党日\n周六上午九点");
  }

  private static List<String> notified(Decision decision) {
    return effectsOf(decision).stream().filter(Decision.Notify.class::isInstance).map(e -> ((Decision.Notify) e).personId()).toList();
  }

  @Test
  void aNoticeToABuildingIsOnePostInThatBuildingsGroup() {
    assertThat(underTest.decide(notice(B07), subjects())).isEqualTo(new Decision.Apply(List.of(post(B07))));
  }

  @Test
  void aNoticeToACommunityIsAPostInItsChannel() {
    assertThat(underTest.decide(notice(SHUANGAN), subjects())).isEqualTo(new Decision.Apply(List.of(post(SHUANGAN))));
  }

  @Test
  void aNoticeToAStreetIsAPostInEveryCommunityChannelOfThatStreetOnly() {
    assertThat(effectsOf(underTest.decide(notice(STREET), subjects()))).containsExactlyInAnyOrder(post(SHUANGAN), post(XIDI));
  }

  @Test
  void aNoticeToAGridIsQuarantinedAsBadData() {
    var reason = reasonOf(underTest.decide(notice(G01), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.subject: ").contains("grid");
  }

  @Test
  void aNoticeWithRolesGoesToTheInboxOfEachHolderWithinTheSubjectAndNoOneOutside() {
    var decision = underTest.decide(notice(SHUANGAN, "[\"party_member\",\"building_head\"]"), subjects());
    assertThat(effectsOf(decision)).startsWith(post(SHUANGAN))
        .contains(new Decision.Notify("p-007", "notice", "【党建网】主题党日", "周六上午九点"));
    assertThat(notified(decision)).as("p-008 and p-009 are party members of other communities, p-010 heads a building elsewhere")
        .containsExactlyInAnyOrder("p-007", "p-001", "p-005");
  }

  @Test
  void rolesHeldBelowABuildingCountAsWithinItAndNeighboursDoNot() {
    var decision = underTest.decide(notice(B07, "[\"unit_head\",\"building_head\"]"), subjects());
    assertThat(notified(decision)).as("p-006 holds unit_head of B07-U2; p-005 heads B08").containsExactlyInAnyOrder("p-006", "p-001");
  }

  @Test
  void rolesOnAStreetNoticeReachEveryCommunityOfThatStreetButNotTheNextStreet() {
    var decision = underTest.decide(notice(STREET, "[\"party_member\",\"street_command\"]"), subjects());
    assertThat(notified(decision)).as("p-009 and p-011 belong to the other street").containsExactlyInAnyOrder("p-007", "p-008", "p-004");
  }

  @Test
  void anUnknownRoleIsQuarantinedAsBadData() {
    var reason = reasonOf(underTest.decide(notice(SHUANGAN, "[\"party_member\",\"chairman\"]"), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.roles: ").contains("chairman");
  }

  @Test
  void anUnmappedSubjectIsQuarantinedAsSuch() {
    assertThat(reasonOf(underTest.decide(notice("DJ-ORG-77"), subjects()))).isEqualTo(Reason.unmappedSubject("DJ-ORG-77"));
    assertThat(reasonOf(underTest.decide(notice("130803001009"), subjects())).code())
        .as("a well-formed code the hub does not have").isEqualTo("unmapped_subject");
  }

  @Test
  void aMappedSubjectAppliesToTheCodeItIsMappedTo() {
    var decision = underTest.decide(notice("DJ-ORG-77"), subjects(codeMapping("DJ-ORG-77", B07)));
    assertThat(decision).isEqualTo(new Decision.Apply(List.of(post(B07))));
  }

  @Test
  void aMappingToACodeThatNoLongerExistsIsQuarantinedAsAnUnknownCode() {
    var gone = SHUANGAN + "-B99";
    var reason = reasonOf(underTest.decide(notice("DJ-ORG-77"), subjects(codeMapping("DJ-ORG-77", gone))));
    assertThat(reason).isEqualTo(Reason.unknownCode("subject", gone));
  }

  @Test
  void aWishIsATypeTheHubDoesNotHandleYet() {
    var wish = event(Network.PARTY, "party.wish.posted", SHUANGAN, "{\"wishId\":\"W-1\",\"title\":\"修水管\",\"residentName\":\"李大爷\"}");
    assertThat(reasonOf(underTest.decide(wish, subjects()))).isEqualTo(Reason.unknownType("party.wish.posted"));
  }

  @Test
  void aCommunityTypeSentByThePartyNetworkIsNotItsToSend() {
    var foreign = event(Network.PARTY, "community.notice", SHUANGAN, "{\"title\":\"停水\",\"body\":\"明天\"}");
    var reason = reasonOf(underTest.decide(foreign, subjects()));
    assertThat(reason).isEqualTo(Reason.wrongNetwork("community.notice", Network.PARTY));
    assertThat(reason.code()).isEqualTo("unknown_type");
  }

  @org.junit.jupiter.api.Test
  void aTitleTheNetworkAlreadyMarkedIsMarkedOnceNotTwice() {
    org.assertj.core.api.Assertions.assertThat(org.sanwang.connectors.core.NetworkMapper.marked(org.sanwang.connectors.core.Network.PARTY, "【党建网】停水通知")).isEqualTo("【党建网】停水通知");
    org.assertj.core.api.Assertions.assertThat(org.sanwang.connectors.core.NetworkMapper.marked(org.sanwang.connectors.core.Network.PARTY, "停水通知")).isEqualTo("【党建网】停水通知");
  }
}
