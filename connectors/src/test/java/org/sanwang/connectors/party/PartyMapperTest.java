package org.sanwang.connectors.party;

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
import static org.sanwang.connectors.NetworkFixtures.person;
import static org.sanwang.connectors.NetworkFixtures.personMapping;
import static org.sanwang.connectors.NetworkFixtures.reasonOf;
import static org.sanwang.connectors.NetworkFixtures.subjects;
import static org.sanwang.connectors.NetworkFixtures.treeWith;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanwang.connectors.core.Decision;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.Reason;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.work.WishFacts;
import org.sanwang.hub.work.Work;

/** The Party-building network's events in the hub's terms (CONTRACT, "Event types and their data"). */
class PartyMapperTest {
  /** The party network acting on its own wish. */
  private static final Actor PARTY = Work.network("party", "党建网");

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

  // 双报到

  private static InboundEvent member(String subject, String extra) {
    return event(Network.PARTY, "party.member.reported", subject,
        "{\"memberId\":\"DY-0101\",\"name\":\"张党员\",\"phone\":\"+8613700000101\"" + extra + "}");
  }

  @Test
  void aNewMemberBecomesThePersonPmMemberIdWithTheCommunityAndBuilding() {
    var decision = underTest.decide(member(SHUANGAN, ",\"workplace\":\"市税务局\",\"building\":\"" + B07 + "\""), subjects());
    assertThat(decision).isEqualTo(new Decision.Apply(List.of(new Decision.ReportMember("pm-DY-0101", "张党员", "+8613700000101",
        SHUANGAN, B07, "市税务局", "DY-0101"))));
  }

  @Test
  void aMemberWithoutBuildingOrWorkplaceHasNeither() {
    assertThat(underTest.decide(member(SHUANGAN, ""), subjects())).isEqualTo(new Decision.Apply(List.of(
        new Decision.ReportMember("pm-DY-0101", "张党员", "+8613700000101", SHUANGAN, null, null, "DY-0101"))));
  }

  @Test
  void aMemberWhosePhoneTheHubKnowsIsThatPerson() {
    var decision = underTest.decide(event(Network.PARTY, "party.member.reported", SHUANGAN,
        "{\"memberId\":\"DY-0007\",\"name\":\"陈红\",\"phone\":\"+8613800000007\"}"), subjects());
    assertThat(effectsOf(decision)).containsExactly(new Decision.ReportMember("p-007", "陈红", "+8613800000007", SHUANGAN, null, null,
        "DY-0007"));
  }

  @Test
  void aMemberWhoseIdIsMappedIsTheMappedPersonWhateverThePhone() {
    var decision = underTest.decide(member(SHUANGAN, ""), subjects(personMapping("DY-0101", "p-003")));
    assertThat(effectsOf(decision)).singleElement().isInstanceOfSatisfying(Decision.ReportMember.class,
        m -> assertThat(m.personId()).isEqualTo("p-003"));
  }

  @Test
  void aMemberReportedAgainIsTheSamePerson() {
    var reported = treeWith(person("pm-DY-0101", "张党员", "+8613700000101", "party_member", SHUANGAN));
    var decision = underTest.decide(member(SHUANGAN, ""), subjects(reported));
    assertThat(effectsOf(decision)).singleElement().isInstanceOfSatisfying(Decision.ReportMember.class,
        m -> assertThat(m.personId()).isEqualTo("pm-DY-0101"));
  }

  @Test
  void aMembersBuildingNamedByAMappedIdIsTheHubsBuilding() {
    var decision = underTest.decide(member(SHUANGAN, ",\"building\":\"DJ-LOU-7\""), subjects(codeMapping("DJ-LOU-7", B07)));
    assertThat(effectsOf(decision)).singleElement().isInstanceOfSatisfying(Decision.ReportMember.class,
        m -> assertThat(m.building()).isEqualTo(B07));
  }

