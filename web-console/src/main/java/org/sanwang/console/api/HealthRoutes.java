package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /health/alive}, {@code /health/ready} (ready only while a probe event can be written to
 * the journal; probes are spaced out) and {@code /metrics} in Prometheus text format.
 */
public final class HealthRoutes extends AllDirectives {
  public record Status(String status, Instant checkedAt) {}

  private final Supplier<CompletionStage<Instant>> probeJournal;
  private final PrometheusMeterRegistry metrics;
  private final Duration probeEvery;
  private final Clock clock;
  private final AtomicReference<CompletionStage<Status>> last = new AtomicReference<>();
  private volatile Instant lastAt = Instant.EPOCH;

  public HealthRoutes(Supplier<CompletionStage<Instant>> probeJournal, PrometheusMeterRegistry metrics, Duration probeEvery,
      Clock clock) {
    this.probeJournal = probeJournal;
    this.metrics = metrics;
    this.probeEvery = probeEvery;
    this.clock = clock;
  }

  public Route routes() {
    return concat(
        path(segment("health").slash("alive"), () -> get(() ->
            complete(org.apache.pekko.http.javadsl.model.StatusCodes.OK, new Status("alive", clock.instant()), Json.marshaller()))),
        path(segment("health").slash("ready"), () -> get(() -> onSuccess(ready(), s ->
            complete(org.apache.pekko.http.javadsl.model.StatusCodes.OK, s, Json.marshaller())))),
        path("metrics", () -> get(() -> complete(HttpEntities.create(
            ContentTypes.create(MediaTypes.TEXT_PLAIN, HttpCharsets.UTF_8), metrics.scrape())))));
  }

  private CompletionStage<Status> ready() {
    var now = clock.instant();
    var cached = last.get();
    if (cached != null && now.isBefore(lastAt.plus(probeEvery))) return cached;
    lastAt = now;
    CompletionStage<Status> fresh = probeJournal.get()
        .thenApply(at -> new Status("ready", at))
        .exceptionallyCompose(e -> {
          lastAt = Instant.EPOCH;
          return CompletableFuture.failedStage(ProblemException.unavailable("journal: not writable (" + rootMessage(e) + ")"));
        });
    last.set(fresh);
    return fresh;
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) e = e.getCause();
    return e.getClass().getSimpleName();
  }
}
