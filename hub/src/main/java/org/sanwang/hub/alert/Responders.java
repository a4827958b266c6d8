package org.sanwang.hub.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.community.EscalationPolicy;
import org.sanwang.hub.org.OrgIndex;
import org.sanwang.hub.org.Role;

/** Who an escalation step reaches, found in the organisation tree at the moment the step runs. */
public final class Responders {
  private Responders() {}

  /** One notification to send: to a person's inbox, or by SMS to a family contact. */
  public record Target(String notificationId, String channel, String personId, String name, String role, String phone)
      implements CborSerializable {
    public static final String INBOX = "inbox";
    public static final String SMS = "sms";
  }

  public record StepTargets(List<Target> targets, List<String> emptyRoles) implements CborSerializable {}

  public static StepTargets forStep(OrgIndex index, AlertFacts facts, List<String> roles, String idPrefix) {
    var targets = new LinkedHashMap<String, Target>();
    var empty = new ArrayList<String>();
    int n = 0;
    for (String role : roles) {
      int found = 0;
      if (EscalationPolicy.FAMILY.equals(role)) {
        for (var c : facts.contacts()) {
          found++;
          if (!targets.containsKey("sms:" + c.phone()))
            targets.put("sms:" + c.phone(), new Target(idPrefix + "-" + (++n), Target.SMS, null, c.name(), role, c.phone()));
        }
      } else {
        var r = Role.parse(role);
        if (r.isPresent()) {
          String where = r.get() == Role.unit_head ? facts.unitCode() : facts.building();
          for (var p : index.holders(r.get(), where)) {
            found++;
            if (!targets.containsKey("inbox:" + p.id()))
              targets.put("inbox:" + p.id(), new Target(idPrefix + "-" + (++n), Target.INBOX, p.id(), p.name(), role, p.phone()));
          }
        }
      }
      if (found == 0) empty.add(role);
    }
    return new StepTargets(List.copyOf(targets.values()), empty);
  }
}
