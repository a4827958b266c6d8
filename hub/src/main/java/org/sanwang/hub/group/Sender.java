package org.sanwang.hub.group;

import org.sanwang.hub.CborSerializable;

/** Who posted: a person (id, name, the role they posted in) or a network's system account. */
public record Sender(String id, String name, String role) implements CborSerializable {}
