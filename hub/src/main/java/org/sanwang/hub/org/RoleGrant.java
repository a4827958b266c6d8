package org.sanwang.hub.org;

import org.sanwang.hub.CborSerializable;

/** A role held inside a scope: {@code building_head} of {@code 130803001001-B07}. */
public record RoleGrant(String role, String scope) implements CborSerializable {}