  @Test
  void aMembersBuildingInAnotherCommunityIsBadDataNamingTheBuilding() {
    var reason = reasonOf(underTest.decide(member(SHUANGAN, ",\"building\":\"" + XIDI_B01 + "\""), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.building: ").contains(XIDI_B01);
  }

  @Test
  void aMembersBuildingThatIsAGridIsBadDataNamingTheBuilding() {
    var reason = reasonOf(underTest.decide(member(SHUANGAN, ",\"building\":\"" + G01 + "\""), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.building: ");
  }

  @Test
  void aMembersBuildingTheHubDoesNotKnowIsAnUnknownCode() {
    assertThat(reasonOf(underTest.decide(member(SHUANGAN, ",\"building\":\"DJ-LOU-9\""), subjects())))
        .isEqualTo(Reason.unknownCode("building", "DJ-LOU-9"));
  }

  @Test
  void aMemberReportsToACommunityNotABuilding() {
    var reason = reasonOf(underTest.decide(member(B07, ""), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.subject: ");
  }

  @Test
  void aPhoneThatIsNoPhoneNumberIsBadDataNamingThePhone() {
    for (String phone : new String[] {"call me", "12345", "+86-138-0000-0007-0000-0000"}) {
      var reason = reasonOf(underTest.decide(event(Network.PARTY, "party.member.reported", SHUANGAN,
          "{\"memberId\":\"DY-0101\",\"name\":\"张党员\",\"phone\":\"" + phone + "\"}"), subjects()));
      assertThat(reason.code()).as(phone).isEqualTo("bad_data");
      assertThat(reason.en()).as(phone).startsWith("data.phone: ");
    }
  }

  @Test
  void aMemberIdTheHubCannotKeepIsBadDataNamingTheMemberId() {
    var reason = reasonOf(underTest.decide(event(Network.PARTY, "party.member.reported", SHUANGAN,
        "{\"memberId\":\"DY 0101\",\"name\":\"张党员\",\"phone\":\"+8613700000101\"}"), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.memberId: ");
  }

  // 微心愿

  private static InboundEvent posted(String subject, String extra) {
    return event(Network.PARTY, "party.wish.posted", subject,
        "{\"wishId\":\"W-1\",\"title\":\"修水管\",\"residentName\":\"李大爷\"" + extra + "}");
  }

  private static InboundEvent wishChange(String type, String dataJson) {
    return event(Network.PARTY, type, B07, dataJson);
  }

  @Test
  void aWishPostedOnABuildingIsAWishThereWorthTenPointsByDefault() {
    var decision = underTest.decide(posted(B07, ",\"detail\":\"厨房漏水\",\"residentId\":\"r-001\",\"phone\":\"+8613900000001\""),
        subjects());
    assertThat(decision).isEqualTo(new Decision.Apply(List.of(new Decision.PostWish(new WishFacts("W-1", "修水管", "厨房漏水", B07,
        SHUANGAN, "r-001", "李大爷", "+8613900000001", PartyMapper.DEFAULT_POINTS, null, "party", B07)))));
    assertThat(PartyMapper.DEFAULT_POINTS).isEqualTo(10);
  }

  @Test
  void aWishPostedOnACommunityHasNoBuilding() {
    assertThat(underTest.decide(posted(SHUANGAN, ""), subjects())).isEqualTo(new Decision.Apply(List.of(new Decision.PostWish(
        new WishFacts("W-1", "修水管", null, null, SHUANGAN, null, "李大爷", null, 10, null, "party", SHUANGAN)))));
  }

  @Test
  void aWishOnAMappedSubjectKeepsTheNetworksSubjectAndTheMappedResident() {
    var decision = underTest.decide(posted("DJ-LOU-7", ",\"residentId\":\"DJ-R-1\""),
        subjects(codeMapping("DJ-LOU-7", B07), personMapping("DJ-R-1", "r-001")));
    assertThat(effectsOf(decision)).singleElement().isInstanceOfSatisfying(Decision.PostWish.class, p -> {
      assertThat(p.facts().building()).isEqualTo(B07);
      assertThat(p.facts().subject()).isEqualTo("DJ-LOU-7");
      assertThat(p.facts().residentId()).isEqualTo("r-001");
    });
  }

  @Test
  void pointsFromOneToAHundredAreTheWishsWorth() {
    for (int points : new int[] {1, 30, 100}) {
      var decision = underTest.decide(posted(B07, ",\"points\":" + points), subjects());
      assertThat(effectsOf(decision)).singleElement().isInstanceOfSatisfying(Decision.PostWish.class,
          p -> assertThat(p.facts().points()).isEqualTo(points));
    }
  }

  @Test
  void pointsOutOfRangeAreBadDataNamingThePoints() {
    for (int points : new int[] {0, -5, 101}) {
      var reason = reasonOf(underTest.decide(posted(B07, ",\"points\":" + points), subjects()));
      assertThat(reason.code()).as("points " + points).isEqualTo("bad_data");
      assertThat(reason.en()).as("points " + points).startsWith("data.points: ");
    }
  }

  @Test
  void pointsTooBigForAnIntAreBadDataNotWrapped() {
    var reason = reasonOf(underTest.decide(posted(B07, ",\"points\":4294967306"), subjects()));
    assertThat(reason.code()).isEqualTo("bad_data");
    assertThat(reason.en()).startsWith("data.points: ");
  }

  @Test
  void aWishOnAGridOrStreetIsBadDataNamingTheSubject() {
    for (String subject : new String[] {G01, STREET}) {
      var reason = reasonOf(underTest.decide(posted(subject, ""), subjects()));
      assertThat(reason.code()).as(subject).isEqualTo("bad_data");
      assertThat(reason.en()).as(subject).startsWith("data.subject: ");
    }
  }

  @Test
  void aWishIdTheHubCannotKeepIsBadDataNamingTheWishIdForEveryWishType() {
    var reason = reasonOf(underTest.decide(event(Network.PARTY, "party.wish.posted", B07,
        "{\"wishId\":\"W 1\",\"title\":\"修水管\",\"residentName\":\"李大爷\"}"), subjects()));
    assertThat(reason.en()).startsWith("data.wishId: ");
    for (String type : new String[] {"party.wish.claimed", "party.wish.fulfilled", "party.wish.confirmed", "party.wish.cancelled"}) {
      var changed = reasonOf(underTest.decide(wishChange(type, "{\"wishId\":\"W/1\"}"), subjects()));
      assertThat(changed.code()).as(type).isEqualTo("bad_data");
      assertThat(changed.en()).as(type).startsWith("data.wishId: ");
    }
  }

  @Test
  void aClaimByAReportedMemberIsTheirsAsThePersonTheReportMade() {
    var subjects = subjects(treeWith(person("pm-DY-0101", "张党员", "+8613700000101", "party_member", SHUANGAN)));
    var decision = underTest.decide(wishChange("party.wish.claimed", "{\"wishId\":\"W-1\",\"memberId\":\"DY-0101\"}"), subjects);
    assertThat(decision).isEqualTo(new Decision.Apply(List.of(new Decision.ChangeWish("W-1", "claimed",
        new Actor("pm-DY-0101", "张党员", "party_member"), null, null))));
  }

  @Test
  void aClaimByAMappedMemberIsTheMappedPersons() {
    var decision = underTest.decide(wishChange("party.wish.claimed", "{\"wishId\":\"W-1\",\"memberId\":\"DY-0007\",\"note\":\"周六去\"}"),
        subjects(personMapping("DY-0007", "p-007")));
    assertThat(effectsOf(decision)).containsExactly(new Decision.ChangeWish("W-1", "claimed", new Actor("p-007", "陈红", "party_member"),
        "周六去", null));
  }

  @Test
  void aClaimByAMemberTheHubDoesNotKnowIsAnUnknownPerson() {
    assertThat(reasonOf(underTest.decide(wishChange("party.wish.claimed", "{\"wishId\":\"W-1\",\"memberId\":\"DY-4040\"}"),
        subjects()))).isEqualTo(Reason.unknownPerson("memberId", "DY-4040"));
  }

  @Test
  void aClaimNamingNoMemberIsTheNetworksOwn() {
    assertThat(underTest.decide(wishChange("party.wish.claimed", "{\"wishId\":\"W-1\"}"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(new Decision.ChangeWish("W-1", "claimed", PARTY, null, null))));
    assertThat(PARTY.role()).isEqualTo(Work.NETWORK_ROLE);
  }

  @Test
  void fulfilledConfirmedAndCancelledAreTheNetworksChangesWithItsNoteAndRating() {
    assertThat(underTest.decide(wishChange("party.wish.fulfilled", "{\"wishId\":\"W-1\",\"note\":\"已修好\"}"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(new Decision.ChangeWish("W-1", "fulfilled", PARTY, "已修好", null))));
    assertThat(underTest.decide(wishChange("party.wish.confirmed", "{\"wishId\":\"W-1\",\"rating\":5}"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(new Decision.ChangeWish("W-1", "confirmed", PARTY, null, 5))));
    assertThat(underTest.decide(wishChange("party.wish.cancelled", "{\"wishId\":\"W-1\",\"note\":\"已自行解决\"}"), subjects()))
        .isEqualTo(new Decision.Apply(List.of(new Decision.ChangeWish("W-1", "cancelled", PARTY, "已自行解决", null))));
  }

  @Test
  void aConfirmationRatedOutsideOneToFiveIsBadDataNamingTheRating() {
    for (int rating : new int[] {0, 6}) {
      var reason = reasonOf(underTest.decide(wishChange("party.wish.confirmed", "{\"wishId\":\"W-1\",\"rating\":" + rating + "}"),
          subjects()));
      assertThat(reason.code()).isEqualTo("bad_data");
      assertThat(reason.en()).startsWith("data.rating: ");
    }
  }

  @Test
  void aPartyTypeTheContractDoesNotNameIsAnUnknownType() {
    assertThat(reasonOf(underTest.decide(wishChange("party.wish.reopened", "{\"wishId\":\"W-1\"}"), subjects())))
        .isEqualTo(Reason.unknownType("party.wish.reopened"));
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
