package org.sanwang.ops;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.sanwang.console.api.AlertRoutes;
import org.sanwang.console.api.CallPageRoutes;
import org.sanwang.console.api.ClientAddresses;
import org.sanwang.console.api.CommunityRoutes;
import org.sanwang.console.api.DeviceRoutes;
import org.sanwang.console.api.FiguresRoutes;
import org.sanwang.console.api.GroupRoutes;
import org.sanwang.console.api.HealthRoutes;
import org.sanwang.console.api.HttpApi;
import org.sanwang.console.api.InboxRoutes;
import org.sanwang.console.api.LoginRoutes;
import org.sanwang.console.api.Json;
import org.sanwang.console.api.NetworkRoutes;
import org.sanwang.console.api.OrgRoutes;
import org.sanwang.console.api.PageRoutes;
import org.sanwang.console.api.PushRoutes;
import org.sanwang.console.api.TrafficRoutes;
import org.sanwang.console.api.UserRoutes;
import org.sanwang.console.auth.Accounts;
import org.sanwang.console.auth.Throttle;
import org.sanwang.console.auth.Tokens;
import org.sanwang.console.streams.StreamSettings;
import org.sanwang.connectors.community.AlertClosedCallbacks;
import org.sanwang.connectors.community.CommunityMapper;
import org.sanwang.connectors.core.HubEffects;
import org.sanwang.connectors.core.NetworkEdges;
import org.sanwang.connectors.core.NetworkSettings;
import org.sanwang.connectors.governance.GovernanceMapper;
import org.sanwang.connectors.party.PartyMapper;
import org.sanwang.connectors.devices.DevicesConnector;
import org.sanwang.connectors.devices.DevicesSettings;
import org.sanwang.connectors.push.RobotConnector;
import org.sanwang.connectors.push.SmsConnector;
import org.sanwang.connectors.push.WebPushConnector;
import org.sanwang.connectors.push.SmsSettings;
import org.sanwang.hub.Entities;
import org.sanwang.hub.access.HubSecrets;
import org.sanwang.hub.access.KnownTokenVersions;
import org.sanwang.hub.access.TokenVersions;
import org.sanwang.hub.alert.AlertBoard;
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.alert.AlertHistory;
import org.sanwang.hub.alert.CallerEntity;
import org.sanwang.hub.device.CallLinks;
import org.sanwang.hub.device.DeviceCalls;
import org.sanwang.hub.device.DeviceEntity;
import org.sanwang.hub.notify.Dispatcher;
import org.sanwang.hub.access.Activations;
import org.sanwang.hub.work.AppointmentEntity;
import org.sanwang.hub.work.CaseDeadlineWatch;
import org.sanwang.hub.work.CaseEntity;
import org.sanwang.hub.work.WishEntity;
import org.sanwang.hub.work.WorkBook;
import org.sanwang.hub.work.WorkNotifier;
import org.sanwang.connectors.core.WorkCallbacks;
import org.sanwang.console.api.ActivationRoutes;
import org.sanwang.console.api.AppointmentRoutes;
import org.sanwang.console.api.CaseFiguresRoutes;
import org.sanwang.console.api.CaseRoutes;
import org.sanwang.console.api.PartyRoutes;
import org.sanwang.console.api.PhotoRoutes;
import org.sanwang.console.api.PhotoStore;
import org.sanwang.console.api.WishRoutes;
import org.sanwang.console.api.WorkStreamRoutes;
import org.sanwang.hub.notify.InboxChannel;
import org.sanwang.hub.notify.NotificationChannel;
import org.sanwang.hub.notify.PushSubscriptions;
import org.sanwang.hub.checkin.CheckInBook;
import org.sanwang.hub.community.CommunityEntity;
import org.sanwang.hub.community.CommunitySync;
import org.sanwang.hub.access.Passwords;
import org.sanwang.hub.group.GroupEntity;
import org.sanwang.hub.group.GroupHistory;
import org.sanwang.hub.group.GroupSettings;
import org.sanwang.hub.health.JournalProbe;
import org.sanwang.hub.inbox.InboxEntity;
import org.sanwang.hub.inbox.InboxSettings;
import org.sanwang.hub.live.LiveFeeds;
import org.sanwang.hub.org.OrgDirectory;
import org.sanwang.hub.org.OrgDirectoryUpdater;
import org.sanwang.ops.demo.DemoDistrict;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running hub node: the composition root that migrates the schema, starts the actor system,
 * joins the cluster, initialises every sharded entity, loads the organisation, and binds HTTP.
 */
