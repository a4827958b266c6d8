package org.sanwang.connectors.core;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.sanwang.hub.org.OrgDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One network's edge: how its events come in (signature, rate, parsing, dedup, the verdict at the
 * door, durable storage, then application in order per subject), what it can be asked (status,
 * quarantine, mappings, outbox) and what an operator can do (map, replay, resend, re-enable).
 * Blocking storage runs on {@code jdbc}; everything returns a {@link CompletionStage}.
 */
public final class NetworkEdge {
  private static final Logger log = LoggerFactory.getLogger(NetworkEdge.class);
  private static final Duration MAPPINGS_FRESH = Duration.ofSeconds(2);

  private final Network network;
  private final NetworkSettings settings;
  private final NetworkStore store;
  private final NetworkMapper mapper;
  private final OrgDirectory directory;
  private final HubEffects effects;
  private final Executor jdbc;
  private final Clock clock;
  private final NetworkCounters counters;
  private final Bucket rate;
  private final CloudEventsReader.TextCheck text;
  private volatile Map<String, NetworkStore.Mapping> mappings;
  private volatile Instant mappingsAt = Instant.EPOCH;
  private final Map<String, Runnable> wakers = new ConcurrentHashMap<>();

  public NetworkEdge(Network network, NetworkSettings settings, NetworkStore store, NetworkMapper mapper, OrgDirectory directory,
      HubEffects effects, Executor jdbc, Clock clock, NetworkCounters counters, CloudEventsReader.TextCheck text) {
    this.text = text;
    this.network = network;
    this.settings = settings;
    this.store = store;
    this.mapper = mapper;
    this.directory = directory;
    this.effects = effects;
    this.jdbc = jdbc;
    this.clock = clock;
    this.counters = counters;
    this.rate = Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(settings.rate()).refillGreedy(settings.rate(), Duration.ofSeconds(1)).build())
        .build();
  }

  public Network network() {
    return network;
  }

  public NetworkSettings.Edge settings() {
    return settings.edge(network);
  }

  public NetworkSettings all() {
    return settings;
  }

  /** The check of text the hub cannot keep, which every event passes before it is read. */
  public CloudEventsReader.TextCheck text() {
    return text;
  }

  public NetworkCounters counters() {
    return counters;
  }

  /** Who to tell when there is new work: the applier ({@code "applier"}) and the callback dispatcher ({@code "outbox"}). */
  public void onWork(String what, Runnable wake) {
    wakers.put(what, wake);
  }

  private void wake(String what) {
    var w = wakers.get(what);
    if (w != null) w.run();
  }

  // In

  /** Why the request's signature is refused (401), or nothing. */
  public Optional<String> refusal(String body, Map<String, List<String>> headers) {
    var refusal = settings().signing().refusal(body, headers);
    if (refusal.isPresent()) counters.add(NetworkCounters.Outcome.rejected, 1);
    return refusal;
  }

  /** Nothing when {@code events} more are within the rate, else the seconds to wait (429 {@code Retry-After}). */
  public OptionalLong admit(int events) {
    var probe = rate.tryConsumeAndReturnRemaining(Math.min(events, settings.rate()));
    if (probe.isConsumed()) return OptionalLong.empty();
    counters.add(NetworkCounters.Outcome.rejected, events);
    return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
  }

  /** A malformed request (400) or one too large (413): counted as rejected. */
  public void rejected(int events) {
    counters.add(NetworkCounters.Outcome.rejected, Math.max(1, events));
  }

  /** Stores the events not seen before, judged at the door, in one transaction: 202 once this completes. */
  public CompletionStage<NetworkStore.Ingested> ingest(List<InboundEvent> events) {
    return ingest(events, Optional.empty());
  }

  /** A feed page: its events and the feed's next cursor, in one transaction. */
  public CompletionStage<NetworkStore.Ingested> ingestPage(List<InboundEvent> events, List<NetworkStore.Admitted> malformed,
      String next) {
    return CompletableFuture.supplyAsync(() -> {
      var admitted = new ArrayList<>(judge(events));
      admitted.addAll(malformed);
      return store(admitted, Optional.ofNullable(next));
    }, jdbc);
  }

  private CompletionStage<NetworkStore.Ingested> ingest(List<InboundEvent> events, Optional<String> cursor) {
    return CompletableFuture.supplyAsync(() -> store(judge(events), cursor), jdbc);
  }

  private List<NetworkStore.Admitted> judge(List<InboundEvent> events) {
    var admitted = new ArrayList<NetworkStore.Admitted>(events.size());
    for (var e : events) {
      var decision = decide(e);
      admitted.add(new NetworkStore.Admitted(e, decision instanceof Decision.Quarantine q ? Optional.of(q.reason()) : Optional.empty()));
    }
    return admitted;
  }

  private NetworkStore.Ingested store(List<NetworkStore.Admitted> admitted, Optional<String> cursor) {
    var result = store.ingest(network, admitted, cursor, clock.instant());
    counters.add(NetworkCounters.Outcome.received, admitted.size());
    counters.add(NetworkCounters.Outcome.accepted, result.accepted());
    counters.add(NetworkCounters.Outcome.duplicates, result.duplicates());
    counters.add(NetworkCounters.Outcome.quarantined, result.quarantined());
    if (result.accepted() > result.quarantined()) wake("applier");
    return result;
  }

  private Decision decide(InboundEvent e) {
    try {
      return mapper.decide(e, subjects());
    } catch (RuntimeException x) {
      log.warn("The {} mapper failed on event {} ({}): quarantined", network.id(), e.id(), x.toString());
      return new Decision.Quarantine(Reason.badData("", "the hub could not read it: " + x.getMessage(), "枢纽无法处理：" + x.getMessage()));
    }
  }

  /** The organisation now and the network's mappings (re-read when older than two seconds or changed here). */
  Subjects subjects() {
    var now = clock.instant();
    if (mappings == null || mappingsAt.plus(MAPPINGS_FRESH).isBefore(now)) {
      mappings = Map.copyOf(store.mappings(network));
      mappingsAt = now;
    }
    return new Subjects(directory.index(), mappings);
  }

  // Application (the applier calls this, one round at a time)

  /**
   * Applies up to {@code limit} pending events, each subject's in order, subjects side by side; the
   * number settled (applied or quarantined), which is 0 also when those found could not be applied now.
   */
  public CompletionStage<Integer> applyPending(int limit) {
    return CompletableFuture.supplyAsync(() -> store.pending(network, limit), jdbc).thenCompose(pending -> {
      if (pending.isEmpty()) return CompletableFuture.completedFuture(0);
      var bySubject = new LinkedHashMap<String, List<NetworkStore.Stored>>();
      pending.forEach(s -> bySubject.computeIfAbsent(s.subject(), k -> new ArrayList<>()).add(s));
      var applied = new ConcurrentHashMap<Long, Boolean>();
      var quarantined = new ConcurrentHashMap<Long, Reason>();
      var chains = bySubject.values().stream().map(list -> {
        CompletionStage<Boolean> chain = CompletableFuture.completedFuture(true);
        for (var s : list)
          chain = chain.thenCompose(goOn -> !goOn ? CompletableFuture.completedFuture(false) : applyOne(s).handle((outcome, failure) -> {
            if (failure != null) {
              log.warn("Applying {} event {} failed, tried again later: {}", network.id(), s.offset(), failure.toString());
              return false; // the subject's later events wait, in order
            }
            outcome.ifPresentOrElse(r -> quarantined.put(s.offset(), r), () -> applied.put(s.offset(), true));
            return true;
          }));
        return chain.toCompletableFuture();
      }).toArray(CompletableFuture[]::new);
      return CompletableFuture.allOf(chains).thenApplyAsync(x -> {
        store.settle(network, List.copyOf(applied.keySet()), Map.copyOf(quarantined), clock.instant());
        counters.add(NetworkCounters.Outcome.quarantined, quarantined.size());
        return applied.size() + quarantined.size();
      }, jdbc);
    });
  }

  /** Applies one stored event: empty when it applied, else why it is (still) in quarantine. */
  private CompletionStage<Optional<Reason>> applyOne(NetworkStore.Stored s) {
    InboundEvent event;
    try {
      event = CloudEventsReader.stored(network, s.json());
    } catch (BadEvent e) {
      return CompletableFuture.completedFuture(Optional.of(Reason.malformed(e.getMessage())));
    }
    var decision = CompletableFuture.supplyAsync(() -> decide(event), jdbc);
    return decision.thenCompose(d -> d instanceof Decision.Quarantine q
        ? CompletableFuture.completedFuture(Optional.of(q.reason()))
        : effects.run(network, s.offset(), ((Decision.Apply) d).effects())
            .thenApplyAsync(refused -> {
              if (refused.isEmpty()) rememberMembers(((Decision.Apply) d).effects());
              return refused;
            }, jdbc));
  }

  /**
   * A reported member found by phone (a person the hub already had) is mapped from the network's member
   * id, so the network's later claims in that member's name find them.
   */
  private void rememberMembers(List<Decision.Effect> effects) {
    for (var e : effects)
      if (e instanceof Decision.ReportMember m && !m.personId().equals("pm-" + m.memberId())) {
        store.putMapping(network, new NetworkStore.Mapping(m.memberId(), Optional.empty(), Optional.of(m.personId()), clock.instant(),
            "party.member.reported"));
        mappings = null;
      }
  }

  // Quarantine

  public CompletionStage<List<NetworkStore.Stored>> quarantine(long after, int limit) {
    return async(() -> store.quarantine(network, after, limit));
  }

  public record Replayed(long offset, boolean applied, Optional<Reason> reason) {}

  /** Replays one quarantined event: it leaves quarantine only if it applies now. Empty when no such event is in quarantine. */
  public CompletionStage<Optional<Replayed>> replay(long offset) {
    return async(() -> store.quarantined(network, offset)).thenCompose(found -> found.isEmpty()
        ? CompletableFuture.completedFuture(Optional.<Replayed>empty())
        : replayStored(found.get()).thenApply(Optional::of));
  }

  private CompletionStage<Replayed> replayStored(NetworkStore.Stored s) {
    return applyOne(s).thenApplyAsync(outcome -> {
      store.settle(network, outcome.isEmpty() ? List.of(s.offset()) : List.of(),
          outcome.map(r -> Map.of(s.offset(), r)).orElse(Map.of()), clock.instant());
      return new Replayed(s.offset(), outcome.isEmpty(), outcome);
    }, jdbc);
  }

  public record ReplayedAll(int replayed, int applied, int stillQuarantined) {}

  /** Replays every quarantined event received at or after {@code since}, in offset order. */
  public CompletionStage<ReplayedAll> replaySince(Instant since) {
    return async(() -> store.quarantinedSince(network, since, 10_000)).thenCompose(list -> {
      CompletionStage<int[]> chain = CompletableFuture.completedFuture(new int[2]);
      for (var s : list)
        chain = chain.thenCompose(counts -> replayStored(s).thenApply(r -> {
          counts[r.applied() ? 0 : 1]++;
          return counts;
        }));
      return chain.thenApply(c -> new ReplayedAll(list.size(), c[0], c[1]));
    });
  }

  // Mappings

  public CompletionStage<List<NetworkStore.Mapping>> mappings() {
    return async(() -> store.mappings(network).values().stream()
        .sorted(java.util.Comparator.comparing(NetworkStore.Mapping::externalId)).toList());
  }

  public CompletionStage<NetworkStore.Mapping> putMapping(String externalId, Optional<String> code, Optional<String> personId,
      String by) {
    return async(() -> {
      var m = store.putMapping(network, new NetworkStore.Mapping(externalId, code, personId, clock.instant(), by));
      mappings = null;
      return m;
    });
  }

  public CompletionStage<Boolean> deleteMapping(String externalId) {
    return async(() -> {
      boolean deleted = store.deleteMapping(network, externalId);
      mappings = null;
      return deleted;
    });
  }

  // Out

  /**
   * Queues a callback to this network unless it has no callback URL; idempotent by the event's id.
   * Callbacks are queued one after another in the order asked, so a subject's go out in that order.
   */
  public synchronized CompletionStage<Boolean> enqueue(OutboundEvent event) {
    if (settings().callback().isEmpty()) return CompletableFuture.completedFuture(false);
    var queued = enqueued.handleAsync((previous, failure) -> {
      boolean added = store.enqueue(network, event.id(), event.subject(), event.type(), event.json(), clock.instant());
      if (added) wake("outbox");
      return added;
    }, jdbc);
    enqueued = queued;
    return queued;
  }

  private CompletableFuture<Boolean> enqueued = CompletableFuture.completedFuture(true);

  public CompletionStage<List<NetworkStore.OutboxItem>> outbox(Optional<NetworkStore.OutboxState> state, int limit) {
    return async(() -> store.outbox(network, state, limit));
  }

  public CompletionStage<Optional<NetworkStore.OutboxItem>> resend(String id) {
    return async(() -> {
      var item = store.outboxItem(network, id).isEmpty() ? Optional.<NetworkStore.OutboxItem>empty()
          : store.resend(network, id, clock.instant());
      item.ifPresent(i -> wake("outbox"));
      return item;
    });
  }

  /** Re-enables the callback endpoint a 410 disabled. */
  public CompletionStage<NetworkStore.Endpoint> enableEndpoint() {
    return async(() -> {
      var before = store.endpoint(network);
      var now = new NetworkStore.Endpoint(NetworkStore.EndpointState.ok, before.lastError(), before.lastErrorAt(), Optional.empty());
      store.saveEndpoint(network, now);
      wake("outbox");
      return now;
    });
  }

  public NetworkStore store() {
    return store;
  }

  Executor jdbc() {
    return jdbc;
  }

  Clock clock() {
    return clock;
  }

  // Status

  public record Status(Network network, NetworkCounters.Counts lastMinute, NetworkCounters.Counts lastHour,
      NetworkCounters.Counts lastDay, NetworkStore.Feed feed, NetworkStore.OutboxSummary outbox, NetworkStore.Endpoint endpoint,
      Map<NetworkStore.State, Long> events, int mappings) {}

  public CompletionStage<Status> status() {
    return async(() -> new Status(network, counters.last(Duration.ofMinutes(1)), counters.last(Duration.ofHours(1)),
        counters.last(Duration.ofDays(1)), store.feed(network), store.outboxSummary(network), store.endpoint(network),
        store.counts(network), subjects().mappings().size()));
  }

  private <T> CompletionStage<T> async(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, jdbc);
  }
}
