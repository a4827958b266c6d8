package org.sanwang.connectors.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.work.AppointmentEntity;
import org.sanwang.hub.work.CaseEntity;
import org.sanwang.hub.work.WishEntity;
import org.sanwang.hub.work.WorkBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each change made in the hub to the network that owns the thing: {@code governance.case.accepted|escalated|resolved},
 * {@code party.wish.claimed|fulfilled|confirmed}, {@code community.appointment.accepted|completed}. A change
 * the network itself sent (it carries the event's key) is not echoed back. Fed by the projections,
 * which tell of every change on every node and again after a restart: the outbox keeps one item per
 * entity and sequence number, so each is sent once. Changes from before the outbox first ran are not sent.
 */
public final class WorkCallbacks {
  private static final Logger log = LoggerFactory.getLogger(WorkCallbacks.class);

  private WorkCallbacks() {}

  public static void start(WorkBook<CaseEntity.State> cases, WorkBook<WishEntity.State> wishes,
      WorkBook<AppointmentEntity.State> appointments, NetworkEdges edges) {
    follow(cases, edges.edge(Network.GOVERNANCE), WorkCallbacks::ofCase, s -> last(CaseEntity.record(s).timeline()));
    follow(wishes, edges.edge(Network.PARTY), WorkCallbacks::ofWish, s -> last(s.record().timeline()));
    follow(appointments, edges.edge(Network.COMMUNITY), WorkCallbacks::ofAppointment, s -> last(s.record().timeline()));
  }

  private static Instant last(java.util.List<org.sanwang.hub.work.WorkStep> timeline) {
    return timeline.get(timeline.size() - 1).at();
  }

  private static <S> void follow(WorkBook<S> book, NetworkEdge edge, java.util.function.Function<WorkBook.Change<S>,
      Optional<OutboundEvent>> callback, java.util.function.Function<S, Instant> changedAt) {
    if (edge.settings().callback().isEmpty()) return;
    Instant since = edge.store().startedAt("work-callbacks:" + edge.network().id(), Instant.now());
    book.onChange(change -> callback.apply(change).filter(e -> !changedAt.apply(change.after()).isBefore(since)).ifPresent(event ->
        edge.enqueue(event).whenComplete((added, failure) -> {
          if (failure != null) log.warn("Could not queue {} for the {}: {}", event.id(), edge.network().nameEn(), failure.toString());
        })));
  }

  /** The callback for a change of a case (pure); empty for changes the network sent or does not hear of. */
  public static Optional<OutboundEvent> ofCase(WorkBook.Change<CaseEntity.State> c) {
    var r = CaseEntity.record(c.after());
    if (r == null) return Optional.empty();
    var data = OutboundEvent.data();
    data.put("caseId", r.facts().caseId());
    String type;
    Instant at;
    if (c.event() instanceof CaseEntity.CaseAccepted e && e.key() == null) {
      type = "governance.case.accepted";
      at = e.at();
      by(data, e.by());
      note(data, e.note());
    } else if (c.event() instanceof CaseEntity.CaseEscalated e && e.key() == null) {
      type = "governance.case.escalated";
      at = e.at();
      data.put("level", e.level().name());
      data.put("deadline", e.deadline().toString());
      if (e.auto()) data.put("auto", true);
      by(data, e.by());
      note(data, e.note());
    } else if (c.event() instanceof CaseEntity.CaseResolved e && e.key() == null) {
      type = "governance.case.resolved";
      at = e.at();
      by(data, e.by());
      note(data, e.note());
      if (!e.photos().isEmpty()) data.putPOJO("photos", e.photos());
    } else {
      return Optional.empty();
    }
    data.put("level", r.level().name());
    return Optional.of(OutboundEvent.of("case-" + c.id() + "-" + c.sequenceNr(), type, subject(r.facts().subject(),
        r.facts().building(), r.facts().community()), at, data));
  }

  public static Optional<OutboundEvent> ofWish(WorkBook.Change<WishEntity.State> c) {
    var r = c.after().record();
    if (r == null) return Optional.empty();
    var data = OutboundEvent.data();
    data.put("wishId", r.facts().wishId());
    String type;
    Instant at;
    if (c.event() instanceof WishEntity.WishClaimed e && e.key() == null) {
      type = "party.wish.claimed";
      at = e.at();
    } else if (c.event() instanceof WishEntity.WishFulfilled e && e.key() == null) {
      type = "party.wish.fulfilled";
      at = e.at();
      note(data, e.note());
    } else if (c.event() instanceof WishEntity.WishConfirmed e && e.key() == null) {
      type = "party.wish.confirmed";
      at = e.at();
      note(data, e.note());
      if (e.rating() != null) data.put("rating", e.rating());
      data.put("points", r.facts().points());
    } else {
      return Optional.empty();
    }
    if (r.claimedBy() != null) {
      data.put("memberId", memberId(r.claimedBy()));
      data.put("memberName", r.claimedBy().name());
    }
    return Optional.of(OutboundEvent.of("wish-" + c.id() + "-" + c.sequenceNr(), type, subject(r.facts().subject(),
        r.facts().building(), r.facts().community()), at, data));
  }

  public static Optional<OutboundEvent> ofAppointment(WorkBook.Change<AppointmentEntity.State> c) {
    var r = c.after().record();
    if (r == null) return Optional.empty();
    var data = OutboundEvent.data();
    data.put("appointmentId", r.facts().appointmentId());
    String type;
    Instant at;
    if (c.event() instanceof AppointmentEntity.AppointmentAccepted e && e.key() == null) {
      type = "community.appointment.accepted";
      at = e.at();
      by(data, e.by());
    } else if (c.event() instanceof AppointmentEntity.AppointmentCompleted e && e.key() == null) {
      type = "community.appointment.completed";
      at = e.at();
      by(data, e.by());
      note(data, e.note());
    } else {
      return Optional.empty();
    }
    return Optional.of(OutboundEvent.of("appointment-" + c.id() + "-" + c.sequenceNr(), type, subject(r.facts().subject(),
        r.facts().building(), r.facts().community()), at, data));
  }

  /** The party network's own id of a member the hub made from its report ({@code pm-DY-0001} → {@code DY-0001}). */
  static String memberId(Actor member) {
    return member.id().startsWith("pm-") ? member.id().substring(3) : member.id();
  }

  private static String subject(String networkSubject, String building, String community) {
    return networkSubject != null ? networkSubject : building != null ? building : community;
  }

  private static void by(ObjectNode data, Actor by) {
    if (by == null) return;
    data.put("by", by.id());
    data.put("byName", by.name());
  }

  private static void note(ObjectNode data, String note) {
    if (note != null) data.put("note", note);
  }
}
