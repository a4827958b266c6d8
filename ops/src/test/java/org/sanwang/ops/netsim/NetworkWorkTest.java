package org.sanwang.ops.netsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.sanwang.connectors.core.EventSchemas;

class NetworkWorkTest {
  static final Set<String> ALL = Set.of("party", "governance", "community");
  /** Saturday 21 November 2026, midnight in China. */
  static final Instant MIDNIGHT = ZonedDateTime.of(2026, 11, 21, 0, 0, 0, 0, WorkClock.CHINA).toInstant();
  static final Instant NINE = MIDNIGHT.plus(Duration.ofHours(9));
  static final DemoRoster ROSTER = DemoRoster.of(NetworkEvents.DEMO_COMMUNITIES);

  /** The contract's required data fields of each type of the networks' work (CONTRACT "Event types and their data"). */
  static final Map<String, List<String>> REQUIRED = Map.ofEntries(
      Map.entry("party.member.reported", List.of("memberId", "name", "phone")),
      Map.entry("party.wish.posted", List.of("wishId", "title", "residentName")),
      Map.entry("party.wish.claimed", List.of("wishId")),
      Map.entry("party.wish.fulfilled", List.of("wishId")),
      Map.entry("party.wish.confirmed", List.of("wishId")),
      Map.entry("party.wish.cancelled", List.of("wishId")),
      Map.entry("governance.case.reported", List.of("caseId", "category", "description")),
      Map.entry("governance.case.dispatched", List.of("caseId", "level")),
      Map.entry("governance.case.escalated", List.of("caseId", "level")),
      Map.entry("governance.case.resolved", List.of("caseId")),
      Map.entry("governance.case.rated", List.of("caseId")),
      Map.entry("governance.case.closed", List.of("caseId")),
      Map.entry("community.appointment.requested", List.of("appointmentId", "residentId", "service")),
      Map.entry("community.appointment.cancelled", List.of("appointmentId")));

  // ---- what the events carry ------------------------------------------------------------------

  @Test
  void everyEventCarriesTheDataItsTypeRequiresAndEveryTypeOfTheWorkComesUp() {
    var events = play(new NetworkWork(1, ROSTER, 0.1, 40, ALL, NINE), NINE, Duration.ofDays(2), hubDoesNothing());

    assertThat(events).extracting(e -> e.event().get("type").asText()).containsAll(REQUIRED.keySet());
    assertThat(events).allSatisfy(d -> {
      var e = d.event();
      String type = e.get("type").asText();
      assertThat(type).startsWith(d.network() + ".");
      assertThat(e.get("specversion").asText()).isEqualTo("1.0");
      assertThat(e.get("source").asText()).isEqualTo(NetworkEvents.SOURCES.get(d.network()));
      assertThat(e.get("data").fieldNames()).toIterable().as(e.toString()).containsAll(REQUIRED.get(type));
      assertThat(EventSchemas.known(type)).isTrue();
      assertThat(EventSchemas.problem(type, e.get("data"))).as(e.toString()).isEmpty();
    });
  }

