package org.sanwang.hub.alert;

import java.util.List;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgIndex;
import org.sanwang.hub.org.OrgTree;

/** Who called and from where: fixed when the alert is raised. */
public record AlertFacts(
    String deviceId,
    String residentId,
    String residentName,
    String building,
    String buildingName,
    int unit,
    String room,
    String community,
    List<OrgTree.Contact> contacts)
    implements CborSerializable {

  /** The facts of a call by {@code r} from {@code deviceId}, as the organisation has them now. */
  public static AlertFacts of(OrgIndex index, OrgTree.Resident r, String deviceId) {
    return new AlertFacts(deviceId, r.id(), r.name(), r.building(), index.nameOf(r.building()).orElse(r.building()), r.unit(),
        r.room(), Codes.communityOf(r.building()), r.contacts());
  }

  public String unitCode() {
    return building + "-U" + unit;
  }

  /** "7号楼2单元302", the address a responder reads. */
  public String address() {
    return buildingName + unit + "单元" + room;
  }
}
