package org.sanwang.hub;

/**
 * Marker for every message, event and snapshot that crosses the wire or goes into the journal.
 * Bound to Jackson CBOR in {@code reference.conf}.
 */
public interface CborSerializable {}