public final class HubNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HubNode.class);
  public static final List<String> NETWORKS = List.of("party", "governance", "community");

  public record FirstStart(String adminPassword) {}

  private final HubSettings settings;
  private final ActorSystem<Void> system;
  private final LiveFeeds feeds;
  private final OrgDirectory directory;
  private final ServerBinding binding;
  private final Optional<FirstStart> firstStart;
  private final ExecutorService hashing;
  private final NetworkEdges networks;

  private HubNode(HubSettings settings, ActorSystem<Void> system, LiveFeeds feeds, OrgDirectory directory,
      ServerBinding binding, Optional<FirstStart> firstStart, ExecutorService hashing, NetworkEdges networks) {
    this.networks = networks;
    this.settings = settings;
    this.system = system;
    this.feeds = feeds;
    this.directory = directory;
    this.binding = binding;
    this.firstStart = firstStart;
    this.hashing = hashing;
  }

  /**
   * application.conf under the given overrides and JVM system properties ({@code -Dkey=value}),
   * with environment substitutions resolved at start.
   */
  public static Config load(Map<String, ?> overrides) {
    return ConfigFactory.defaultOverrides()
        .withFallback(ConfigFactory.parseMap(overrides))
        .withFallback(ConfigFactory.parseResources("application.conf"))
        .withFallback(ConfigFactory.defaultReference());
  }

  /** Starts a node from a configuration (see {@link #load}). */
  public static HubNode start(Config unresolved) throws Exception {
    Config loaded = unresolved.resolve();
    var settings = HubSettings.from(loaded);
    // Before anything is written there: the data directory holds the key file and the database.
    DataDirectory.prepare(settings.dataDir());
    Database.migrate(settings);
    DataDirectory.restrictFiles(settings.dataDir()); // H2 created its files with the process umask
    Config config = clusterConfig(settings).withFallback(Database.persistenceConfig(settings)).withFallback(loaded);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "sanwang", config);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "data-dir-owner-only",
        () -> {
          try {
            DataDirectory.restrictFiles(settings.dataDir()); // files H2 added while running (a trace file)
          } catch (java.io.IOException e) {
            log.warn("Could not make the files in {} owner-only: {}", settings.dataDir(), e.toString());
          }
          return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
        });
    try {
      return boot(settings, system, config);
    } catch (Exception | Error e) {
      system.terminate();
      throw e;
    }
  }

  private static Config clusterConfig(HubSettings s) {
    return ConfigFactory.empty().withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(s.seedNodes()));
  }

  private static HubNode boot(HubSettings settings, ActorSystem<Void> system, Config config) throws Exception {
    var cluster = Cluster.get(system);
    boolean bootstrapping = Management.start(system, config);
    if (!bootstrapping && settings.seedNodes().isEmpty()) cluster.manager().tell(Join.create(cluster.selfMember().address()));

    var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Counters the entities keep on the global registry (journal failures) show on /metrics too.
    io.micrometer.core.instrument.Metrics.addRegistry(metrics);
    system.getWhenTerminated().thenRun(() -> io.micrometer.core.instrument.Metrics.removeRegistry(metrics));
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    new io.micrometer.core.instrument.binder.system.FileDescriptorMetrics().bindTo(metrics);
    org.sanwang.console.streams.SharedFeeds.get(system).bindTo(metrics);

    var feeds = LiveFeeds.get(system);
    var groupSettings = GroupSettings.from(config);
    OrgRegistry.init(system, feeds);
    GroupEntity.init(system, feeds, groupSettings);
    HubSecrets.init(system);
    TokenVersions.init(system, feeds);
    PushSubscriptions.init(system);
    CommunityEntity.init(system);
    AlertBoard.init(system);
    CallLinks.init(system);

    var startTimeout = Duration.ofSeconds(60);
    var hashing = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        r -> { var t = new Thread(r, "password-hashing"); t.setDaemon(true); return t; });

    var secretsAndFirst = secrets(system, settings, config, startTimeout);
    var secrets = secretsAndFirst.state();
    var keys = secretsAndFirst.keys();

    var directory = new OrgDirectory();
    var registry = ClusterSharding.get(system).entityRefFor(OrgRegistry.ENTITY_KEY, OrgRegistry.ID);
    var tree = registry.<OrgRegistry.TreeVersion>ask(OrgRegistry.GetTree::new, startTimeout).toCompletableFuture().get();
    directory.update(tree.tree());
    system.systemActorOf(OrgDirectoryUpdater.create(directory, feeds, settings.askTimeout()), "org-directory", Props.empty());

    if (settings.demo() && tree.tree().districts().isEmpty()) {
      log.info("Seeding the demo district (first start with SANWANG_DEMO on)");
      var demo = DemoDistrict.seed(settings.dataDir());
      var delta = OrgImporter.toTree(demo, tree.tree());
      registry.<OrgRegistry.ImportResult>ask(r -> new OrgRegistry.ImportTree(delta, r), startTimeout).toCompletableFuture().get();
      directory.update(registry.<OrgRegistry.TreeVersion>ask(OrgRegistry.GetTree::new, startTimeout)
          .toCompletableFuture().get().tree());
    }

    CommunitySync.syncAll(system, directory.index().tree(), startTimeout).toCompletableFuture().get();

    var sms = SmsSettings.from(config);
    var channels = new java.util.ArrayList<NotificationChannel>();
    channels.add(new InboxChannel(system, settings.askTimeout()));
    sms.webhook().ifPresent(url -> channels.add(new SmsConnector(sms)));
    var robot = RobotConnector.Settings.from(config);
    robot.url().ifPresent(url -> channels.add(new RobotConnector(robot)));
    channels.add(new WebPushConnector(new WebPushConnector.VapidKeys(keys.vapidPublicKey(), keys.vapidPrivateKey()),
        config.getString("sanwang.push.subject"), system, settings.askTimeout(), hashing));
    var dispatcher = system.systemActorOf(Dispatcher.create(channels, config.getInt("sanwang.notify.max-attempts")),
        "notification-dispatcher", Entities.CALL_PATH);
    var fallbackChannels = new java.util.ArrayList<>(List.of("webpush"));
    if (sms.webhook().isPresent()) fallbackChannels.add("sms");
    if (robot.url().isPresent()) fallbackChannels.add("robot");
    InboxEntity.init(system, feeds, InboxSettings.from(config), new InboxEntity.Fallback(dispatcher,
        personId -> directory.index().person(personId).map(p -> p.phone()), List.copyOf(fallbackChannels)));
    String urgent = config.getString("sanwang.urgent-journal");
    AlertEntity.init(system, AlertEntity.Collaborators.sharded(system, directory, dispatcher, settings.askTimeout(), urgent));
    CallerEntity.init(system, new CallerEntity.Collaborators(settings.askTimeout(), urgent));
    DeviceEntity.init(system, new DeviceEntity.Collaborators(directory, dispatcher,
        config.getDuration("sanwang.devices.heartbeat-interval"), config.getInt("sanwang.devices.missed-heartbeats"),
        Clock.systemUTC(), urgent));
    CheckInBook.init(system, new CheckInBook.Collaborators(directory, dispatcher, Clock.systemUTC()));
    var deviceCalls = new DeviceCalls(system, directory, settings.askTimeout());
    var mqtt = DevicesSettings.from(config);
    if (mqtt.url().isPresent()) DevicesConnector.singleton(system, mqtt, deviceCalls, metrics);
    var notifier = WorkNotifier.sharded(system, directory);
    CaseEntity.init(system, notifier);
    WishEntity.init(system, notifier);
    AppointmentEntity.init(system, notifier);
    Activations.init(system);
    NodeMetrics.start(system, metrics, NodeMetrics.HUB_TYPES);

    String nodeId = cluster.selfMember().address().hostPort();
    ActorRef<JournalProbe.Command> probe = system.systemActorOf(JournalProbe.create(nodeId), "journal-probe", Props.empty());
    var tokens = new Tokens(keys.tokenKeys(), settings.tokenTtl(), Clock.systemUTC());
    var tokenVersions = new KnownTokenVersions();
    tokenVersions.advanceAll(TokenVersions.versions(system, startTimeout).toCompletableFuture().get().versions());
    system.systemActorOf(KnownTokenVersions.follow(tokenVersions, feeds,
        () -> TokenVersions.versions(system, settings.askTimeout()), Duration.ofSeconds(30)), "token-versions", Props.empty());
    var accounts = new Accounts(directory, secrets.adminPasswordHash(), tokenVersions);
    var clientAddresses = new ClientAddresses(settings.trustedProxies());
    var streamSettings = StreamSettings.from(config);
    var history = new GroupHistory(system, config.getString("sanwang.read-journal"),
        config.getBytes("sanwang.history-cache-size"), settings.askTimeout());
    history.bindTo(metrics);
    var networkSecrets = keys.networkSecretsUnder(settings.networkSecrets());
    var networkSettings = NetworkSettings.from(config, networkSecrets);
    var edges = NetworkEdges.start(system, networkSettings, Database.pool(settings, "network-edge", 6, system), directory,
        new HubEffects(system, directory, settings.askTimeout(), hashing,
            new MemberActivations(system, dispatcher, publicUrl(config, settings), Clock.systemUTC(), settings.askTimeout())),
        List.of(new PartyMapper(), new GovernanceMapper(), new CommunityMapper()), metrics, Clock.systemUTC(),
        json -> Json.textErrors(json).stream().findFirst().map(e -> new String[] {e.path(), e.message()}));
    networkSettings.alertCallbacksTo().ifPresent(n ->
        AlertClosedCallbacks.start(AlertHistory.follow(system, config.getString("sanwang.read-journal")), edges.edge(n)));
    // The networks' work: listeners first (callbacks, the live stream), then the projections start from the journal.
    var cases = WorkBook.cases();
    var wishes = WorkBook.wishes();
    var appointments = WorkBook.appointments();
    WorkCallbacks.start(cases, wishes, appointments, edges);
    var workStream = new WorkStreamRoutes(accounts, tokens, system, directory, cases, wishes, appointments, Clock.systemUTC());
    String readJournal = config.getString("sanwang.read-journal");
    cases.start(system, readJournal);
    wishes.start(system, readJournal);
    appointments.start(system, readJournal);
    CaseDeadlineWatch.start(system, cases, NetworkSettings.durationAt(config, "sanwang.cases.deadline-watch-every", "sanwang.cases.deadline-watch-every"), Clock.systemUTC());
    var photos = new PhotoStore(Database.pool(settings, "photos", 2, system));
    var api = new HttpApi(
        new HealthRoutes(() -> AskPattern.<JournalProbe.Command, JournalProbe.Probed>ask(probe, JournalProbe.Probe::new,
            settings.askTimeout(), system.scheduler()).thenApply(JournalProbe.Probed::at),
            metrics, settings.readyProbeEvery(), Clock.systemUTC()).routes(),
        new LoginRoutes(accounts, tokens, new Throttle(settings.loginThrottle()), clientAddresses, hashing).routes(),
        new UserRoutes(accounts, tokens, system, tokenVersions, settings.askTimeout()).routes(),
        new OrgRoutes(accounts, tokens, system, directory, hashing, settings.importTimeout()).routes(),
        new GroupRoutes(accounts, tokens, system, directory, history, feeds, groupSettings, streamSettings,
            settings.askTimeout(), metrics).routes(),
        new InboxRoutes(accounts, tokens, system, feeds, streamSettings, settings.askTimeout()).routes(),
        new CommunityRoutes(accounts, tokens, system, directory, settings.askTimeout()).routes(),
        new DeviceRoutes(deviceCalls, new Throttle(settings.deviceThrottle()), clientAddresses).routes(),
        new CallPageRoutes(accounts, tokens, system, directory, deviceCalls, settings.askTimeout()).routes(),
        new AlertRoutes(accounts, tokens, system, directory, settings.askTimeout()).routes(),
        new TrafficRoutes(accounts, tokens, system, directory).routes(),
        new FiguresRoutes(accounts, tokens, system, directory, AlertHistory.follow(system, config.getString("sanwang.read-journal")),
            settings.askTimeout()).routes(),
        new PushRoutes(accounts, tokens, system, keys.vapidPublicKey(), settings.askTimeout()).routes(),
        new NetworkRoutes(accounts, tokens, edges, directory,
            n -> java.util.Arrays.stream(networkSecrets.get(n.id()).split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
            .routes(),
        new CaseRoutes(accounts, tokens, system, directory, cases, photos, hashing, settings.askTimeout(), Clock.systemUTC()).routes(),
        new WishRoutes(accounts, tokens, system, directory, wishes, settings.askTimeout(), Clock.systemUTC()).routes(),
        new AppointmentRoutes(accounts, tokens, system, directory, appointments, settings.askTimeout()).routes(),
        new PartyRoutes(accounts, tokens, system, directory, wishes, settings.askTimeout()).routes(),
        new PhotoRoutes(accounts, tokens, directory, photos, hashing).routes(),
        new ActivationRoutes(system, directory, hashing, settings.askTimeout(), Clock.systemUTC()).routes(),
        new CaseFiguresRoutes(accounts, tokens, directory, cases, Clock.systemUTC()).routes(),
        workStream.routes(),
        new PageRoutes().routes());

    var binding = Http.get(system).newServerAt(settings.httpInterface(), settings.httpPort()).bind(api.routes())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "http-unbind",
        () -> binding.unbind().thenApply(x -> Done.getInstance()));
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "http-drain",
        () -> binding.terminate(Duration.ofSeconds(5)).thenApply(x -> Done.getInstance()));
    // Alerts, check-in books and devices run timers of their own: woken now, and after any node is lost.
    Wakes.all(system, directory, startTimeout, "start");
    Wakes.afterNodeLoss(system, directory, settings.askTimeout(), Duration.ofSeconds(15));
    log.info("Sanwang Hub listening on http://{}:{}/", binding.localAddress().getHostString(), binding.localAddress().getPort());
    return new HubNode(settings, system, feeds, directory, binding, secretsAndFirst.first(), hashing, edges);
  }

  /** Where people reach this hub (the links in SMS): {@code SANWANG_PUBLIC_URL}, else this node's own address. */
  static String publicUrl(Config config, HubSettings settings) {
    String url = config.getString("sanwang.public-url").trim();
    if (!url.isEmpty()) return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    String host = settings.httpInterface().equals("0.0.0.0") ? "127.0.0.1" : settings.httpInterface();
    return "http://" + host + ":" + settings.httpPort();
  }

  private record SecretsAndFirst(HubSecrets.State state, HubKeys keys, Optional<FirstStart> first) {}

  /**
   * The admin password hash from the journal (recorded at first start) and the keys from the key
   * file (generated at first start) or the environment, checked against what the journal says the
   * other nodes use: a node with other keys stops here rather than refuse the others' tokens.
   */
  private static SecretsAndFirst secrets(ActorSystem<?> system, HubSettings settings, Config config, Duration timeout)
      throws Exception {
    var ref = ClusterSharding.get(system).entityRefFor(HubSecrets.ENTITY_KEY, HubSecrets.ID);
    var state = ref.<HubSecrets.State>ask(HubSecrets.GetSecrets::new, timeout).toCompletableFuture().get();
    Optional<FirstStart> first = Optional.empty();
    if (!state.initialised()) {
      String admin = settings.adminPassword().orElseGet(Passwords::randomSecret);
      String hash = Passwords.hash(admin);
      state = ref.<HubSecrets.State>ask(r -> new HubSecrets.CreateAdmin(hash, r), timeout).toCompletableFuture().get();
      // Another node may have been first: then its password is in force, not this one.
      if (settings.adminPassword().isEmpty() && hash.equals(state.adminPasswordHash())) first = Optional.of(new FirstStart(admin));
    } else if (settings.adminPassword().isPresent() && !Passwords.verify(settings.adminPassword().get(), state.adminPasswordHash())) {
      String hash = Passwords.hash(settings.adminPassword().get());
      state = ref.<HubSecrets.State>ask(r -> new HubSecrets.ChangeAdminPassword(hash, r), timeout).toCompletableFuture().get();
      log.info("Admin password changed to the one in SANWANG_ADMIN_PASSWORD");
    }

    // Other nodes running now sign tokens with the key the journal records: this node must have it.
    var self = Cluster.get(system).selfMember();
    boolean othersRunning = java.util.stream.StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
        .anyMatch(m -> !m.equals(self) && (m.status() == MemberStatus.up() || m.status() == MemberStatus.weaklyUp()));
    Path file = HubKeys.file(settings.dataDir());
    var keys = HubKeys.readOrMake(file, othersRunning);
    if (state.keysInClear())
      log.warn("The journal holds the token and VAPID private keys in clear (written by an older version): they are "
          + "exposed and no longer trusted, tokens they signed are refused; the hub now uses new keys from {}", file);
    String fromEnv = config.getString("sanwang.token-keys").trim();
    String source = fromEnv.isEmpty() ? file.toString() : "SANWANG_TOKEN_KEY";
    if (!fromEnv.isEmpty()) keys = keys.withTokenKeys(HubKeys.parseTokenKeys(fromEnv, "SANWANG_TOKEN_KEY"));

    var fingerprints = keys.tokenKeyFingerprints();
    String vapid = keys.vapidPublicKey();
    var answer = ref.<HubSecrets.KeysAnswer>ask(r -> new HubSecrets.AdoptKeys(fingerprints, vapid, othersRunning, r), timeout)
        .toCompletableFuture().get();
    if (answer instanceof HubSecrets.KeysRefused refused) throw new IllegalArgumentException(keys.refusal(refused, source, file));
    if (state.tokenKeyFingerprint() != null && !fingerprints.contains(state.tokenKeyFingerprint()))
      log.warn("This node, alone, replaces token key {} with {} from {}: tokens signed before are refused",
          state.tokenKeyFingerprint(), fingerprints.get(0), source);
    if (state.vapidPublicKey() != null && !state.vapidPublicKey().equals(vapid))
      log.warn("This node, alone, replaces the Web Push key with the one in {}: browsers must subscribe again", file);
    return new SecretsAndFirst(state, keys, first);
  }

  public int httpPort() {
    return binding.localAddress().getPort();
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public OrgDirectory directory() {
    return directory;
  }

  /** The three networks' edge on this node. */
  public NetworkEdges networks() {
    return networks;
  }

  public LiveFeeds feeds() {
    return feeds;
  }

  public HubSettings settings() {
    return settings;
  }

  /** The generated admin password, present only on the very first start without SANWANG_ADMIN_PASSWORD. */
  public Optional<FirstStart> firstStart() {
    return firstStart;
  }

  @Override
  public void close() {
    CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Actor system did not terminate in time: {}", e.toString());
    }
    hashing.shutdownNow();
  }

  public CompletionStage<Done> whenTerminated() {
    return system.getWhenTerminated();
  }
}
