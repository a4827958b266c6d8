package org.sanwang.hub.inbox;

import java.time.Instant;
import org.sanwang.hub.CborSerializable;

/**
 * One notification in a person's inbox (contract: {@code {offset, at, kind, title, body, ref}});
 * {@code readAt} is set once a read receipt is recorded.
 */
public record InboxItem(long offset, Instant at, String kind, String title, String body, Ref ref, Instant readAt)
    implements CborSerializable {

  public record Ref(String type, String id) implements CborSerializable {}

  InboxItem read(Instant when) {
    return new InboxItem(offset, at, kind, title, body, ref, when);
  }
}
