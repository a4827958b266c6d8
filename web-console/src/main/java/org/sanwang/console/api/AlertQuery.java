package org.sanwang.console.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.alert.AlertSummary;
import org.sanwang.hub.org.Codes;

/**
 * What {@code GET /api/v1/alerts} asks for: {@code state} open (the default) or closed, and the
 * filters {@code q} (part of the resident's name or id), {@code building}, {@code community},
 * {@code from}/{@code to} (dates, inclusive, China time, on when the alert was raised), {@code
 * outcome} (resolved or cancelled; closed only) and {@code limit}. Parsed strictly, a bad
 * parameter named in a 400; then applied to summaries (pure).
 *
 * @param limit at most this many (closed: 100 unless given; open: every open alert unless given)
 */
public record AlertQuery(boolean closed, String q, String building, String community, LocalDate from, LocalDate to,
    String outcome, Integer limit) {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final int DEFAULT_CLOSED_LIMIT = 100;
  static final int MAX_LIMIT = 500;
  static final int MAX_Q = 100;

  /** The open alerts, unfiltered: what a bare {@code GET /api/v1/alerts} lists. */
  public static final AlertQuery OPEN = new AlertQuery(false, null, null, null, null, null, null, null);

  /** From the query parameters (others are ignored); a 400 problem naming the first bad one. */
  public static AlertQuery parse(Map<String, String> params) {
    String state = params.getOrDefault("state", "open");
    if (!state.equals("open") && !state.equals("closed"))
      throw ProblemException.badRequest("state: open or closed, got '" + shown(state) + "'");
    boolean closed = state.equals("closed");
    String q = given(params, "q").orElse(null);
    if (q != null && Json.textProblem(q) != null) throw ProblemException.badRequest("q: " + Json.textProblem(q));
    q = q == null || q.strip().isEmpty() ? null : q.strip();
    if (q != null && q.length() > MAX_Q) throw ProblemException.badRequest("q: at most " + MAX_Q + " characters");
    String building = given(params, "building").orElse(null);
    if (building != null && !Codes.is(building, Codes.Level.BUILDING))
      throw ProblemException.badRequest("building: must be a building code like 130803001001-B07, got '" + shown(building) + "'");
    String community = given(params, "community").orElse(null);
    if (community != null && !Codes.is(community, Codes.Level.COMMUNITY))
      throw ProblemException.badRequest("community: must be a 12-digit community code, got '" + shown(community) + "'");
    LocalDate from = date("from", given(params, "from"));
    LocalDate to = date("to", given(params, "to"));
    if (from != null && to != null && from.isAfter(to)) throw ProblemException.badRequest("from: must not be after to");
    String outcome = given(params, "outcome").orElse(null);
    if (outcome != null && !outcome.equals(AlertEntity.RESOLVED) && !outcome.equals(AlertEntity.CANCELLED))
      throw ProblemException.badRequest("outcome: resolved or cancelled, got '" + shown(outcome) + "'");
    if (outcome != null && !closed) throw ProblemException.badRequest("outcome: only with state=closed");
    Integer limit = closed ? Integer.valueOf(DEFAULT_CLOSED_LIMIT) : null;
    if (params.containsKey("limit"))
      limit = (int) RouteSupport.longParam("limit", Optional.of(params.get("limit")), DEFAULT_CLOSED_LIMIT, 1, MAX_LIMIT);
    return new AlertQuery(closed, q, building, community, from, to, outcome, limit);
  }

  /** Whether this alert passes every filter given (state aside: the caller picks the open or closed ones). */
  public boolean matches(AlertSummary a) {
    if (building != null && !building.equals(a.building())) return false;
    if (community != null && !community.equals(a.community())) return false;
    if (outcome != null && !outcome.equals(a.state())) return false;
    if (from != null && (a.raisedAt() == null || a.raisedAt().isBefore(from.atStartOfDay(CHINA).toInstant()))) return false;
    if (to != null && (a.raisedAt() == null || !a.raisedAt().isBefore(to.plusDays(1).atStartOfDay(CHINA).toInstant())))
      return false;
    return q == null || contains(a.residentName(), q) || contains(a.residentId(), q);
  }

  /**
   * The closed alerts of {@code all} that pass the filters and {@code visible}, newest raised first,
   * at most {@link #limit}.
   */
  public List<AlertSummary> closedOf(Collection<AlertSummary> all, Predicate<AlertSummary> visible) {
    return all.stream()
        .filter(AlertSummary::closed)
        .filter(visible)
        .filter(this::matches)
        .sorted(Comparator.comparing(AlertSummary::raisedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(AlertSummary::id, Comparator.reverseOrder()))
        .limit(limit == null ? Long.MAX_VALUE : limit)
        .toList();
  }

  private static boolean contains(String text, String part) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
  }

  private static Optional<String> given(Map<String, String> params, String name) {
    return Optional.ofNullable(params.get(name)).filter(v -> !v.isBlank());
  }

  private static LocalDate date(String name, Optional<String> raw) {
    if (raw.isEmpty()) return null;
    try {
      return LocalDate.parse(raw.get().trim());
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(name + ": must be a date YYYY-MM-DD, got '" + shown(raw.get()) + "'");
    }
  }

  /** A parameter as sent, cut short. */
  private static String shown(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
