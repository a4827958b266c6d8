package org.sanwang.connectors.governance;

import org.sanwang.connectors.core.Decision;
import org.sanwang.connectors.core.InboundEvent;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.NetworkMapper;
import org.sanwang.connectors.core.Reason;
import org.sanwang.connectors.core.Subjects;

/**
 * The social-governance (grid event) network's events. Its cases ({@code governance.case.*}) are
 * checked at the door against the contract's fields, routed by subject, and kept in quarantine as a
 * type the hub does not handle yet: they apply on replay once the hub has cases (the next issue).
 */
public final class GovernanceMapper implements NetworkMapper {
  @Override
  public Network network() {
    return Network.GOVERNANCE;
  }

  @Override
  public Decision decide(InboundEvent e, Subjects subjects) {
    var foreign = NetworkMapper.foreign(network(), e);
    if (foreign.isPresent()) return foreign.get();
    var target = subjects.code("subject", e.subject());
    if (target.code().isEmpty()) return new Decision.Quarantine(target.reason());
    return new Decision.Quarantine(Reason.unknownType(e.type()));
  }
}
