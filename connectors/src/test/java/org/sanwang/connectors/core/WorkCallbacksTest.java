package org.sanwang.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanwang.connectors.NetworkFixtures.B07;
import static org.sanwang.connectors.NetworkFixtures.G01;
import static org.sanwang.connectors.NetworkFixtures.SHUANGAN;
import static org.sanwang.connectors.NetworkFixtures.STREET;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.work.AppointmentEntity;
import org.sanwang.hub.work.AppointmentFacts;
import org.sanwang.hub.work.CaseDeadlines;
import org.sanwang.hub.work.CaseEntity;
import org.sanwang.hub.work.CaseFacts;
import org.sanwang.hub.work.Level;
import org.sanwang.hub.work.WishEntity;
import org.sanwang.hub.work.WishFacts;
import org.sanwang.hub.work.Work;
import org.sanwang.hub.work.WorkBook;

/**
 * Which changes made in the hub go back to the network that owns the case, wish or appointment, and as
 * what CloudEvent (CONTRACT, "Outbound callbacks"). States are built by the entities' own pure folds,
 * as the {@link WorkBook} builds them.
 */
class WorkCallbacksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofHours(2));
  private static final Instant T2 = T0.plus(Duration.ofHours(5));
  private static final Actor GRID_MEMBER = new Actor("p-002", "赵强", "grid_member");
  private static final Actor BUILDING_HEAD = new Actor("p-001", "王芳", "building_head");

  /** The change {@code event} makes to the thing after {@code history}, at sequence number {@code history.size() + 1}. */
  private static <S, E> WorkBook.Change<S> change(String id, S empty, BiFunction<S, E, S> fold, List<E> history, E event) {
    S before = empty;
    for (var e : history) before = fold.apply(before, e);
    return new WorkBook.Change<>(id, history.size() + 1, event, before, fold.apply(before, event));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The callback, which must be there, as the CloudEvent sent. */
  private static JsonNode sent(Optional<OutboundEvent> callback) {
    assertThat(callback).isPresent();
    var event = json(callback.get().json());
    assertThat(event.get("specversion").asText()).isEqualTo("1.0");
    assertThat(event.get("source").asText()).isEqualTo(OutboundEvent.SOURCE);
    assertThat(event.get("id").asText()).isEqualTo(callback.get().id());
    assertThat(event.get("type").asText()).isEqualTo(callback.get().type());
    assertThat(event.get("subject").asText()).isEqualTo(callback.get().subject());
    return event;
  }

  // Cases

  private static final String CASE = "GC-2026-0001";
  private static final CaseFacts NETWORK_CASE = new CaseFacts(CASE, "环境卫生", "楼道堆物", null, B07, G01, SHUANGAN, STREET, "张三",
      null, null, List.of(), "governance", "WG-0007");
  private static final CaseFacts HUB_CASE = new CaseFacts("c-20261122-0001", "environment", "楼道堆物", null, B07, G01, SHUANGAN,
      STREET, null, null, BUILDING_HEAD, List.of(), CaseFacts.HUB, null);

  private static CaseEntity.Event reported(CaseFacts facts, String key) {
    return new CaseEntity.CaseReported(facts, CaseDeadlines.DEFAULT, T0.plus(Duration.ofHours(24)), key, T0);
  }

  private static WorkBook.Change<CaseEntity.State> caseChange(CaseFacts facts, List<CaseEntity.Event> history, CaseEntity.Event event) {
    return change(facts.caseId(), new CaseEntity.NotReported(facts.caseId()), CaseEntity::applied, history, event);
  }

  private static WorkBook.Change<CaseEntity.State> ofNetworkCase(CaseEntity.Event event) {
    return caseChange(NETWORK_CASE, List.of(reported(NETWORK_CASE, "governance:3:0")), event);
  }

  @Test
  void anAcceptanceInTheHubIsGovernanceCaseAcceptedToTheNetworksSubject() {
    var callback = WorkCallbacks.ofCase(ofNetworkCase(new CaseEntity.CaseAccepted(GRID_MEMBER, "马上到", null, T1)));
    var event = sent(callback);
    assertThat(callback.get().type()).isEqualTo("governance.case.accepted");
    assertThat(callback.get().id()).isEqualTo("case-" + CASE + "-2");
    assertThat(callback.get().subject()).as("the network's own name for the place").isEqualTo("WG-0007");
    assertThat(event.get("time").asText()).isEqualTo(T1.toString());
    assertThat(event.get("data")).isEqualTo(json("""
        {"caseId":"GC-2026-0001","level":"community","by":"p-002","byName":"赵强","note":"马上到"}"""));
  }

  @Test
  void anEscalationByHandIsGovernanceCaseEscalatedWithTheLevelAndDeadline() {
    var deadline = T1.plus(Duration.ofHours(72));
    var callback = WorkCallbacks.ofCase(ofNetworkCase(
        new CaseEntity.CaseEscalated(Level.street, deadline, GRID_MEMBER, "需街道协调", false, null, T1)));
    var event = sent(callback);
    assertThat(callback.get().type()).isEqualTo("governance.case.escalated");
    assertThat(event.get("data")).isEqualTo(json("""
        {"caseId":"GC-2026-0001","level":"street","deadline":"%s","by":"p-002","byName":"赵强","note":"需街道协调"}"""
        .formatted(deadline)));
  }

  @Test
  void anEscalationWhenTheDeadlinePassedIsMarkedAutoAndByNobody() {
    var deadline = T1.plus(Duration.ofDays(7));
    var callback = WorkCallbacks.ofCase(ofNetworkCase(
        new CaseEntity.CaseEscalated(Level.district, deadline, null, "逾期未办结，自动升级", true, null, T1)));
    assertThat(sent(callback).get("data")).isEqualTo(json("""
        {"caseId":"GC-2026-0001","level":"district","deadline":"%s","auto":true,"note":"逾期未办结，自动升级"}""".formatted(deadline)));
  }

  @Test
  void aResolutionInTheHubIsGovernanceCaseResolvedWithItsNoteAndPhotos() {
    var history = List.of(reported(NETWORK_CASE, "governance:3:0"), new CaseEntity.CaseAccepted(GRID_MEMBER, null, null, T1));
    var callback = WorkCallbacks.ofCase(caseChange(NETWORK_CASE, history,
        new CaseEntity.CaseResolved(GRID_MEMBER, "已清理", List.of("/api/v1/photos/ph-1"), null, T2)));
    var event = sent(callback);
    assertThat(callback.get().type()).isEqualTo("governance.case.resolved");
    assertThat(callback.get().id()).isEqualTo("case-" + CASE + "-3");
    assertThat(event.get("time").asText()).isEqualTo(T2.toString());
    assertThat(event.get("data")).isEqualTo(json("""
        {"caseId":"GC-2026-0001","level":"community","by":"p-002","byName":"赵强","note":"已清理","photos":["/api/v1/photos/ph-1"]}"""));
  }

  @Test
  void aCaseMadeInTheHubIsToldOfWithItsBuildingAsTheSubject() {
    var callback = WorkCallbacks.ofCase(caseChange(HUB_CASE, List.of(reported(HUB_CASE, null)),
        new CaseEntity.CaseAccepted(GRID_MEMBER, null, null, T1)));
    assertThat(sent(callback).get("data").get("caseId").asText()).isEqualTo("c-20261122-0001");
    assertThat(callback.get().subject()).isEqualTo(B07);
    assertThat(callback.get().id()).isEqualTo("case-c-20261122-0001-2");
  }

  @Test
  void aCaseChangeTheNetworkSentIsNotEchoedBack() {
    var network = Work.network("governance", "治理网");
    assertThat(WorkCallbacks.ofCase(ofNetworkCase(
        new CaseEntity.CaseEscalated(Level.street, T2, network, null, false, "governance:4:0", T1)))).isEmpty();
    assertThat(WorkCallbacks.ofCase(ofNetworkCase(new CaseEntity.CaseResolved(network, "已处理", List.of(), "governance:5:0", T1))))
        .isEmpty();
    assertThat(WorkCallbacks.ofCase(ofNetworkCase(new CaseEntity.CaseAccepted(GRID_MEMBER, null, "governance:6:0", T1))))
        .as("whoever it names, a change carrying a network key came from the network").isEmpty();
  }

  @Test
  void reportsRatingsAndClosingsAreNotCallbacks() {
    assertThat(WorkCallbacks.ofCase(caseChange(HUB_CASE, List.of(), reported(HUB_CASE, null)))).isEmpty();
    var resolved = List.of(reported(NETWORK_CASE, "governance:3:0"),
        new CaseEntity.CaseResolved(GRID_MEMBER, "已清理", List.of(), null, T1));
    assertThat(WorkCallbacks.ofCase(caseChange(NETWORK_CASE, resolved, new CaseEntity.CaseRated(BUILDING_HEAD, 5, "满意", null, T2))))
        .isEmpty();
    assertThat(WorkCallbacks.ofCase(caseChange(NETWORK_CASE, resolved, new CaseEntity.CaseClosed(BUILDING_HEAD, null, null, null, T2))))
        .isEmpty();
  }

  @Test
  void aChangeOfACaseNeverReportedIsNoCallback() {
    assertThat(WorkCallbacks.ofCase(caseChange(NETWORK_CASE, List.of(), new CaseEntity.CaseAccepted(GRID_MEMBER, null, null, T1)))).isEmpty();
  }


  // Wishes

  private static final String WISH = "W-1";
  private static final Actor MEMBER = new Actor("pm-DY-0101", "张党员", "party_member");
  private static final WishFacts NETWORK_WISH = new WishFacts(WISH, "修水管", null, B07, SHUANGAN, "r-001", "李大爷", null, 20, null,
      "party", "DJ-LOU-7");

  private static WorkBook.Change<WishEntity.State> wishChange(WishFacts facts, List<WishEntity.Event> history, WishEntity.Event event) {
    return change(facts.wishId(), new WishEntity.NotPosted(facts.wishId()), WishEntity::applied, history, event);
  }

  private static WishEntity.Event posted(WishFacts facts, String key) {
    return new WishEntity.WishPosted(facts, key, T0);
  }

  private static List<WishEntity.Event> claimedBy(Actor member) {
    return List.of(posted(NETWORK_WISH, "party:5:0"), new WishEntity.WishClaimed(member, null, T1));
  }

  @Test
  void aClaimInTheHubIsPartyWishClaimedWithTheNetworksOwnMemberId() {
    var callback = WorkCallbacks.ofWish(wishChange(NETWORK_WISH, List.of(posted(NETWORK_WISH, "party:5:0")),
        new WishEntity.WishClaimed(MEMBER, null, T1)));
    var event = sent(callback);
    assertThat(callback.get().type()).isEqualTo("party.wish.claimed");
    assertThat(callback.get().id()).isEqualTo("wish-W-1-2");
    assertThat(callback.get().subject()).isEqualTo("DJ-LOU-7");
    assertThat(event.get("time").asText()).isEqualTo(T1.toString());
    assertThat(event.get("data")).as("pm-DY-0101 is the hub's person for the network's member DY-0101").isEqualTo(json("""
        {"wishId":"W-1","memberId":"DY-0101","memberName":"张党员"}"""));
  }

  @Test
  void aMemberTheHubKnewBeforeIsNamedByTheHubsId() {
    var callback = WorkCallbacks.ofWish(wishChange(NETWORK_WISH, List.of(posted(NETWORK_WISH, "party:5:0")),
        new WishEntity.WishClaimed(new Actor("p-007", "陈红", "party_member"), null, T1)));
    assertThat(sent(callback).get("data").get("memberId").asText()).isEqualTo("p-007");
  }

  @Test
  void aFulfilmentIsPartyWishFulfilledWithTheNoteAndTheMember() {
    var callback = WorkCallbacks.ofWish(wishChange(NETWORK_WISH, claimedBy(MEMBER), new WishEntity.WishFulfilled(MEMBER, "已修好", null, T2)));
    assertThat(callback.get().type()).isEqualTo("party.wish.fulfilled");
    assertThat(callback.get().id()).isEqualTo("wish-W-1-3");
    assertThat(sent(callback).get("data")).isEqualTo(json("""
        {"wishId":"W-1","note":"已修好","memberId":"DY-0101","memberName":"张党员"}"""));
  }

  @Test
  void aConfirmationIsPartyWishConfirmedWithThePointsAwarded() {
    var history = List.of(posted(NETWORK_WISH, "party:5:0"), new WishEntity.WishClaimed(MEMBER, null, T1),
        new WishEntity.WishFulfilled(MEMBER, "已修好", null, T1));
    var callback = WorkCallbacks.ofWish(wishChange(NETWORK_WISH, history,
        new WishEntity.WishConfirmed(BUILDING_HEAD, 5, "很及时", null, T2)));
    assertThat(callback.get().type()).isEqualTo("party.wish.confirmed");
    assertThat(callback.get().id()).isEqualTo("wish-W-1-4");
    assertThat(sent(callback).get("data")).isEqualTo(json("""
        {"wishId":"W-1","note":"很及时","rating":5,"points":20,"memberId":"DY-0101","memberName":"张党员"}"""));
  }

  @Test
  void aWishMadeInTheHubIsToldOfWithItsBuildingOrCommunityAsTheSubject() {
    var inBuilding = new WishFacts("w-hub-1", "陪同就医", null, B07, SHUANGAN, null, "李大爷", null, 10, BUILDING_HEAD, "hub", null);
    assertThat(WorkCallbacks.ofWish(wishChange(inBuilding, List.of(posted(inBuilding, null)), new WishEntity.WishClaimed(MEMBER, null, T1)))
        .orElseThrow().subject()).isEqualTo(B07);
    var inCommunity = new WishFacts("w-hub-2", "陪同就医", null, null, SHUANGAN, null, "李大爷", null, 10, BUILDING_HEAD, "hub", null);
    assertThat(WorkCallbacks.ofWish(wishChange(inCommunity, List.of(posted(inCommunity, null)), new WishEntity.WishClaimed(MEMBER, null, T1)))
        .orElseThrow().subject()).isEqualTo(SHUANGAN);
  }

  @Test
  void aWishChangeTheNetworkSentIsNotEchoedBack() {
    assertThat(WorkCallbacks.ofWish(wishChange(NETWORK_WISH, List.of(posted(NETWORK_WISH, "party:5:0")),
        new WishEntity.WishClaimed(MEMBER, "party:6:0", T1)))).isEmpty();
    var party = Work.network("party", "党建网");
    assertThat(WorkCallbacks.ofWish(wishChange(NETWORK_WISH, claimedBy(MEMBER), new WishEntity.WishFulfilled(party, null, "party:7:0", T2))))
        .isEmpty();
  }

  @Test
  void postingsAndCancellationsAreNotCallbacks() {
    assertThat(WorkCallbacks.ofWish(wishChange(NETWORK_WISH, List.of(), posted(NETWORK_WISH, null)))).isEmpty();
    assertThat(WorkCallbacks.ofWish(wishChange(NETWORK_WISH, claimedBy(MEMBER), new WishEntity.WishCancelled(BUILDING_HEAD, "不需要了", null, T2))))
        .isEmpty();
  }

  @Test
  void theMemberIdLosesOnlyALeadingPm() {
    assertThat(WorkCallbacks.memberId(new Actor("pm-DY-0101", "张党员", "party_member"))).isEqualTo("DY-0101");
    assertThat(WorkCallbacks.memberId(new Actor("p-007", "陈红", "party_member"))).isEqualTo("p-007");
    assertThat(WorkCallbacks.memberId(new Actor("DY-pm-1", "某", "party_member"))).isEqualTo("DY-pm-1");
  }


  // Appointments

  private static final String APPOINTMENT = "SQ-A-0001";
  private static final AppointmentFacts APPOINTMENT_FACTS = new AppointmentFacts(APPOINTMENT, "r-001", "李大爷", B07, SHUANGAN, "代缴水费", T2,
      null, "SQ-LOU-7");

  private static WorkBook.Change<AppointmentEntity.State> appointmentChange(AppointmentFacts facts, List<AppointmentEntity.Event> history,
      AppointmentEntity.Event event) {
    return change(facts.appointmentId(), new AppointmentEntity.NotRequested(facts.appointmentId()), AppointmentEntity::applied,
        history, event);
  }

  private static AppointmentEntity.Event requested(AppointmentFacts facts) {
    return new AppointmentEntity.AppointmentRequested(facts, "community:9:0", T0);
  }

  @Test
  void anAcceptanceIsCommunityAppointmentAcceptedByTheGridMember() {
    var callback = WorkCallbacks.ofAppointment(appointmentChange(APPOINTMENT_FACTS, List.of(requested(APPOINTMENT_FACTS)),
        new AppointmentEntity.AppointmentAccepted(GRID_MEMBER, null, T1)));
    var event = sent(callback);
    assertThat(callback.get().type()).isEqualTo("community.appointment.accepted");
    assertThat(callback.get().id()).isEqualTo("appointment-SQ-A-0001-2");
    assertThat(callback.get().subject()).isEqualTo("SQ-LOU-7");
    assertThat(event.get("time").asText()).isEqualTo(T1.toString());
    assertThat(event.get("data")).isEqualTo(json("""
        {"appointmentId":"SQ-A-0001","by":"p-002","byName":"赵强"}"""));
  }

  @Test
  void aCompletionIsCommunityAppointmentCompletedWithTheNote() {
    var history = List.of(requested(APPOINTMENT_FACTS), new AppointmentEntity.AppointmentAccepted(GRID_MEMBER, null, T1));
    var callback = WorkCallbacks.ofAppointment(appointmentChange(APPOINTMENT_FACTS, history,
        new AppointmentEntity.AppointmentCompleted(GRID_MEMBER, "水费已缴", null, T2)));
    assertThat(callback.get().type()).isEqualTo("community.appointment.completed");
    assertThat(callback.get().id()).isEqualTo("appointment-SQ-A-0001-3");
    assertThat(sent(callback).get("data")).isEqualTo(json("""
        {"appointmentId":"SQ-A-0001","by":"p-002","byName":"赵强","note":"水费已缴"}"""));
  }

  @Test
  void anAppointmentWithoutTheNetworksSubjectIsToldOfByItsBuilding() {
    var facts = new AppointmentFacts(APPOINTMENT, "r-001", "李大爷", B07, SHUANGAN, "代缴水费", null, null, null);
    assertThat(WorkCallbacks.ofAppointment(appointmentChange(facts, List.of(requested(facts)),
        new AppointmentEntity.AppointmentAccepted(GRID_MEMBER, null, T1))).orElseThrow().subject()).isEqualTo(B07);
  }

  @Test
  void anAppointmentChangeTheNetworkSentIsNotEchoedBack() {
    assertThat(WorkCallbacks.ofAppointment(appointmentChange(APPOINTMENT_FACTS, List.of(requested(APPOINTMENT_FACTS)),
        new AppointmentEntity.AppointmentAccepted(GRID_MEMBER, "community:10:0", T1)))).isEmpty();
  }

  @Test
  void requestsAndCancellationsAreNotCallbacks() {
    assertThat(WorkCallbacks.ofAppointment(appointmentChange(APPOINTMENT_FACTS, List.of(), new AppointmentEntity.AppointmentRequested(APPOINTMENT_FACTS, null, T0))))
        .isEmpty();
    assertThat(WorkCallbacks.ofAppointment(appointmentChange(APPOINTMENT_FACTS, List.of(requested(APPOINTMENT_FACTS)),
        new AppointmentEntity.AppointmentCancelled(GRID_MEMBER, "居民取消", null, T1)))).isEmpty();
  }

}
