package org.sanwang.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The outbox depth gauge asks the database at most every 10 s, on the JDBC executor, never on the scraping thread. */
class OutboxDepthTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T08:00:00Z"));
  private final List<Runnable> queued = new ArrayList<>();
  private final AtomicLong pending = new AtomicLong(3);
  private final AtomicInteger counts = new AtomicInteger();

  private NetworkEdges.OutboxDepth underTest() {
    return new NetworkEdges.OutboxDepth(() -> {
      counts.incrementAndGet();
      return pending.get();
    }, queued::add, clock, Duration.ofSeconds(10));
  }

  private void runQueued() {
    var now = new ArrayList<>(queued);
    queued.clear();
    now.forEach(Runnable::run);
  }

  @Test
  void aScrapeReadsTheLastCountAndTheCountRunsOnTheExecutor() {
    var underTest = underTest();
    assertThat(underTest.value()).as("nothing counted yet").isNaN();
    assertThat(counts).hasValue(0);
    runQueued();
    assertThat(underTest.value()).isEqualTo(3.0);
  }

  @Test
  void theDatabaseIsAskedAtMostEveryTenSeconds() {
    var underTest = underTest();
    runQueued();
    pending.set(7);
    clock.advance(Duration.ofSeconds(9));
    assertThat(underTest.value()).isEqualTo(3.0);
    assertThat(queued).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(underTest.value()).as("the stale count, while the new one runs").isEqualTo(3.0);
    assertThat(underTest.value()).isEqualTo(3.0);
    assertThat(queued).as("one count at a time").hasSize(1);
    runQueued();
    assertThat(underTest.value()).isEqualTo(7.0);
    assertThat(counts).hasValue(2);
  }

  @Test
  void aFailedCountKeepsTheOneBeforeAndAStoppedExecutorIsNoFailure() {
    var failing = new AtomicInteger();
    var underTest = new NetworkEdges.OutboxDepth(() -> {
      if (failing.getAndIncrement() > 0) throw new IllegalStateException("database down");
      return 5;
    }, Runnable::run, clock, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(underTest.value()).isEqualTo(5.0);
    clock.advance(Duration.ofSeconds(10));
    assertThat(underTest.value()).isEqualTo(5.0);

    var stopped = new NetworkEdges.OutboxDepth(() -> 1, r -> {
      throw new RejectedExecutionException("stopped");
    }, clock, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(stopped.value()).isNaN();
  }
}
