package org.sanwang.hub.work;

import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.alert.Actor;

/**
 * A resident's small wish (微心愿) as posted: what, for whom, where, the points it is worth, who posted it
 * in the hub ({@code postedBy}, none for the party network's) and where it came from ({@code origin}
 * {@code party} or {@code hub}; {@code subject} is the network's name for the place).
 */
public record WishFacts(String wishId, String title, String detail, String building, String community, String residentId,
    String residentName, String phone, int points, Actor postedBy, String origin, String subject) implements CborSerializable {}
