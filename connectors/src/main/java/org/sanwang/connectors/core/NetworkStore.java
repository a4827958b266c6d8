package org.sanwang.connectors.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The network edge's durable state, in the hub's database next to the journal (PostgreSQL, or the
 * embedded H2 whose commits are on disk when they return): every event a network sent, keyed for
 * dedup and ordered by offset; the identity mappings; the feeds' cursors; the outbox of callbacks and
 * each endpoint's state. Blocking JDBC: call it from the edge's own executor, never from an actor.
 *
 * <p>A request's events, and a feed page's events with the feed's next cursor, are written in one
 * transaction: all are durable, or none is and the sender retries.
 */
public final class NetworkStore {
  public enum State { pending, applied, quarantined }

  /** An event as stored: its offset, when it arrived, its state and, in quarantine, why. */
  public record Stored(long offset, Instant receivedAt, State state, Optional<Reason> reason, String json, String subject,
      String type) {}

  /** An event let in, with its verdict at the door: to apply, or straight to quarantine. */
  public record Admitted(InboundEvent event, Optional<Reason> quarantine) {}

  public record Ingested(int accepted, int duplicates, int quarantined) {}

  public record Mapping(String externalId, Optional<String> code, Optional<String> personId, Instant updatedAt, String updatedBy) {}

