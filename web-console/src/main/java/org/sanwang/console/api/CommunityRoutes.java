package org.sanwang.console.api;

import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.server.Route;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.checkin.CheckInBook;
import org.sanwang.hub.community.CommunityEntity;
import org.sanwang.hub.work.CaseDeadlines;
import org.sanwang.hub.community.CommunityRoster;
import org.sanwang.hub.community.EscalationPolicy;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.FieldError;
import org.sanwang.hub.org.Role;

/**
 * {@code GET /api/v1/communities/{code}}, its escalation policy and its check-in book, for the
 * responders reaching the community: {@code GET|PUT /api/v1/communities/{code}/escalation-policy}
 * and {@code GET|PUT …/check-in} (PUT by the community's secretary or admin).
 */
public final class CommunityRoutes extends RouteSupport {
  /** {@code mayEdit}: whether the caller may change the escalation policy and check-in deadline (PUT). */
  public record CommunityView(String code, String name, String street, int grids, int buildings,
      List<CommunityRoster.Holder> holders, EscalationPolicy escalationPolicy, boolean mayEdit) {}

  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final Duration askTimeout;

  public CommunityRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, Duration askTimeout) {
    super(accounts, tokens);
    this.system = system;
    this.directory = directory;
    this.askTimeout = askTimeout;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("communities").slash(segment()), code -> authenticated(p -> {
      if (!Codes.is(code, Codes.Level.COMMUNITY) || !directory.index().exists(code))
        throw ProblemException.notFound("code: no community " + code);
      if (!Access.of(directory.index(), p).mayOverseeCommunity(code))
        throw ProblemException.forbidden("code: " + code + " is outside your scopes");
      return concat(
          pathEnd(() -> get(() -> onSuccess(state(code),
              s -> ok(view(code, s, Access.of(directory.index(), p).mayConfigureCommunity(code)))))),
          path("check-in", () -> concat(
              get(() -> onSuccess(book(code).<CheckInBook.State>ask(CheckInBook.GetBook::new, askTimeout), this::ok)),
              put(() -> mayEditPolicy(p, code, () -> jsonBody(CheckInSettings.class, 4096, req -> {
                java.time.LocalTime deadline;
                try {
                  deadline = java.time.LocalTime.parse(req.deadline() == null ? "" : req.deadline());
                } catch (java.time.format.DateTimeParseException e) {
                  throw ProblemException.badRequest("deadline: a time of day like 10:00, got '" + req.deadline() + "'");
                }
                return onSuccess(book(code).<CheckInBook.State>ask(r -> new CheckInBook.SetDeadline(deadline, r), askTimeout),
                    this::ok);
              }))))),
          path("case-deadlines", () -> concat(
              get(() -> onSuccess(state(code), s -> ok(deadlinesView(s.caseDeadlines())))),
              put(() -> mayEditPolicy(p, code, () -> jsonBody(WorkRequests.Deadlines.class, 4096, req -> {
                var deadlines = new CaseDeadlines(duration("community", req.community()), duration("street", req.street()),
                    duration("district", req.district()));
                CompletionStage<CommunityEntity.DeadlinesResult> result =
                    community(code).ask(r -> new CommunityEntity.SetCaseDeadlines(deadlines, r), askTimeout);
                return onSuccess(result, res -> {
                  if (!res.errors().isEmpty()) throw ProblemException.invalid(res.errors());
                  return ok(deadlinesView(res.deadlines()));
                });
              }))))),
          path("escalation-policy", () -> concat(
              get(() -> onSuccess(state(code), s -> ok(s.policy()))),
              put(() -> mayEditPolicy(p, code, () -> jsonBody(EscalationPolicy.class, 64 * 1024, policy -> {
                var notPaged = rolesThatSeeNoAlerts(policy);
                if (!notPaged.isEmpty()) throw ProblemException.invalid(notPaged);
                CompletionStage<CommunityEntity.PolicyResult> result =
                    community(code).ask(r -> new CommunityEntity.SetEscalationPolicy(policy, r), askTimeout);
                return onSuccess(result, res -> {
                  if (!res.errors().isEmpty()) throw ProblemException.invalid(res.errors());
                  return ok(res.policy());
                });
              }))))));
    }));
  }

  /** Case deadlines as the API shows them (ISO-8601 durations). */
  public record DeadlinesView(String community, String street, String district) {}

  private static DeadlinesView deadlinesView(CaseDeadlines d) {
    return new DeadlinesView(d.community().toString(), d.street().toString(), d.district().toString());
  }

  private static java.time.Duration duration(String field, String text) {
    if (text == null) throw ProblemException.badRequest(field + ": required, an ISO-8601 duration such as PT24H");
    try {
      return java.time.Duration.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw ProblemException.badRequest(field + ": an ISO-8601 duration such as PT24H or P7D, got '" + text + "'");
    }
  }

  /** {@code PUT …/check-in} body: the daily deadline, China time. */
  public record CheckInSettings(String deadline) {}

  private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<CheckInBook.Command> book(String code) {
    return ClusterSharding.get(system).entityRefFor(CheckInBook.ENTITY_KEY, code);
  }

  private Route mayEditPolicy(Principal p, String code, java.util.function.Supplier<Route> inner) {
    if (!Access.of(directory.index(), p).mayConfigureCommunity(code))
      throw ProblemException.forbidden("role: only the community secretary or admin may change the policy",
          ProblemCodes.COMMUNITY_SECRETARY_ONLY);
    return inner.get();
  }

  /** Only responders may be paged: a role that sees no alerts (resident, party_member) could not answer one. */
  private static List<FieldError> rolesThatSeeNoAlerts(EscalationPolicy policy) {
    var errors = new ArrayList<FieldError>();
    for (int i = 0; policy.steps() != null && i < policy.steps().size(); i++) {
      var step = policy.steps().get(i);
      for (int r = 0; step != null && step.roles() != null && r < step.roles().size(); r++) {
        String role = step.roles().get(r);
        if (Role.parse(role).isPresent() && !Access.isResponderRole(role))
          errors.add(new FieldError("steps[" + i + "].notify[" + r + "]", role + " is not a responder role: it sees no alerts"));
      }
    }
    return errors;
  }

  private EntityRef<CommunityEntity.Command> community(String code) {
    return ClusterSharding.get(system).entityRefFor(CommunityEntity.ENTITY_KEY, code);
  }

  private CompletionStage<CommunityEntity.State> state(String code) {
    return community(code).ask(CommunityEntity.GetCommunity::new, askTimeout);
  }

  private static CommunityView view(String code, CommunityEntity.State s, boolean mayEdit) {
    var r = s.roster();
    if (r == null) return new CommunityView(code, null, null, 0, 0, List.of(), s.policy(), mayEdit);
    return new CommunityView(code, r.name(), r.street(), r.grids().size(), r.buildings().size(), r.holders(), s.policy(),
        mayEdit);
  }
}
