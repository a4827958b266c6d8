package org.sanwang.connectors.push;

import org.sanwang.hub.notify.Notification;

/** A notification as the SMS gateway webhook takes it: {@code {to, text, ref}} (CONTRACT.md). */
public final class SmsMapper {
  private SmsMapper() {}

  public record SmsRequest(String to, String text, Ref ref) {}

  public record Ref(String type, String id) {}

  public static SmsRequest toRequest(Notification n) {
    return new SmsRequest(n.phone(), n.body(), n.ref() == null ? null : new Ref(n.ref().type(), n.ref().id()));
  }
}
