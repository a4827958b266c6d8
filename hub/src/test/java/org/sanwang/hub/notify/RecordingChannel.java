package org.sanwang.hub.notify;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for an outside channel (an SMS gateway) or records what reaches a person's inbox in
 * entity tests: keeps every notification sent, and can be made to fail.
 */
public final class RecordingChannel implements NotificationChannel {
  private final String name;
  public final List<Notification> sent = new CopyOnWriteArrayList<>();
  public volatile boolean failing;

  public RecordingChannel(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletionStage<Void> send(Notification n) {
    sent.add(n);
    return failing ? CompletableFuture.failedFuture(new IllegalStateException("gateway said 503"))
        : CompletableFuture.completedFuture(null);
  }

  /** Who was reached: person ids, or phone numbers for SMS. */
  public List<String> people() {
    return sent.stream().map(n -> n.personId() != null ? n.personId() : n.phone()).toList();
  }
}