  @Test
  void newItemsReadLikeTheDistrictsOwn() {
    var events = play(new NetworkWork(2, ROSTER, 0, 40, ALL, NINE), NINE, Duration.ofDays(1), hubDoesNothing());

    assertThat(ofType(events, "party.member.reported")).hasSizeBetween(3 * 28, 5 * 28).allSatisfy(e -> {
      var m = e.get("data");
      assertThat(e.get("subject").asText()).matches("1308030\\d{5}");
      assertThat(m.get("memberId").asText()).matches("DY-\\d{4}");
      assertThat(m.get("phone").asText()).matches("\\+86139\\d{8}");
      assertThat(m.get("name").asText()).matches("\\p{IsHan}{2,3}");
      assertThat(m.get("workplace").asText()).isIn(WorkContent.WORKPLACES);
      assertThat(ROSTER.building(m.get("building").asText())).isPresent();
      assertThat(m.get("building").asText()).startsWith(e.get("subject").asText() + "-B");
    });
    assertThat(ofType(events, "party.member.reported")).extracting(e -> e.at("/data/memberId").asText()).doesNotHaveDuplicates();
    assertThat(ofType(events, "governance.case.reported")).allSatisfy(e -> {
      assertThat(e.at("/data/caseId").asText()).matches("AJ-2026112[12]-\\w{4}-\\d{4}");
      assertThat(e.at("/data/category").asText()).isIn(WorkContent.CATEGORIES);
      assertThat(e.at("/data/description").asText()).containsPattern("\\p{IsHan}{4}");
      assertThat(ROSTER.building(e.get("subject").asText())).isPresent();
    });
    assertThat(ofType(events, "party.wish.posted")).allSatisfy(e -> {
      assertThat(e.at("/data/wishId").asText()).matches("XY-2026112[12]-\\w{4}-\\d{4}");
      assertThat(e.at("/data/points").asInt()).isBetween(5, 20);
      var building = ROSTER.building(e.get("subject").asText()).orElseThrow();
      if (e.get("data").has("residentId"))
        assertThat(building.residents()).contains(new DemoRoster.Resident(e.at("/data/residentId").asText(), e.at("/data/residentName").asText()));
    });
    assertThat(ofType(events, "community.appointment.requested")).isNotEmpty().allSatisfy(e -> {
      assertThat(e.at("/data/appointmentId").asText()).matches("YY-2026112[12]-\\w{4}-\\d{4}");
      assertThat(e.at("/data/service").asText()).isIn(WorkContent.SERVICES);
      var building = ROSTER.building(e.get("subject").asText()).orElseThrow();
      assertThat(building.residents()).extracting(DemoRoster.Resident::id).contains(e.at("/data/residentId").asText());
    });
  }

  @Test
  void anAppointmentIsForLaterTodayInOfficeHoursOrTomorrowMorning() {
    for (int hour : new int[] {3, 9, 13, 16, 21}) {
      Instant real = MIDNIGHT.plus(Duration.ofHours(hour)).plusSeconds(17 * 60);
      var work = new NetworkWork(hour, ROSTER, 0, 0, ALL, real);
      for (int i = 0; i < 30; i++) {
        var at = Instant.parse(work.create(NetworkWork.Kind.APPOINTMENT, real, real).orElseThrow().at("/data/at").asText());
        var local = at.atZone(WorkClock.CHINA);
        assertThat(at).isAfter(real);
        assertThat(local.getMinute() % 30).isZero();
        assertThat(local.toLocalTime()).isBetween(java.time.LocalTime.of(8, 30), java.time.LocalTime.of(17, 30));
        if (hour != 21) assertThat(local.toLocalDate()).isEqualTo(real.atZone(WorkClock.CHINA).toLocalDate());
        if (hour == 9 || hour == 13)
          assertThat(Duration.between(real, at)).isBetween(Duration.ofHours(1), Duration.ofHours(5));
        if (hour == 21) assertThat(local.toLocalDate()).isEqualTo(real.atZone(WorkClock.CHINA).toLocalDate().plusDays(1));
      }
    }
  }

  // ---- follow-ups --------------------------------------------------------------------------------

  @Test
  void followUpsOnlyNameItemsAndMembersPostedBeforeAndTellAPlausibleStory() {
    var random = new Random(5);
    var posted = new HashMap<String, JsonNode>();
    var members = new HashMap<String, String>();
    var last = new HashMap<String, String>();
    var level = new HashMap<String, String>();
    var work = new NetworkWork(3, ROSTER, 0.1, 60, ALL, NINE);
    play(work, NINE, Duration.ofDays(3), (w, d) -> {
      var e = d.event();
      String type = e.get("type").asText();
      var data = e.get("data");
      switch (type) {
        case "party.member.reported" -> members.put(data.get("memberId").asText(), e.get("subject").asText());
        case "governance.case.reported", "party.wish.posted", "community.appointment.requested" -> {
          String id = id(e);
          assertThat(posted).doesNotContainKey(id);
          posted.put(id, e);
          last.put(id, type);
          level.put(id, "community");
          // The hub's people act on some items at once, as its callbacks say.
          if (random.nextInt(4) == 0) {
            String change = hubActsOn(w, e, random);
            last.put(id, change);
            if (change.equals("governance.case.escalated")) level.put(id, "street");
          }
        }
        default -> {
          String id = id(e);
          assertThat(posted).as("%s names %s before it was posted", type, id).containsKey(id);
          assertThat(e.get("subject").asText()).isEqualTo(posted.get(id).get("subject").asText());
          assertThat(last.get(id)).as("after %s of %s", last.get(id), id)
              .isNotIn("governance.case.rated", "governance.case.closed", "party.wish.confirmed", "party.wish.cancelled",
                  "community.appointment.cancelled");
          if (type.equals("party.wish.claimed")) {
            assertThat(last.get(id)).isEqualTo("party.wish.posted");
            assertThat(members).as("claimed by a member reported before").containsKey(data.get("memberId").asText());
            if (!e.get("subject").asText().equals(NetworkEvents.UNMAPPED.get("party")))
              assertThat(e.get("subject").asText()).startsWith(members.get(data.get("memberId").asText()) + "-B");
          }
          if (type.equals("party.wish.fulfilled")) assertThat(last.get(id)).isEqualTo("party.wish.claimed");
          if (type.equals("party.wish.confirmed")) assertThat(last.get(id)).isEqualTo("party.wish.fulfilled");
          if (type.equals("governance.case.escalated")) {
            String to = data.get("level").asText();
            assertThat(NetworkWork.LEVELS.indexOf(to)).isEqualTo(NetworkWork.LEVELS.indexOf(level.get(id)) + 1);
            level.put(id, to);
          }
          if (type.equals("governance.case.rated") || type.equals("governance.case.closed"))
            assertThat(w.item(id).map(NetworkWork.Item::state)).hasValue("closed");
          last.put(id, type);
        }
      }
    });

    assertThat(last.values()).contains("governance.case.rated", "governance.case.closed", "party.wish.confirmed",
        "party.wish.cancelled", "community.appointment.cancelled");
    assertThat(level.values()).contains("street", "district");
  }

