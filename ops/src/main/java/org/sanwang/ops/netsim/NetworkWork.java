package org.sanwang.ops.netsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The three networks' daily work, as events in the order they fall due (CONTRACT "Event types"):
 * the Party network's members reporting to their communities (双报到) once at the start and its
 * residents' wishes (微心愿) being claimed, fulfilled and confirmed, the governance network's cases
 * (随手拍) climbing from community to street to district and being resolved and rated, and the
 * community network's appointments (预约代办).
 *
 * <p>New items arrive at random at {@code perHour} an hour in office hours, fewer early and late
 * ({@link WorkClock#busyness}). Each gets a story when it arrives: what its own network will do
 * next and after how long (a grid member resolves the case in a few hours; a member claims the wish
 * within two); some are left to the hub's people. A step is told only if it still makes sense when
 * it falls due, as the network knows the item: the hub's callbacks ({@link #heard}) tell it what
 * was done in the hub (a wish claimed there is not claimed again here; a case resolved there gets
 * the resident's rating). Follow-ups name only items this run posted; an item the hub did not take
 * ({@link #refused}) is dropped. State is in memory only.
 *
 * <p>Pure: time comes in as arguments (the work clock's for the schedule, the real one for the
 * times written into events), randomness from the seed.
 */
final class NetworkWork {
  /** An event due now and the network that sends it. */
  record Due(String network, ObjectNode event) {}

  /**
   * A kind of item: the network that owns it, the prefix of its types, its id field, the prefix of its
   * ids, and its first state, which is also what its first event says ({@code governance.case.reported}).
   */
  enum Kind {
    CASE("governance", "governance.case.", "caseId", "AJ", "reported"),
    WISH("party", "party.wish.", "wishId", "XY", "posted"),
    APPOINTMENT("community", "community.appointment.", "appointmentId", "YY", "requested");

    final String network;
    final String types;
    final String idField;
    final String prefix;
    final String first;

    Kind(String network, String types, String idField, String prefix, String first) {
      this.network = network;
      this.types = types;
      this.idField = idField;
      this.prefix = prefix;
      this.first = first;
    }

    static Optional<Kind> ofType(String type) {
      for (Kind k : values()) if (type != null && type.startsWith(k.types)) return Optional.of(k);
      return Optional.empty();
    }
  }

  /** What a network does next with one of its items. */
  enum Step { DISPATCH, ESCALATE_STREET, ESCALATE_DISTRICT, RESOLVE, RATE, CLOSE, CLAIM, FULFIL, CONFIRM, CANCEL }

  /** A step and how long after the one before it (or the event that planned it) it falls due. */
  record Planned(Step step, Duration after) {}

  /** An in-service Party member, as the Party network reports them to their community. */
  record Member(String memberId, String name, String phone, String workplace, String building, String community) {}

  /**
   * An item as its network knows it. {@code level} is a case's; {@code claimedBy} a wish's claimer
   * (a member id, or "hub" when claimed in the hub without one), {@code claimedHere} whether this
   * network's member claimed it; {@code version} tells a planned step from one a callback replaced.
   */
  record Item(Kind kind, String id, String subject, String community, String state, String level, String claimedBy,
      boolean claimedHere, List<Planned> story, int version) {
    Item {
      story = List.copyOf(story);
    }

    Item state(String s) {
      return new Item(kind, id, subject, community, s, level, claimedBy, claimedHere, story, version);
    }

    Item level(String l) {
      return new Item(kind, id, subject, community, state, l, claimedBy, claimedHere, story, version);
    }

    Item claimed(String by, boolean here) {
      return new Item(kind, id, subject, community, "claimed", level, by, here, story, version);
    }

    /** The story after its first step. */
    Item told() {
      return new Item(kind, id, subject, community, state, level, claimedBy, claimedHere, story.subList(1, story.size()), version);
    }

    /** A new story in place of what was left of the old one. */
    Item retold(List<Planned> s) {
      return new Item(kind, id, subject, community, state, level, claimedBy, claimedHere, s, version + 1);
    }
  }

  /** Something in the schedule: an arrival, an opening item, a member's report, or an item's next step. */
  private sealed interface Entry permits Arrival, Opening, Report, Next {
    Instant at();

    long seq();
  }

  private record Arrival(Instant at, long seq) implements Entry {}

  private record Opening(Instant at, long seq, Kind kind) implements Entry {}

  private record Report(Instant at, long seq, Member member) implements Entry {}

  private record Next(Instant at, long seq, String id, int version) implements Entry {}

  static final List<String> LEVELS = List.of("community", "street", "district");

  /** The states after which nothing more happens to an item. */
  static final Set<String> FINAL = Set.of("closed", "confirmed", "cancelled", "completed");

  private static final Map<Kind, Double> SHARE = Map.of(Kind.CASE, 0.45, Kind.WISH, 0.35, Kind.APPOINTMENT, 0.2);

  private final Random random;
  private final DemoRoster roster;
  private final double quarantineShare;
  private final double perHour;
  private final Set<String> networks;
  private final PriorityQueue<Entry> schedule = new PriorityQueue<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::seq));
  private long seq;
  private final Map<String, Item> items = new LinkedHashMap<>();
  private final Map<String, List<Member>> members = new HashMap<>();
  private final Set<String> heardIds = new HashSet<>();
  private final Map<Kind, Integer> numbers = new HashMap<>();
  /** What the grid member writes when resolving each case, by case id (it goes with the kind of case). */
  private final Map<String, String> resolutions = new HashMap<>();
  /** Tells this run's ids from another run's of the same day. */
  private final String run;

  /**
   * @param roster          the communities addressed, their buildings and residents
   * @param quarantineShare the share (0 to 1) of new items addressed to the network's unmapped building id
   * @param perHour         new cases, wishes and appointments an hour in office hours (0: none; members still report)
   * @param networks        the networks that push: only their work is played
   * @param start           the work clock's start: members report then, the first items follow within minutes
   */
  NetworkWork(long seed, DemoRoster roster, double quarantineShare, double perHour, Set<String> networks, Instant start) {
    this.random = new Random(seed);
    this.roster = roster;
    this.quarantineShare = quarantineShare;
    this.perHour = perHour;
    this.networks = Set.copyOf(networks);
    this.run = UUID.randomUUID().toString().substring(0, 4).toUpperCase(Locale.ROOT);
    if (networks.contains("party"))
      for (var community : roster.communities())
        for (var m : membersOf(community)) schedule.add(new Report(start, seq++, m));
    if (perHour > 0) {
      // A few items in the first minutes, so there is something to look at before the first arrival.
      List<Kind> opening = List.of(Kind.CASE, Kind.WISH, Kind.APPOINTMENT, Kind.CASE, Kind.WISH, Kind.CASE);
      for (int i = 0; i < opening.size(); i++)
        if (enabled(opening.get(i))) schedule.add(new Opening(start.plusSeconds(20L + 25L * i), seq++, opening.get(i)));
      scheduleArrivalAfter(start.plusSeconds(150));
    }
  }

  /** The members a community has: three to five, the same on every run (the Party network's own register). */
  static List<Member> membersOf(DemoRoster.Community community) {
    var r = new Random(community.number() * 7919L + 17);
    int count = 3 + r.nextInt(3);
    var buildings = new ArrayList<>(community.buildings());
    var list = new ArrayList<Member>();
    for (int k = 0; k < count && !buildings.isEmpty(); k++) {
      int no = community.number() * 10 + k + 1;
      var building = buildings.remove(r.nextInt(buildings.size()));
      String phone = String.format("+86139%08d", 60_000_000 + no * 1000 + r.nextInt(1000));
      list.add(new Member(String.format("DY-%04d", no), WorkContent.name(r), phone, WorkContent.pick(r, WorkContent.WORKPLACES),
          building.code(), community.code()));
    }
    return list;
  }

  /**
   * The events due by {@code now} on the work clock, in order. {@code real} is the real time, for the
   * times events carry (an appointment's {@code at}, the date in ids). Steps of a network that is not
   * {@code ready} (the hub asked it to wait) stay due for a later call; items that arrive for it are
   * not posted.
   */
  synchronized List<Due> due(Instant now, Instant real, Predicate<String> ready) {
    var out = new ArrayList<Due>();
    var held = new ArrayList<Entry>();
    while (!schedule.isEmpty() && !schedule.peek().at().isAfter(now)) {
      var entry = schedule.poll();
      if (entry instanceof Arrival a) {
        scheduleArrivalAfter(a.at());
        pickKind().filter(k -> ready.test(k.network)).flatMap(k -> create(k, a.at(), real, true)).ifPresent(out::add);
      } else if (entry instanceof Opening o) {
        if (!ready.test(o.kind().network)) held.add(o);
        else create(o.kind(), o.at(), real, true).ifPresent(out::add);
      } else if (entry instanceof Report r) {
        if (!ready.test("party")) held.add(r);
        else {
          members.computeIfAbsent(r.member().community(), c -> new ArrayList<>()).add(r.member());
          out.add(new Due("party", memberReported(r.member())));
        }
      } else if (entry instanceof Next n) {
        var item = items.get(n.id());
        if (item == null || item.version() != n.version() || item.story().isEmpty()) continue;
        if (!ready.test(item.kind().network)) held.add(n);
        else tell(item, n.at(), real).ifPresent(out::add);
      }
    }
    schedule.addAll(held);
    return out;
  }

  /** A new item of {@code kind} now, tracked, with no story of its own: the hub's people and callbacks decide. */
  synchronized Optional<ObjectNode> create(Kind kind, Instant now, Instant real) {
    return create(kind, now, real, false).map(Due::event);
  }

  /** A member's report, the first of the community's members this network would report (for tests and samples). */
  synchronized ObjectNode memberReport(String community) {
    var c = roster.community(community).orElse(roster.communities().get(0));
    var m = membersOf(c).get(0);
    var known = members.computeIfAbsent(m.community(), x -> new ArrayList<>());
    if (!known.contains(m)) known.add(m);
    return memberReported(m);
  }

  /**
   * The hub did not take this event (refused, or not answering): the item it names gets no more
   * follow-ups, and a member it reports claims nothing.
   */
  synchronized void refused(JsonNode event) {
    var data = event.path("data");
    if (event.path("type").asText().equals("party.member.reported")) {
      String memberId = data.path("memberId").asText();
      members.values().forEach(list -> list.removeIf(m -> m.memberId().equals(memberId)));
      return;
    }
    Kind.ofType(event.path("type").asText()).ifPresent(k -> items.remove(data.path(k.idField).asText()));
  }

  /**
   * A callback from the hub: what was done there to one of this network's items. Returns what
   * netsim makes of it, for its output; nothing for a callback that is not about work (an alert closed).
   */
  synchronized Optional<String> heard(String network, JsonNode event, Instant now) {
    if (event == null) return Optional.empty();
    String type = event.path("type").asText();
    var kind = Kind.ofType(type);
    if (kind.isEmpty()) return Optional.empty();
    if (!heardIds.add(event.path("id").asText())) return Optional.of("  (" + event.path("id").asText() + " heard before: nothing to do)");
    String id = event.path("data").path(kind.get().idField).asText("");
    var item = items.get(id);
    String noun = kind.get().name().toLowerCase(Locale.ROOT);
    if (item == null) return Optional.of("  " + noun + " " + (id.isEmpty() ? "(no " + kind.get().idField + ")" : id)
        + " is not one of this run's: noted only");
    String change = type.substring(kind.get().types.length());
    if (FINAL.contains(item.state()))
      return Optional.of("  " + noun + " " + id + " " + change + " in the hub, but it is " + item.state() + " here: noted only");
    var data = event.path("data");
    String said;
    switch (type) {
      case "governance.case.accepted" -> {
        if (item.state().equals("reported")) item = item.state("accepted");
        said = "accepted in the hub at " + item.level() + " level";
      }
      case "governance.case.escalated" -> {
        String level = data.path("level").asText("");
        if (!LEVELS.contains(level)) level = LEVELS.get(Math.min(2, LEVELS.indexOf(item.level()) + 1));
        item = item.level(level).state("reported");
        said = "escalated in the hub to " + level + " level";
      }
      case "governance.case.resolved" -> {
        item = item.state("resolved").retold(List.of(finale()));
        said = "resolved in the hub: the resident will " + (item.story().get(0).step() == Step.RATE ? "rate it" : "not rate it; it closes");
      }
      case "party.wish.claimed" -> {
        String by = data.path("memberId").asText("");
        item = item.claimed(by.isEmpty() ? "hub" : by, false).retold(List.of());
        said = "claimed in the hub" + (by.isEmpty() ? "" : " by " + by) + ": first claim wins, netsim's members leave it";
      }
      case "party.wish.fulfilled" -> {
        boolean confirm = random.nextDouble() < 0.6;
        item = item.state("fulfilled").retold(confirm ? List.of(new Planned(Step.CONFIRM, minutes(30, 240))) : List.of());
        said = "fulfilled in the hub: " + (confirm ? "the resident will confirm it here" : "left for the building head to confirm in the hub");
      }
      case "party.wish.confirmed" -> {
        item = item.state("confirmed").retold(List.of());
        said = "confirmed in the hub";
      }
      case "community.appointment.accepted" -> {
        if (item.state().equals("requested")) item = item.state("accepted");
        said = "accepted in the hub";
      }
      case "community.appointment.completed" -> {
        item = item.state("completed").retold(List.of());
        said = "completed in the hub";
      }
      default -> said = change + " in the hub: noted";
    }
    items.put(id, item);
    if (!item.story().isEmpty()) scheduleNext(item, now);
    return Optional.of("  " + noun + " " + id + " " + said);
  }

  /** The items this run posted (or {@link #create}d), in the order it did, as it knows them now. */
  synchronized List<Item> items() {
    return List.copyOf(items.values());
  }

  synchronized Optional<Item> item(String id) {
    return Optional.ofNullable(items.get(id));
  }

  // ---- arrivals --------------------------------------------------------------------------------

  private void scheduleArrivalAfter(Instant from) {
    if (perHour <= 0 || Arrays.stream(Kind.values()).noneMatch(this::enabled)) return;
    double perSecond = perHour * WorkClock.busyness(from) / 3600;
    double seconds = -Math.log(1 - random.nextDouble()) / perSecond;
    schedule.add(new Arrival(from.plusMillis(Math.max(1, Math.round(seconds * 1000))), seq++));
  }

  private boolean enabled(Kind kind) {
    if (!networks.contains(kind.network)) return false;
    return kind != Kind.APPOINTMENT || roster.communities().stream().anyMatch(DemoRoster.Community::hasResidents);
  }

  private Optional<Kind> pickKind() {
    double total = 0;
    for (Kind k : Kind.values()) if (enabled(k)) total += SHARE.get(k);
    if (total == 0) return Optional.empty();
    double r = random.nextDouble() * total;
    for (Kind k : Kind.values()) {
      if (!enabled(k)) continue;
      r -= SHARE.get(k);
      if (r < 0) return Optional.of(k);
    }
    return Optional.empty();
  }

  // ---- new items --------------------------------------------------------------------------------

  private Optional<Due> create(Kind kind, Instant now, Instant real, boolean withStory) {
    boolean unmapped = random.nextDouble() < quarantineShare;
    var communities = kind == Kind.APPOINTMENT
        ? roster.communities().stream().filter(DemoRoster.Community::hasResidents).toList() : roster.communities();
    if (communities.isEmpty()) return Optional.empty();
    var community = WorkContent.pick(random, communities);
    var buildings = kind == Kind.APPOINTMENT
        ? community.buildings().stream().filter(b -> !b.residents().isEmpty()).toList() : community.buildings();
    var building = WorkContent.pick(random, buildings);
    String subject = unmapped ? NetworkEvents.UNMAPPED.get(kind.network) : building.code();
    String id = String.format("%s-%s-%s-%04d", kind.prefix, LocalDate.ofInstant(real, WorkClock.CHINA).format(DateTimeFormatter.BASIC_ISO_DATE),
        run, numbers.merge(kind, 1, Integer::sum));
    ObjectNode data = switch (kind) {
      case CASE -> caseReported(id, building);
      case WISH -> wishPosted(id, building);
      case APPOINTMENT -> appointmentRequested(id, building, real);
    };
    var item = new Item(kind, id, subject, community.code(), kind.first, kind == Kind.CASE ? "community" : null, null, false,
        withStory ? story(kind) : List.of(), 0);
    items.put(id, item);
    if (!item.story().isEmpty()) scheduleNext(item, now);
    return Optional.of(new Due(kind.network, NetworkEvents.cloudEvent(kind.network, kind.types + kind.first, subject, data)));
  }

  private ObjectNode caseReported(String id, DemoRoster.Building building) {
    var kind = WorkContent.pick(random, WorkContent.CASES);
    resolutions.put(id, kind.resolution());
    int unit = 1 + random.nextInt(4);
    var data = NetworkEvents.JSON.createObjectNode()
        .put("caseId", id)
        .put("category", kind.category())
        .put("description", WorkContent.fill(kind.description(), building.name(), unit))
        .put("reporterName", WorkContent.name(random))
        .put("reporterPhone", String.format("+86137%08d", random.nextInt(100_000_000)))
        .put("location", WorkContent.fill(kind.location(), building.name(), unit));
    return data;
  }

  private ObjectNode wishPosted(String id, DemoRoster.Building building) {
    var wish = WorkContent.pick(random, WorkContent.WISHES);
    var data = NetworkEvents.JSON.createObjectNode().put("wishId", id).put("title", wish.title()).put("detail", wish.detail());
    if (!building.residents().isEmpty() && random.nextInt(10) < 7) {
      var resident = WorkContent.pick(random, building.residents());
      data.put("residentId", resident.id()).put("residentName", resident.name());
    } else {
      data.put("residentName", WorkContent.name(random));
    }
    if (random.nextBoolean()) data.put("phone", String.format("+86135%08d", random.nextInt(100_000_000)));
    data.put("points", wish.points());
    return data;
  }

  private ObjectNode appointmentRequested(String id, DemoRoster.Building building, Instant real) {
    var resident = WorkContent.pick(random, building.residents());
    var data = NetworkEvents.JSON.createObjectNode()
        .put("appointmentId", id)
        .put("residentId", resident.id())
        .put("service", WorkContent.pick(random, WorkContent.SERVICES))
        .put("at", appointmentTime(real).toString());
    if (random.nextBoolean()) data.put("note", WorkContent.pick(random, WorkContent.APPOINTMENT_NOTES));
    return data;
  }

  /**
   * A half hour later today in office hours (8:30 to 17:30), one to five hours from now; before 8:00 in
   * the morning, and when today has no such half hour left, one between 9:00 and 11:30 (of today before
   * 8:00, else of tomorrow). One draw of the randomness whatever the time, so the schedule does not
   * depend on the real clock.
   */
  private Instant appointmentTime(Instant real) {
    double u = random.nextDouble();
    var now = real.atZone(WorkClock.CHINA);
    var today = now.toLocalDate();
    if (!now.toLocalTime().isBefore(LocalTime.of(8, 0))) {
      var first = halfHourFrom(now.plusHours(1));
      var close = ZonedDateTime.of(today, LocalTime.of(17, 30), WorkClock.CHINA);
      var fiveHours = now.plusHours(5);
      var last = fiveHours.isBefore(close) ? fiveHours : close;
      if (!first.isAfter(last)) {
        long slots = Duration.between(first, last).toMinutes() / 30 + 1;
        return first.plusMinutes(30 * (long) (u * slots)).toInstant();
      }
    }
    var day = now.toLocalTime().isBefore(LocalTime.of(8, 0)) ? today : today.plusDays(1);
    return ZonedDateTime.of(day, LocalTime.of(9, 0).plusMinutes(30 * (long) (u * 6)), WorkClock.CHINA).toInstant();
  }

  /** The first half hour (:00 or :30) at or after {@code t}. */
  private static ZonedDateTime halfHourFrom(ZonedDateTime t) {
    var hour = t.truncatedTo(ChronoUnit.HOURS);
    if (!t.isAfter(hour)) return hour;
    var half = hour.plusMinutes(30);
    return t.isAfter(half) ? hour.plusHours(1) : half;
  }

  private ObjectNode memberReported(Member m) {
    var data = NetworkEvents.JSON.createObjectNode().put("memberId", m.memberId()).put("name", m.name()).put("phone", m.phone())
        .put("workplace", m.workplace()).put("building", m.building());
    return NetworkEvents.cloudEvent("party", "party.member.reported", m.community(), data);
  }

  // ---- stories ----------------------------------------------------------------------------------

  /** What the item's own network will do with it, drawn when it arrives. */
  private List<Planned> story(Kind kind) {
    var s = new ArrayList<Planned>();
    double r = random.nextDouble();
    switch (kind) {
      case CASE -> {
        if (r < 0.4) {
          // The grid member on the network's side takes it and resolves it within hours.
          if (random.nextBoolean()) s.add(new Planned(Step.DISPATCH, minutes(2, 15)));
          s.add(new Planned(Step.RESOLVE, minutes(30, 240)));
          s.add(finale());
        } else if (r < 0.6) {
          // Beyond the community: up to the street, sometimes on to the district.
          s.add(new Planned(Step.ESCALATE_STREET, minutes(20, 180)));
          if (random.nextDouble() < 0.35) s.add(new Planned(Step.ESCALATE_DISTRICT, minutes(60, 480)));
          s.add(new Planned(Step.RESOLVE, minutes(60, 720)));
          s.add(finale());
        }
        // Otherwise the hub's people handle it; its resolution comes back as a callback.
      }
      case WISH -> {
        if (r < 0.55) {
          s.add(new Planned(Step.CLAIM, minutes(10, 120)));
          s.add(new Planned(Step.FULFIL, minutes(30, 360)));
          if (random.nextDouble() < 0.8) s.add(new Planned(Step.CONFIRM, minutes(10, 120)));
        } else if (r < 0.65) {
          s.add(new Planned(Step.CANCEL, minutes(30, 240)));
        }
        // Otherwise it waits for a member in the hub.
      }
      case APPOINTMENT -> {
        if (r < 0.15) s.add(new Planned(Step.CANCEL, minutes(10, 120)));
      }
    }
    return s;
  }

  /** After a resolution: the resident rates it (which closes it), or does not and it is closed. */
  private Planned finale() {
    return random.nextDouble() < 0.75 ? new Planned(Step.RATE, minutes(15, 180)) : new Planned(Step.CLOSE, minutes(60, 360));
  }

  private Duration minutes(int min, int max) {
    return Duration.ofSeconds(60L * min + random.nextInt((max - min) * 60 + 1));
  }

  private void scheduleNext(Item item, Instant from) {
    schedule.add(new Next(from.plus(item.story().get(0).after()), seq++, item.id(), item.version()));
  }

  /** The item's next step, if it still makes sense; the one after it is scheduled either way. */
  private Optional<Due> tell(Item item, Instant now, Instant real) {
    var step = item.story().get(0).step();
    var told = item.told();
    Optional<Due> due = Optional.empty();
    switch (item.kind()) {
      case CASE -> {
        var data = NetworkEvents.JSON.createObjectNode().put("caseId", item.id());
        boolean open = item.state().equals("reported") || item.state().equals("accepted");
        switch (step) {
          case DISPATCH -> {
            if (open && item.level().equals("community")) {
              due = event(item, "governance.case.dispatched",
                  data.put("level", "community").put("note", WorkContent.pick(random, WorkContent.DISPATCH_NOTES)));
            }
          }
          case ESCALATE_STREET, ESCALATE_DISTRICT -> {
            String from = step == Step.ESCALATE_STREET ? "community" : "street";
            String to = step == Step.ESCALATE_STREET ? "street" : "district";
            if (open && item.level().equals(from)) {
              due = event(item, "governance.case.escalated", data.put("level", to)
                  .put("note", WorkContent.pick(random, to.equals("street") ? WorkContent.STREET_NOTES : WorkContent.DISTRICT_NOTES)));
              told = told.level(to).state("reported");
            }
          }
          case RESOLVE -> {
            if (open) {
              due = event(item, "governance.case.resolved", data.put("note", resolutions.getOrDefault(item.id(), "已处理完毕")));
              told = told.state("resolved");
            }
          }
          case RATE -> {
            if (item.state().equals("resolved")) {
              int rating = 3 + random.nextInt(3);
              due = event(item, "governance.case.rated", data.put("rating", rating).put("note", WorkContent.RATING_NOTES.get(rating - 1)));
              told = told.state("closed");
            }
          }
          case CLOSE -> {
            if (item.state().equals("resolved")) {
              due = event(item, "governance.case.closed", data.put("note", WorkContent.CLOSED_UNRATED));
              told = told.state("closed");
            }
          }
          default -> { }
        }
      }
      case WISH -> {
        var data = NetworkEvents.JSON.createObjectNode().put("wishId", item.id());
        switch (step) {
          case CLAIM -> {
            var claimer = claimer(item.community());
            if (item.state().equals("posted") && claimer.isPresent()) {
              due = event(item, "party.wish.claimed", data.put("memberId", claimer.get().memberId())
                  .put("note", WorkContent.pick(random, WorkContent.CLAIM_NOTES)));
              told = told.claimed(claimer.get().memberId(), true);
            }
          }
          case FULFIL -> {
            if (item.state().equals("claimed") && item.claimedHere()) {
              due = event(item, "party.wish.fulfilled", data.put("memberId", item.claimedBy())
                  .put("note", WorkContent.pick(random, WorkContent.FULFIL_NOTES)));
              told = told.state("fulfilled");
            }
          }
          case CONFIRM -> {
            if (item.state().equals("fulfilled")) {
              due = event(item, "party.wish.confirmed", data.put("rating", 4 + random.nextInt(2))
                  .put("note", WorkContent.pick(random, WorkContent.CONFIRM_NOTES)));
              told = told.state("confirmed");
            }
          }
          case CANCEL -> {
            if (item.state().equals("posted")) {
              due = event(item, "party.wish.cancelled", data.put("note", WorkContent.pick(random, WorkContent.WISH_CANCEL_NOTES)));
              told = told.state("cancelled");
            }
          }
          default -> { }
        }
      }
      case APPOINTMENT -> {
        if (step == Step.CANCEL && (item.state().equals("requested") || item.state().equals("accepted"))) {
          due = event(item, "community.appointment.cancelled", NetworkEvents.JSON.createObjectNode().put("appointmentId", item.id())
              .put("note", WorkContent.pick(random, WorkContent.APPOINTMENT_CANCEL_NOTES)));
          told = told.state("cancelled");
        }
      }
    }
    items.put(item.id(), told);
    if (!told.story().isEmpty()) scheduleNext(told, now);
    return due;
  }

  private Optional<Due> event(Item item, String type, ObjectNode data) {
    return Optional.of(new Due(item.kind().network, NetworkEvents.cloudEvent(item.kind().network, type, item.subject(), data)));
  }

  /** A member this network reported to the community (and the hub took), to claim a wish there. */
  private Optional<Member> claimer(String community) {
    var here = members.getOrDefault(community, List.of());
    return here.isEmpty() ? Optional.empty() : Optional.of(WorkContent.pick(random, here));
  }
}
