package org.sanwang.connectors.core;

/**
 * A network's events in the hub's terms: a pure function from an event, the organisation and the
 * network's mappings to the effects it has or the reason it is quarantined. One per network, each
 * with its own unit test; the edge calls it at the door (to count quarantine in the answer) and again
 * when it applies the event (the organisation or mappings may have changed in between).
 */
public interface NetworkMapper {
  Network network();

  Decision decide(InboundEvent event, Subjects subjects);

  /**
   * A title as the groups and inboxes show it: marked with the network's name once (【党建网】…), also
   * when the network already marked it so.
   */
  static String marked(Network network, String title) {
    String mark = "【" + network.nameZh() + "】";
    return title.startsWith(mark) ? title : mark + title;
  }

  /** The common first step: an event of another network's namespace is not this network's to send. */
  static java.util.Optional<Decision> foreign(Network network, InboundEvent event) {
    return event.type().startsWith(network.id() + ".") ? java.util.Optional.empty()
        : java.util.Optional.of(new Decision.Quarantine(Reason.wrongNetwork(event.type(), network)));
  }
}