  @Test
  void anItemTheHubDidNotTakeGetsNoFollowUpsAndAMemberItRefusedClaimsNothing() {
    var work = new NetworkWork(4, ROSTER, 0, 60, ALL, NINE);
    var events = play(work, NINE, Duration.ofDays(1), (w, due) -> w.refused(due.event()));

    // Every event was refused: only members and new items, never a step after them.
    assertThat(events).extracting(d -> d.event().get("type").asText()).containsOnly("party.member.reported",
        "governance.case.reported", "party.wish.posted", "community.appointment.requested");
    assertThat(work.items()).isEmpty();
  }

  @Test
  void aWishClaimedInTheHubIsNotClaimedAgainHereAndACaseResolvedThereGetsTheResidentsRating() {
    var work = new NetworkWork(6, ROSTER, 0, 60, ALL, NINE);
    var claimedInHub = new HashSet<String>();
    var resolvedInHub = new HashSet<String>();
    var events = play(work, NINE, Duration.ofDays(2), (w, due) -> {
      var e = due.event();
      if (e.get("type").asText().equals("party.wish.posted")) {
        claimedInHub.add(id(e));
        assertThat(w.heard("party", callback("party.wish.claimed", e, "memberId", "p-00042"), NINE)).isPresent();
      }
      if (e.get("type").asText().equals("governance.case.reported") && resolvedInHub.size() < 20) {
        resolvedInHub.add(id(e));
        w.heard("governance", callback("governance.case.resolved", e, "note", "已处理"), NINE);
      }
    });

    assertThat(events).filteredOn(d -> claimedInHub.contains(id(d.event())))
        .extracting(d -> d.event().get("type").asText()).doesNotContain("party.wish.claimed", "party.wish.fulfilled",
            "party.wish.cancelled");
    assertThat(claimedInHub).allSatisfy(id -> assertThat(work.item(id).orElseThrow().claimedBy()).isEqualTo("p-00042"));
    // Each case resolved in the hub is rated or closed by its network, once, and never resolved again here.
    for (String id : resolvedInHub)
      assertThat(events).filteredOn(d -> id.equals(id(d.event()))).extracting(d -> d.event().get("type").asText())
          .as(id).containsOnlyOnce("governance.case.reported")
          .doesNotContain("governance.case.resolved", "governance.case.escalated")
          .containsAnyOf("governance.case.rated", "governance.case.closed").hasSize(2);
  }

