package org.sanwang.hub.notify;

import java.util.concurrent.CompletionStage;

/**
 * A way to reach a person. The inbox is the hub's own; SMS, Web Push and robot webhooks are
 * connectors. {@code send} completes when the channel has accepted the notification.
 */
public interface NotificationChannel {
  String name();

  CompletionStage<Void> send(Notification notification);
}
