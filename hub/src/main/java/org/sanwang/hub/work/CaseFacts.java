package org.sanwang.hub.work;

import java.util.List;
import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.alert.Actor;

/**
 * What a case is about, fixed when it is reported: what, where, who reported it, and where it came
 * from ({@code origin} {@code governance} for the network's cases, {@code hub} for a 随手拍 made here;
 * {@code subject} is the network's own name for the place, used when the case's changes go back to it).
 */
public record CaseFacts(
    String caseId, String category, String description, String location, String building, String grid, String community,
    String street, String reporterName, String reporterPhone, Actor reportedBy, List<String> photos, String origin, String subject)
    implements CborSerializable {
  public static final String HUB = "hub";

  public CaseFacts {
    photos = photos == null ? List.of() : List.copyOf(photos);
  }
}
