package org.sanwang.hub.alert;

import org.sanwang.hub.CborSerializable;

/** A responder acting on an alert. */
public record Actor(String id, String name, String role) implements CborSerializable {}
