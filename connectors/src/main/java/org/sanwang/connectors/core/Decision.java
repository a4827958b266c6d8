package org.sanwang.connectors.core;

import java.util.List;
import org.sanwang.hub.org.OrgImport;

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
}