  @Test
  void aCallbackIsActedOnOnceAndOneAboutAnItemOfAnotherRunIsOnlyNoted() {
    var work = new NetworkWork(7, ROSTER, 0, 0, ALL, NINE);
    var event = work.create(NetworkWork.Kind.CASE, NINE, NINE).orElseThrow();
    var escalated = callback("governance.case.escalated", event, "level", "street");

    assertThat(work.heard("governance", escalated, NINE)).hasValueSatisfying(l -> assertThat(l).contains(id(event)).contains("street"));
    assertThat(work.heard("governance", escalated, NINE)).hasValueSatisfying(l -> assertThat(l).contains("heard before"));
    assertThat(work.item(id(event)).orElseThrow().level()).isEqualTo("street");

    var other = (ObjectNode) event.deepCopy();
    ((ObjectNode) other.get("data")).put("caseId", "AJ-20200101-ZZZZ-0001");
    assertThat(work.heard("governance", callback("governance.case.accepted", other, "note", "x"), NINE))
        .hasValueSatisfying(l -> assertThat(l).contains("AJ-20200101-ZZZZ-0001 is not one of this run's"));
    assertThat(work.heard("community", NetworkEvents.cloudEvent("community", "community.alert.closed", "x",
        NetworkEvents.JSON.createObjectNode()), NINE)).isEmpty();
  }

  @Test
  void aNetworkTheHubAskedToWaitKeepsItsStepsUntilItMayPushAgain() {
    var work = new NetworkWork(8, ROSTER, 0, 60, ALL, NINE);
    Predicate<String> partyWaits = n -> !n.equals("party");

    var meanwhile = work.due(NINE.plus(Duration.ofHours(1)), NINE, partyWaits);
    var after = work.due(NINE.plus(Duration.ofHours(1)), NINE, n -> true);

    assertThat(meanwhile).isNotEmpty().extracting(NetworkWork.Due::network).doesNotContain("party");
    assertThat(after).extracting(NetworkWork.Due::network).contains("party");
    assertThat(ofType(after, "party.member.reported")).hasSizeBetween(3 * 28, 5 * 28);
  }

  @Test
  void withTheWholeQuarantineShareNewItemsAndTheirStepsAddressTheNetworksUnmappedIdButMembersTheirCommunity() {
    var events = play(new NetworkWork(9, ROSTER, 1, 40, ALL, NINE), NINE, Duration.ofHours(12), hubDoesNothing());

    assertThat(events).filteredOn(d -> !d.event().get("type").asText().equals("party.member.reported"))
        .isNotEmpty().allSatisfy(d -> assertThat(d.event().get("subject").asText()).isEqualTo(NetworkEvents.UNMAPPED.get(d.network())));
    assertThat(ofType(events, "party.member.reported")).allSatisfy(e -> assertThat(e.get("subject").asText()).matches("1308030\\d{5}"));
  }

  // ---- the schedule ------------------------------------------------------------------------------

  @Test
  void theWorkRateScalesTheNumberOfNewItemsADay() {
    int atForty = created(play(new NetworkWork(10, ROSTER, 0, 40, ALL, MIDNIGHT), MIDNIGHT, Duration.ofDays(7), hubDoesNothing()));
    int atEighty = created(play(new NetworkWork(10, ROSTER, 0, 80, ALL, MIDNIGHT), MIDNIGHT, Duration.ofDays(7), hubDoesNothing()));

    // 40 an hour in office hours is about 530 a day over the district (the day's shares add up to 13.3 hours).
    assertThat(atForty / 7).isBetween(450, 610);
    assertThat((double) atEighty / atForty).isBetween(1.8, 2.2);
    assertThat(created(play(new NetworkWork(10, ROSTER, 0, 0, ALL, MIDNIGHT), MIDNIGHT, Duration.ofDays(1), hubDoesNothing()))).isZero();
  }

  @Test
  void officeHoursAreBusyAndTheSmallHoursQuiet() {
    var events = play(new NetworkWork(11, ROSTER, 0, 40, ALL, MIDNIGHT), MIDNIGHT, Duration.ofDays(7), hubDoesNothing());
    var byHour = new int[24];
    for (var d : events) if (isNew(d.event())) byHour[Instant.parse(d.event().get("time").asText()).atZone(WorkClock.CHINA).getHour()]++;

    assertThat(byHour[9] + byHour[10]).isGreaterThan(5 * (byHour[2] + byHour[3]));
  }

