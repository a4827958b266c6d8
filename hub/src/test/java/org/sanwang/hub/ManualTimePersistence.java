package org.sanwang.hub;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/**
 * An actor system on manual time with the persistence testkit's journal, for entities whose timers the
 * tests drive.
 *
 * <p>A jump of manual time runs every task due before its end, including those scheduled while it runs:
 * a timer that fires early in a jump makes the entity write, and the journal's call timeout, set from the
 * manual clock at that moment, falls inside the same jump. The write then fails with "Circuit Breaker
 * Timed out" and the restarted entity's recovery times out the same way, though nothing was slow. So the
 * journal's and snapshot store's timeouts here are longer than any jump a test makes.
 */
public final class ManualTimePersistence {
  private ManualTimePersistence() {}

  private static final String NEVER_WITHIN_A_JUMP = "3650d";

  public static Config config() {
    return ConfigFactory.parseString("""
            pekko.persistence.testkit.journal {
              circuit-breaker.call-timeout = %1$s
              recovery-event-timeout = %1$s
            }
            pekko.persistence.testkit.snapshotstore.pluginid.circuit-breaker.call-timeout = %1$s
            """.formatted(NEVER_WITHIN_A_JUMP))
        .withFallback(ManualTime.config())
        .withFallback(EventSourcedBehaviorTestKit.config());
  }
}
