package org.sanwang.connectors.core;

import java.util.List;
import java.time.Instant;
import org.sanwang.hub.alert.Actor;
import org.sanwang.hub.org.OrgImport;
import org.sanwang.hub.work.AppointmentFacts;
import org.sanwang.hub.work.CaseFacts;
import org.sanwang.hub.work.Level;
import org.sanwang.hub.work.WishFacts;

/** What a network's event means in the hub, decided by the network's mapper, or why it cannot be applied. */
public sealed interface Decision {
  /** The event applies: these effects, in order. */
  record Apply(List<Effect> effects) implements Decision {
    public Apply {
      effects = List.copyOf(effects);
    }
  }

  /** The event cannot be applied now: kept in quarantine with this reason until replayed after a fix. */
  record Quarantine(Reason reason) implements Decision {}

  /** One change in the hub, in its canonical terms. */
  sealed interface Effect {}

  /** A message in a building group or community channel, from the network ({@code source} = the network). */
  record PostToGroup(String groupId, String kind, String text) implements Effect {}

  /** A notification in a person's inbox. */
  record Notify(String personId, String kind, String title, String body) implements Effect {}

  /** A resident added to or changed on the roster (the import format). */
  record UpsertResident(OrgImport.ResidentSpec resident) implements Effect {}

  /** A resident taken off the roster; their history stays. */
  record RemoveResident(String residentId) implements Effect {}

  /** A case reported by the network, at the community level with the community's deadlines. */
  record ReportCase(CaseFacts facts) implements Effect {}

  /**
   * A change of the network's case: {@code dispatched}/{@code escalated} (to {@code level}, with
   * {@code deadline} or the level's), {@code resolved}, {@code rated}, {@code closed}.
   */
  record ChangeCase(String caseId, String change, Level level, Instant deadline, String note, Integer rating) implements Effect {}

  record PostWish(WishFacts facts) implements Effect {}

  /** A change of the network's wish: {@code claimed} (by {@code member}), {@code fulfilled}, {@code confirmed}, {@code cancelled}. */
  record ChangeWish(String wishId, String change, Actor member, String note, Integer rating) implements Effect {}

  record RequestAppointment(AppointmentFacts facts) implements Effect {}

  record CancelAppointment(String appointmentId, String note) implements Effect {}

  /**
   * 双报到: the member as a person of the hub ({@code personId}, new or found by mapping or phone) with
   * {@code party_member} of the community and {@code online_building_head} of {@code building} when
   * given; a person without a password yet gets an SMS with a one-time activation link.
   */
  record ReportMember(String personId, String name, String phone, String community, String building, String workplace,
      String memberId) implements Effect {}
}