  @Test
  void theWorkSpeedRunsTheSameScheduleOnAFasterClock() {
    var clock = new WorkClock(NINE, 60);
    assertThat(clock.at(NINE.plus(Duration.ofMinutes(1)))).isEqualTo(NINE.plus(Duration.ofHours(1)));
    assertThat(clock.real(Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(2));
    assertThat(new WorkClock(NINE, 1).at(NINE.plusSeconds(90))).isEqualTo(NINE.plusSeconds(90));

    // The same seed at speed 6 for two real hours tells what speed 1 tells in twelve.
    var fast = played(new NetworkWork(12, ROSTER, 0, 40, ALL, NINE), new WorkClock(NINE, 6), Duration.ofHours(2));
    var slow = played(new NetworkWork(12, ROSTER, 0, 40, ALL, NINE), new WorkClock(NINE, 1), Duration.ofHours(12));
    assertThat(fast).hasSizeGreaterThan(200).isEqualTo(slow);
    var sameRealTimeAtSpeedOne = played(new NetworkWork(12, ROSTER, 0, 40, ALL, NINE), new WorkClock(NINE, 1), Duration.ofHours(2));
    assertThat(sameRealTimeAtSpeedOne.stream().filter(NetworkWorkTest::isNew).count() * 3)
        .isLessThan(fast.stream().filter(NetworkWorkTest::isNew).count());
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private static BiConsumer<NetworkWork, NetworkWork.Due> hubDoesNothing() {
    return (w, d) -> { };
  }

  /** The work's events from {@code start} for {@code length} of its clock, a minute at a time, each handed to {@code hub} as pushed. */
  private static List<NetworkWork.Due> play(NetworkWork work, Instant start, Duration length,
      BiConsumer<NetworkWork, NetworkWork.Due> hub) {
    var all = new ArrayList<NetworkWork.Due>();
    for (Instant t = start; !t.isAfter(start.plus(length)); t = t.plusSeconds(60)) {
      for (var d : work.due(t, t, n -> true)) {
        // The time an event is told, on the work clock: what the rhythm is judged by.
        d.event().put("time", t.toString());
        all.add(d);
        hub.accept(work, d);
      }
    }
    return all;
  }

  /** The types and subjects told over {@code real} of real time on this clock, polled every ten real seconds. */
  private static List<String> played(NetworkWork work, WorkClock clock, Duration real) {
    var told = new ArrayList<String>();
    for (Instant r = clock.start(); !r.isAfter(clock.start().plus(real)); r = r.plusSeconds(10))
      for (var d : work.due(clock.at(r), r, n -> true)) told.add(d.event().get("type").asText() + " " + d.event().get("subject").asText());
    return told;
  }

  /** The hub's people act on a new item: netsim hears of it by a callback. Returns the callback's type. */
  private static String hubActsOn(NetworkWork work, JsonNode event, Random random) {
    String network = event.get("type").asText().substring(0, event.get("type").asText().indexOf('.'));
    List<String> changes = switch (network) {
      case "governance" -> List.of("governance.case.accepted", "governance.case.escalated", "governance.case.resolved");
      case "party" -> List.of("party.wish.claimed", "party.wish.fulfilled", "party.wish.confirmed");
      default -> List.of("community.appointment.accepted", "community.appointment.completed");
    };
    String change = changes.get(random.nextInt(changes.size()));
    assertThat(work.heard(network, callback(change, event, "note", "枢纽处理"), Instant.parse(event.get("time").asText()))).isPresent();
    return change;
  }

  private static ObjectNode callback(String type, JsonNode about, String field, String value) {
    var kind = NetworkWork.Kind.ofType(type).orElseThrow();
    var data = NetworkEvents.JSON.createObjectNode().put(kind.idField, id(about)).put(field, value);
    var e = NetworkEvents.cloudEvent("hub", type, about.get("subject").asText(), data);
    e.put("source", "urn:sanwang:hub");
    return e;
  }

  private static String id(JsonNode event) {
    var data = event.get("data");
    for (String f : List.of("caseId", "wishId", "appointmentId", "memberId")) if (data.has(f)) return data.get(f).asText();
    return null;
  }

  private static boolean isNew(JsonNode event) {
    return isNew(event.get("type").asText());
  }

  /** Whether a type (or "type subject") is of a new item. */
  private static boolean isNew(String type) {
    return List.of("governance.case.reported", "party.wish.posted", "community.appointment.requested").contains(type.split(" ")[0]);
  }

  private static int created(List<NetworkWork.Due> events) {
    return (int) events.stream().filter(d -> isNew(d.event())).count();
  }

  private static List<JsonNode> ofType(List<NetworkWork.Due> events, String type) {
    return events.stream().<JsonNode>map(NetworkWork.Due::event).filter(e -> e.get("type").asText().equals(type)).toList();
  }
}
