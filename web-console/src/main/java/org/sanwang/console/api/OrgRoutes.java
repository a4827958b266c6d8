package org.sanwang.console.api;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.Access;
import org.sanwang.hub.access.Principal;
import org.sanwang.hub.community.CommunitySync;
import org.sanwang.hub.org.Codes;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgImport;
import org.sanwang.hub.org.OrgImportValidator;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgRegistry;
import org.sanwang.hub.org.OrgTree;

/** {@code POST /api/v1/org/import} (admin) and {@code GET /api/v1/org/{code}} (as {@link Access#sightOf} allows). */
public final class OrgRoutes extends RouteSupport {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OrgRoutes.class);

  public record ImportCounts(int districts, int streets, int communities, int grids, int buildings, int people, int residents) {
    static ImportCounts of(OrgTree t) {
      return new ImportCounts(t.districts().size(), t.streets().size(), t.communities().size(), t.grids().size(),
          t.buildings().size(), t.people().size(), t.residents().size());
    }
  }

  public record ImportResponse(boolean changed, long version, ImportCounts imported) {}

  public record NodeRef(String code, String level, String name) {}

  public record PersonRef(String id, String name, String phone) {}

  public record RoleHolders(String role, List<PersonRef> people) {}

  public record DeviceView(String id, java.time.Instant lastHeartbeat, Integer battery, boolean offline) {}

  public record ResidentView(String id, String name, int unit, String room, List<String> flags,
      List<OrgTree.Contact> contacts, List<DeviceView> devices) {}

  public record NodeView(String code, String level, String name, NodeRef parent, List<NodeRef> children,
      List<RoleHolders> roleHolders, List<ResidentView> residents) {}

  private final ActorSystem<?> system;
  private final OrgDirectory directory;
  private final Executor hashing;
  private final Duration importTimeout;

  public OrgRoutes(Accounts accounts, Tokens tokens, ActorSystem<?> system, OrgDirectory directory, Executor hashing,
      Duration importTimeout) {
    super(accounts, tokens);
    this.system = system;
    this.directory = directory;
    this.hashing = hashing;
    this.importTimeout = importTimeout;
  }

  public Route routes() {
    return pathPrefix(segment("api").slash("v1").slash("org"), () -> authenticated(p -> concat(
        path("import", () -> post(() -> requireAdmin(p, () ->
            jsonBody(OrgImport.class, 64L * 1024 * 1024, doc -> onSuccess(importDocument(doc), this::ok))))),
        pathEnd(() -> get(() -> ok(roots(p)))),
        path(PathMatchers.segment(), code -> get(() -> onSuccess(withDevices(node(p, code)), this::ok))))));
  }

  private CompletionStage<ImportResponse> importDocument(OrgImport doc) {
    var known = directory.index().tree();
    var errors = OrgImportValidator.validate(doc, known);
    if (!errors.isEmpty()) {
      log.info("Organisation import refused: {} problems, first {}", errors.size(), errors.get(0));
      throw ProblemException.invalid(errors);
    }
    var registry = ClusterSharding.get(system).entityRefFor(OrgRegistry.ENTITY_KEY, OrgRegistry.ID);
    return CompletableFuture.supplyAsync(() -> OrgImporter.toTree(doc, known), hashing)
        .thenCompose(delta -> registry.<OrgRegistry.ImportResult>ask(r -> new OrgRegistry.ImportTree(delta, r), importTimeout)
            .thenCompose(result -> registry.<OrgRegistry.TreeVersion>ask(OrgRegistry.GetTree::new, importTimeout)
                .thenCompose(tree -> {
                  directory.update(tree.tree());
                  return CommunitySync.syncAll(system, tree.tree(), importTimeout)
                      .thenApply(done -> {
                        var counts = ImportCounts.of(delta);
                        log.info("Organisation import: changed={}, version {}, {}", result.changed(), result.version(), counts);
                        return new ImportResponse(result.changed(), result.version(), counts);
                      });
                })));
  }

  /** The top nodes this person may see: every district for admin, else their scopes. */
  private List<NodeRef> roots(Principal p) {
    var index = directory.index();
    if (p.isAdmin())
      return index.tree().districts().values().stream().map(d -> ref(d.code())).sorted(Comparator.comparing(NodeRef::code)).toList();
    return p.roles().stream().map(r -> r.scope()).distinct().filter(index::exists).map(this::ref).toList();
  }

  /**
   * Those who respond here read the node whole (family contacts only of the units they reach); those
   * scoped below it up to their community read the responders' names only, and of the residents just
   * their own record.
   */
  private NodeView node(Principal p, String code) {
    var index = directory.index();
    if (Codes.levelOf(code).isEmpty()) throw ProblemException.notFound("code: '" + code + "' is not an org code");
    if (!index.exists(code)) throw ProblemException.notFound("code: no org node " + code);
    var access = Access.of(index, p);
    var sight = access.sightOf(code);
    if (sight == Access.NodeSight.NONE) throw ProblemException.forbidden("code: " + code + " is outside your scopes");
    boolean full = sight == Access.NodeSight.FULL;
    NodeRef parent = parentOf(code).map(this::ref).orElse(null);
    var children = index.children(code).stream().map(this::ref).toList();
    var holders = index.holdersAt(code).entrySet().stream()
        .filter(e -> full || Access.RESPONDERS.contains(e.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .map(e -> new RoleHolders(e.getKey().name(),
            e.getValue().stream().map(x -> new PersonRef(x.id(), x.name(), full ? x.phone() : null)).toList()))
        .toList();
    List<ResidentView> residents = Codes.is(code, Codes.Level.BUILDING)
        ? index.residentsOf(code).stream().filter(r -> full || access.isOwnRecord(r))
            .sorted(Comparator.comparing(OrgTree.Resident::id))
            .map(r -> new ResidentView(r.id(), r.name(), r.unit(), r.room(), r.flags(),
                access.seesContactsOf(r) ? r.contacts() : List.of(),
                r.devices().stream().map(d -> new DeviceView(d.id(), null, null, false)).toList()))
            .toList()
        : null;
    return new NodeView(code, level(code), index.nameOf(code).orElse(code), parent, children, holders, residents);
  }

  /** Fills in each device's last heartbeat, battery and whether it is offline (a building's residents only). */
  private CompletionStage<NodeView> withDevices(NodeView v) {
    if (v.residents() == null || v.residents().isEmpty()) return CompletableFuture.completedFuture(v);
    var sharding = ClusterSharding.get(system);
    var residents = v.residents().stream().map(r -> {
      var devices = r.devices().stream().map(d -> sharding.entityRefFor(org.sanwang.hub.device.DeviceEntity.ENTITY_KEY, d.id())
          .<org.sanwang.hub.device.DeviceEntity.DeviceStatus>ask(org.sanwang.hub.device.DeviceEntity.GetDevice::new,
              Duration.ofSeconds(5))
          .thenApply(s -> new DeviceView(d.id(), s.lastHeartbeat(), s.battery(), s.offline())).toCompletableFuture()).toList();
      return CompletableFuture.allOf(devices.toArray(CompletableFuture[]::new)).thenApply(x -> new ResidentView(r.id(), r.name(),
          r.unit(), r.room(), r.flags(), r.contacts(), devices.stream().map(CompletableFuture::join).toList()));
    }).toList();
    return CompletableFuture.allOf(residents.toArray(CompletableFuture[]::new)).thenApply(x -> new NodeView(v.code(), v.level(),
        v.name(), v.parent(), v.children(), v.roleHolders(), residents.stream().map(CompletableFuture::join).toList()));
  }

  private java.util.Optional<String> parentOf(String code) {
    var level = Codes.levelOf(code).orElseThrow();
    return java.util.Optional.ofNullable(switch (level) {
      case DISTRICT -> null;
      case STREET -> Codes.districtOfStreet(code);
      case COMMUNITY -> Codes.streetOfCommunity(code);
      case GRID, BUILDING -> Codes.communityOf(code);
      case UNIT -> Codes.buildingOfUnit(code);
    });
  }

  private NodeRef ref(String code) {
    return new NodeRef(code, level(code), directory.index().nameOf(code).orElse(code));
  }

  private static String level(String code) {
    return Codes.levelOf(code).map(l -> l.name().toLowerCase()).orElse("unknown");
  }
}
