package org.sanwang.hub.group;

import java.time.Instant;
import org.sanwang.hub.CborSerializable;

/**
 * The canonical message of a group. {@code source} is where it came from ({@code hub},
 * {@code party}, {@code governance}, {@code community}); {@code kind} what it is ({@code chat},
 * {@code notice}, {@code event}, {@code system}).
 */
public record GroupMessage(long offset, String id, Instant at, Sender sender, String source, String kind, String text)
    implements CborSerializable {}
