package org.sanwang.hub;

import java.time.Duration;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;

/** What every persistent entity shares. */
public final class Entities {
  private Entities() {}

  /** After a journal failure an entity restarts and recovers, backing off from 200 ms to 5 s. */
  public static final BackoffSupervisorStrategy ON_JOURNAL_FAILURE =
      Entities.ON_JOURNAL_FAILURE;
}