  public record Feed(Optional<String> cursor, Optional<Instant> polledAt, Optional<Instant> lastEventAt,
      Optional<String> lastError, Optional<Instant> lastErrorAt) {
    static final Feed NONE = new Feed(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public enum OutboxState { pending, delivered, failed }

  public record OutboxItem(long seq, String id, String subject, String type, String json, Instant createdAt, OutboxState state,
      int attempts, Optional<Instant> nextAttemptAt, Optional<Instant> lastAttemptAt, Optional<String> lastError,
      Optional<Instant> deliveredAt) {}

  public record OutboxSummary(int depth, Optional<Instant> oldestPendingAt, int failed, int delivered) {}

  public enum EndpointState { ok, failing, disabled }

  public record Endpoint(EndpointState state, Optional<String> lastError, Optional<Instant> lastErrorAt,
      Optional<Instant> disabledAt) {
    static final Endpoint OK = new Endpoint(EndpointState.ok, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private final DataSource db;
  private final Map<Network, ReentrantLock> writers = new EnumMap<>(Network.class);

  public NetworkStore(DataSource db) {
    this.db = db;
    for (var n : Network.values()) writers.put(n, new ReentrantLock());
  }

  // Inbound

  /**
   * Stores the events not seen before (by network, source and id, also within this batch) and, for a
   * feed page, the feed's next cursor, in one transaction. This node writes one network's events one
   * request at a time; a race with another node on the same key fails the transaction, which is retried.
   */
  public Ingested ingest(Network n, List<Admitted> events, Optional<String> nextCursor, Instant now) {
    var lock = writers.get(n);
    lock.lock();
    try {
      try {
        return transaction(c -> insertNew(c, n, events, nextCursor, now));
      } catch (Failure f) {
        if (!"23505".equals(f.sqlState())) throw f;
        return transaction(c -> insertNew(c, n, events, nextCursor, now)); // another node stored one of these first
      }
    } finally {
      lock.unlock();
    }
  }

  private Ingested insertNew(Connection c, Network n, List<Admitted> events, Optional<String> nextCursor, Instant now)
      throws SQLException {
    var keys = new ArrayList<String>(events.size());
    for (var a : events) keys.add(dedupKey(a.event().key()));
    var seen = new HashSet<String>();
    for (int from = 0; from < keys.size(); from += 500) seen.addAll(existing(c, n, keys.subList(from, Math.min(keys.size(), from + 500))));
    int accepted = 0, duplicates = 0, quarantined = 0;
    try (var insert = c.prepareStatement("INSERT INTO network_inbound (network, dedup_key, source, event_id, subject, type, "
        + "received_at, event, state, reason_code, reason_en, reason_zh, settled_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (int i = 0; i < events.size(); i++) {
        if (!seen.add(keys.get(i))) {
          duplicates++;
          continue;
        }
        var a = events.get(i);
        var e = a.event();
        insert.setString(1, n.id());
        insert.setString(2, keys.get(i));
        insert.setString(3, e.source());
        insert.setString(4, e.id());
        insert.setString(5, e.subject());
        insert.setString(6, e.type());
        insert.setObject(7, at(now));
        insert.setString(8, e.json());
        insert.setString(9, a.quarantine().isPresent() ? State.quarantined.name() : State.pending.name());
        insert.setString(10, a.quarantine().map(Reason::code).orElse(null));
        insert.setString(11, a.quarantine().map(Reason::en).orElse(null));
        insert.setString(12, a.quarantine().map(Reason::zh).orElse(null));
        insert.setObject(13, a.quarantine().isPresent() ? at(now) : null);
        insert.addBatch();
        accepted++;
        if (a.quarantine().isPresent()) quarantined++;
      }
      if (accepted > 0) insert.executeBatch();
    }
    if (nextCursor.isPresent()) saveCursor(c, n, nextCursor.get(), now, accepted > 0);
    return new Ingested(accepted, duplicates, quarantined);
  }

  private static Set<String> existing(Connection c, Network n, List<String> keys) throws SQLException {
    if (keys.isEmpty()) return Set.of();
    var sql = new StringBuilder("SELECT dedup_key FROM network_inbound WHERE network = ? AND dedup_key IN (");
    for (int i = 0; i < keys.size(); i++) sql.append(i == 0 ? "?" : ",?");
    try (var q = c.prepareStatement(sql.append(')').toString())) {
      q.setString(1, n.id());
      for (int i = 0; i < keys.size(); i++) q.setString(i + 2, keys.get(i));
      var out = new HashSet<String>();
      try (var rs = q.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** The oldest events waiting to be applied, in offset order. */
  public List<Stored> pending(Network n, int limit) {
    return query("SELECT seq, received_at, state, reason_code, reason_en, reason_zh, event, subject, type FROM network_inbound "
        + "WHERE network = ? AND state = 'pending' ORDER BY seq " + limit(limit), this::stored, n.id());
  }

  /** Marks applied events, and moves those that could not be applied to quarantine, in one transaction. */
  public void settle(Network n, List<Long> applied, Map<Long, Reason> quarantined, Instant now) {
    transaction(c -> {
      if (!applied.isEmpty()) try (var u = c.prepareStatement("UPDATE network_inbound SET state = 'applied', reason_code = NULL, "
          + "reason_en = NULL, reason_zh = NULL, settled_at = ? WHERE network = ? AND seq = ?")) {
        for (long seq : applied) {
          u.setObject(1, at(now));
          u.setString(2, n.id());
          u.setLong(3, seq);
          u.addBatch();
        }
        u.executeBatch();
      }
      if (!quarantined.isEmpty()) try (var u = c.prepareStatement("UPDATE network_inbound SET state = 'quarantined', reason_code = ?, "
          + "reason_en = ?, reason_zh = ?, settled_at = ? WHERE network = ? AND seq = ?")) {
        for (var e : quarantined.entrySet()) {
          u.setString(1, e.getValue().code());
          u.setString(2, e.getValue().en());
          u.setString(3, e.getValue().zh());
          u.setObject(4, at(now));
          u.setString(5, n.id());
          u.setLong(6, e.getKey());
          u.addBatch();
        }
        u.executeBatch();
      }
      return null;
    });
  }

  // Quarantine

  public List<Stored> quarantine(Network n, long after, int limit) {
    return query("SELECT seq, received_at, state, reason_code, reason_en, reason_zh, event, subject, type FROM network_inbound "
        + "WHERE network = ? AND state = 'quarantined' AND seq > ? ORDER BY seq " + limit(limit), this::stored, n.id(), after);
  }

  public Optional<Stored> quarantined(Network n, long offset) {
    return query("SELECT seq, received_at, state, reason_code, reason_en, reason_zh, event, subject, type FROM network_inbound "
        + "WHERE network = ? AND state = 'quarantined' AND seq = ?", this::stored, n.id(), offset).stream().findFirst();
  }

  public List<Stored> quarantinedSince(Network n, Instant since, int limit) {
    return query("SELECT seq, received_at, state, reason_code, reason_en, reason_zh, event, subject, type FROM network_inbound "
        + "WHERE network = ? AND state = 'quarantined' AND received_at >= ? ORDER BY seq " + limit(limit), this::stored, n.id(),
        at(since));
  }

  public Map<State, Long> counts(Network n) {
    var out = new EnumMap<State, Long>(State.class);
    for (var s : State.values()) out.put(s, 0L);
    query("SELECT state, COUNT(*) FROM network_inbound WHERE network = ? GROUP BY state",
        rs -> out.put(State.valueOf(rs.getString(1)), rs.getLong(2)), n.id());
    return out;
  }

  /** Forgets applied events received before {@code before} (their dedup keys too); quarantined ones stay. */
  public int prune(Instant before) {
    return update("DELETE FROM network_inbound WHERE state = 'applied' AND received_at < ?", at(before));
  }

  // Mappings

  public Map<String, Mapping> mappings(Network n) {
    var out = new HashMap<String, Mapping>();
    query("SELECT external_id, code, person_id, updated_at, updated_by FROM network_mapping WHERE network = ? ORDER BY external_id",
        rs -> out.put(rs.getString(1), new Mapping(rs.getString(1), Optional.ofNullable(rs.getString(2)),
            Optional.ofNullable(rs.getString(3)), instant(rs, 4).orElseThrow(), rs.getString(5))), n.id());
    return out;
  }

  public Mapping putMapping(Network n, Mapping m) {
    transaction(c -> {
      int changed;
      try (var u = c.prepareStatement("UPDATE network_mapping SET code = ?, person_id = ?, updated_at = ?, updated_by = ? "
          + "WHERE network = ? AND external_id = ?")) {
        bind(u, m.code().orElse(null), m.personId().orElse(null), at(m.updatedAt()), m.updatedBy(), n.id(), m.externalId());
        changed = u.executeUpdate();
      }
      if (changed == 0) try (var i = c.prepareStatement("INSERT INTO network_mapping (network, external_id, code, person_id, "
          + "updated_at, updated_by) VALUES (?,?,?,?,?,?)")) {
        bind(i, n.id(), m.externalId(), m.code().orElse(null), m.personId().orElse(null), at(m.updatedAt()), m.updatedBy());
        i.executeUpdate();
      }
      return null;
    });
    return m;
  }

  public boolean deleteMapping(Network n, String externalId) {
    return update("DELETE FROM network_mapping WHERE network = ? AND external_id = ?", n.id(), externalId) > 0;
  }

  // Feeds

  public Feed feed(Network n) {
    return query("SELECT cursor_value, polled_at, last_event_at, last_error, last_error_at FROM network_feed WHERE network = ?",
        rs -> new Feed(Optional.ofNullable(rs.getString(1)), instant(rs, 2), instant(rs, 3), Optional.ofNullable(rs.getString(4)),
            instant(rs, 5)), n.id()).stream().findFirst().orElse(Feed.NONE);
  }

  /** A poll that found nothing new ({@code error} empty) or failed. */
  public void recordPoll(Network n, Instant at, Optional<String> error) {
    transaction(c -> {
      ensureFeed(c, n);
      try (var u = c.prepareStatement(error.isEmpty()
          ? "UPDATE network_feed SET polled_at = ?, last_error = NULL WHERE network = ?"
          : "UPDATE network_feed SET last_error = ?, last_error_at = ? WHERE network = ?")) {
        if (error.isEmpty()) bind(u, at(at), n.id());
        else bind(u, truncate(error.get()), at(at), n.id());
        u.executeUpdate();
      }
      return null;
    });
  }

  private void saveCursor(Connection c, Network n, String cursor, Instant now, boolean newEvents) throws SQLException {
    ensureFeed(c, n);
    try (var u = c.prepareStatement(newEvents
        ? "UPDATE network_feed SET cursor_value = ?, polled_at = ?, last_error = NULL, last_event_at = ? WHERE network = ?"
        : "UPDATE network_feed SET cursor_value = ?, polled_at = ?, last_error = NULL WHERE network = ?")) {
      if (newEvents) bind(u, cursor, at(now), at(now), n.id());
      else bind(u, cursor, at(now), n.id());
      u.executeUpdate();
    }
  }

  private static void ensureFeed(Connection c, Network n) throws SQLException {
    try (var q = c.prepareStatement("SELECT 1 FROM network_feed WHERE network = ?")) {
      q.setString(1, n.id());
      try (var rs = q.executeQuery()) {
        if (rs.next()) return;
      }
    }
    try (var i = c.prepareStatement("INSERT INTO network_feed (network) VALUES (?)")) {
      i.setString(1, n.id());
      i.executeUpdate();
    }
  }

  // Outbox

  /**
   * Adds a callback unless one with this id is already there (so a replayed source of callbacks adds
   * nothing). Two nodes may queue the same callback at once: the one whose insert meets the other's
   * ({@code network_outbox_once}, SQLState 23505) finds it already queued.
   */
  public boolean enqueue(Network n, String id, String subject, String type, String json, Instant now) {
    try {
      return insertCallback(n, id, subject, type, json, now);
    } catch (Failure f) {
      if ("23505".equals(f.sqlState())) return false;
      throw f;
    }
  }

  private boolean insertCallback(Network n, String id, String subject, String type, String json, Instant now) {
    return transaction(c -> {
      try (var q = c.prepareStatement("SELECT 1 FROM network_outbox WHERE network = ? AND id = ?")) {
        bind(q, n.id(), id);
        try (var rs = q.executeQuery()) {
          if (rs.next()) return false;
        }
      }
      try (var i = c.prepareStatement("INSERT INTO network_outbox (network, id, subject, type, event, created_at, state, attempts, "
          + "next_attempt_at) VALUES (?,?,?,?,?,?,'pending',0,?)")) {
        bind(i, n.id(), id, subject, type, json, at(now), at(now));
        i.executeUpdate();
      }
      return true;
    });
  }

  private static final String OUTBOX_COLUMNS = "seq, id, subject, type, event, created_at, state, attempts, next_attempt_at, "
      + "last_attempt_at, last_error, delivered_at";

  /** The callbacks due now that are first in line for their subject: a subject's callbacks go one after another. */
  public List<OutboxItem> dueHeads(Network n, Instant now, int limit) {
    return query("SELECT " + OUTBOX_COLUMNS + " FROM network_outbox o WHERE o.network = ? AND o.state = 'pending' "
        + "AND o.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM network_outbox p WHERE p.network = o.network "
        + "AND p.subject = o.subject AND p.state = 'pending' AND p.seq < o.seq) ORDER BY o.seq " + limit(limit),
        this::outboxItem, n.id(), at(now));
  }

  public void delivered(Network n, long seq, Instant at) {
    update("UPDATE network_outbox SET state = 'delivered', attempts = attempts + 1, last_attempt_at = ?, delivered_at = ?, "
        + "next_attempt_at = NULL, last_error = NULL WHERE network = ? AND seq = ?", at(at), at(at), n.id(), seq);
  }

  /** A failed attempt: tried again at {@code next}, or, with {@code next} empty, given up ({@code failed}). */
  public void attemptFailed(Network n, long seq, Instant at, String error, Optional<Instant> next) {
    update("UPDATE network_outbox SET state = ?, attempts = attempts + 1, last_attempt_at = ?, last_error = ?, next_attempt_at = ? "
        + "WHERE network = ? AND seq = ?", next.isPresent() ? "pending" : "failed", at(at), truncate(error),
        next.map(NetworkStore::at).orElse(null), n.id(), seq);
  }

  /** Puts an item back in line, due now, with a fresh count of attempts. */
  public Optional<OutboxItem> resend(Network n, String id, Instant now) {
    update("UPDATE network_outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, created_at = ? "
        + "WHERE network = ? AND id = ?", at(now), at(now), n.id(), id);
    return outboxItem(n, id);
  }

  public Optional<OutboxItem> outboxItem(Network n, String id) {
    return query("SELECT " + OUTBOX_COLUMNS + " FROM network_outbox WHERE network = ? AND id = ?", this::outboxItem, n.id(), id)
        .stream().findFirst();
  }

  public List<OutboxItem> outbox(Network n, Optional<OutboxState> state, int limit) {
    return state.isPresent()
        ? query("SELECT " + OUTBOX_COLUMNS + " FROM network_outbox WHERE network = ? AND state = ? ORDER BY seq DESC " + limit(limit),
            this::outboxItem, n.id(), state.get().name())
        : query("SELECT " + OUTBOX_COLUMNS + " FROM network_outbox WHERE network = ? ORDER BY seq DESC " + limit(limit),
            this::outboxItem, n.id());
  }

  /** How many callbacks wait to be delivered (pending, due or not). */
  public long pendingCallbacks(Network n) {
    return query("SELECT COUNT(*) FROM network_outbox WHERE network = ? AND state = 'pending'", rs -> rs.getLong(1), n.id()).get(0);
  }

  public OutboxSummary outboxSummary(Network n) {
    int[] counts = new int[3];
    Instant[] oldest = {null};
    query("SELECT state, COUNT(*), MIN(created_at) FROM network_outbox WHERE network = ? GROUP BY state", rs -> {
      var s = OutboxState.valueOf(rs.getString(1));
      counts[s.ordinal()] = rs.getInt(2);
      if (s == OutboxState.pending) oldest[0] = instant(rs, 3).orElse(null);
      return null;
    }, n.id());
    return new OutboxSummary(counts[OutboxState.pending.ordinal()], Optional.ofNullable(oldest[0]),
        counts[OutboxState.failed.ordinal()], counts[OutboxState.delivered.ordinal()]);
  }

  public Endpoint endpoint(Network n) {
    return query("SELECT state, last_error, last_error_at, disabled_at FROM network_endpoint WHERE network = ?",
        rs -> new Endpoint(EndpointState.valueOf(rs.getString(1)), Optional.ofNullable(rs.getString(2)), instant(rs, 3),
            instant(rs, 4)), n.id()).stream().findFirst().orElse(Endpoint.OK);
  }

  public void saveEndpoint(Network n, Endpoint e) {
    transaction(c -> {
      int changed;
      try (var u = c.prepareStatement("UPDATE network_endpoint SET state = ?, last_error = ?, last_error_at = ?, disabled_at = ? "
          + "WHERE network = ?")) {
        bind(u, e.state().name(), e.lastError().map(NetworkStore::truncate).orElse(null), e.lastErrorAt().map(NetworkStore::at)
            .orElse(null), e.disabledAt().map(NetworkStore::at).orElse(null), n.id());
        changed = u.executeUpdate();
      }
      if (changed == 0) try (var i = c.prepareStatement("INSERT INTO network_endpoint (network, state, last_error, last_error_at, "
          + "disabled_at) VALUES (?,?,?,?,?)")) {
        bind(i, n.id(), e.state().name(), e.lastError().map(NetworkStore::truncate).orElse(null),
            e.lastErrorAt().map(NetworkStore::at).orElse(null), e.disabledAt().map(NetworkStore::at).orElse(null));
        i.executeUpdate();
      }
      return null;
    });
  }

  // Watermarks of journal followers

  /** When a follower of the journal first ran: created at {@code now} the first time it is asked for. */
  public Instant startedAt(String name, Instant now) {
    return transaction(c -> {
      try (var q = c.prepareStatement("SELECT started_at, offset_value FROM network_watermark WHERE name = ?")) {
        q.setString(1, name);
        try (var rs = q.executeQuery()) {
          if (rs.next()) return instant(rs, 1).orElseThrow();
        }
      }
      try (var i = c.prepareStatement("INSERT INTO network_watermark (name, started_at, offset_value) VALUES (?,?,0)")) {
        bind(i, name, at(now));
        i.executeUpdate();
      }
      return now;
    });
  }

  // JDBC plumbing

  /** A database failure, unchecked; {@link #sqlState} tells a unique-key race (23505) from the rest. */
  public static final class Failure extends RuntimeException {
    private final String sqlState;

    Failure(SQLException e) {
      super("network store: " + e.getMessage(), e);
      this.sqlState = e.getSQLState();
    }

    public String sqlState() {
      return sqlState;
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T transaction(Work<T> work) {
    try (var c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new Failure(e);
    }
  }

  private <T> List<T> query(String sql, Row<T> row, Object... params) {
    try (var c = db.getConnection(); var q = c.prepareStatement(sql)) {
      bind(q, params);
      var out = new ArrayList<T>();
      try (var rs = q.executeQuery()) {
        while (rs.next()) out.add(row.read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new Failure(e);
    }
  }

  private int update(String sql, Object... params) {
    try (var c = db.getConnection(); var u = c.prepareStatement(sql)) {
      bind(u, params);
      return u.executeUpdate();
    } catch (SQLException e) {
      throw new Failure(e);
    }
  }

  private static void bind(PreparedStatement s, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      var p = params[i];
      // An untyped null: PostgreSQL refuses a VARCHAR null for a timestamp column (an endpoint's disabled_at).
      if (p == null) s.setNull(i + 1, java.sql.Types.NULL);
      else if (p instanceof OffsetDateTime t) s.setObject(i + 1, t);
      else s.setObject(i + 1, p);
    }
  }

  private static String limit(int limit) {
    return "LIMIT " + Math.max(1, limit);
  }

  private Stored stored(ResultSet rs) throws SQLException {
    var state = State.valueOf(rs.getString(3));
    Optional<Reason> reason = rs.getString(4) == null ? Optional.empty()
        : Optional.of(new Reason(rs.getString(4), rs.getString(5), rs.getString(6)));
    return new Stored(rs.getLong(1), instant(rs, 2).orElseThrow(), state, reason, rs.getString(7), rs.getString(8), rs.getString(9));
  }

  private OutboxItem outboxItem(ResultSet rs) throws SQLException {
    return new OutboxItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        instant(rs, 6).orElseThrow(), OutboxState.valueOf(rs.getString(7)), rs.getInt(8), instant(rs, 9), instant(rs, 10),
        Optional.ofNullable(rs.getString(11)), instant(rs, 12));
  }

  private static OffsetDateTime at(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    var t = rs.getObject(column, OffsetDateTime.class);
    return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
  }

  private static String truncate(String s) {
    return s.length() <= 1000 ? s : s.substring(0, 997) + "…";
  }

  /** The key's source and id, hashed (the network is a column of its own). */
  static String dedupKey(InboundEvent.Key key) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      digest.update(key.source().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(key.id().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException x) {
      throw new IllegalStateException(x);
    }
  }
}
