package org.sanwang.hub.notify;

import org.sanwang.hub.CborSerializable;
import org.sanwang.hub.inbox.InboxItem;

/** One message to one person on one channel ({@code inbox} or {@code sms}). */
public record Notification(
    String notificationId, String channel, String personId, String phone, String kind, String title, String body,
    InboxItem.Ref ref)
    implements CborSerializable {}
