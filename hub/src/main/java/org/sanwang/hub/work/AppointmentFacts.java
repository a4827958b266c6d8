package org.sanwang.hub.work;

import java.time.Instant;
import org.sanwang.hub.CborSerializable;

/** What the community network asked for: which resident, which service, when ({@code at}, optional), its place. */
public record AppointmentFacts(String appointmentId, String residentId, String residentName, String building, String community,
    String service, Instant at, String note, String subject) implements CborSerializable {}
