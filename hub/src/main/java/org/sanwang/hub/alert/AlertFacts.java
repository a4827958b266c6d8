package org.sanwang.hub.alert;

import java.util.List;
import org.sanwang.hub.CborSerializable;
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

  public String unitCode() {
    return building + "-U" + unit;
  }

  /** "7号楼2单元302", the address a responder reads. */
  public String address() {
    return buildingName + unit + "单元" + room;
  }
}
