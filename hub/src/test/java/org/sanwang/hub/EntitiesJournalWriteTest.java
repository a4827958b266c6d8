package org.sanwang.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** {@code sanwang_journal_write_seconds{journal}}: which journal a write is counted under, and that it is counted once run. */
class EntitiesJournalWriteTest {
  @Test
  void theDefaultPluginIsDefaultAndTheUrgentOneUrgent() {
    assertThat(Entities.journalName("")).isEqualTo("default");
    assertThat(Entities.journalName(null)).isEqualTo("default");
    assertThat(Entities.journalName("jdbc-journal-urgent")).isEqualTo("urgent");
    assertThat(Entities.journalName("pekko.persistence.journal.inmem")).isEqualTo("pekko.persistence.journal.inmem");
  }

  @Test
  void aWriteIsTimedWhenItsSideEffectRunsAndNotBefore() throws Exception {
    var registry = new SimpleMeterRegistry();
    Metrics.addRegistry(registry);
    try {
      var written = Entities.timingWrite("jdbc-journal-urgent");
      var timer = registry.find("sanwang.journal.write").tag("journal", "urgent").timer();
      assertThat(timer).isNotNull();
      assertThat(timer.count()).isZero();
      written.apply();
      assertThat(timer.count()).isEqualTo(1);
      assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    } finally {
      Metrics.removeRegistry(registry);
    }
  }
}
