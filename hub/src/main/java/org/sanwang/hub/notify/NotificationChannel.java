package org.sanwang.hub.notify;

import java.util.concurrent.CompletionStage;

/**
 * A way to reach a person. The inbox is the hub's own; SMS, Web Push and robot webhooks are
 * connectors. {@code send} completes when the channel has accepted the notification.
 */
public interface NotificationChannel {
  String name();

  CompletionStage<Void> send(Notification notification);

  /** This person cannot be reached on this channel (no subscription, no phone): not worth retrying. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String reason) {
      super(reason, null, false, false);
    }
  }
}
