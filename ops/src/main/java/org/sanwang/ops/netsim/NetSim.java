package org.sanwang.ops.netsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.sanwang.connectors.core.WebhookSigning;

/**
 * The three networks (党建网, 治理网, 社区网) played by a process of their own, over HTTP, as the
 * hub meets them (CONTRACT "The three networks", spec/network-api.md): it signs and pushes events
 * to the hub, serves each network's pull feed, and receives and verifies the hub's callbacks,
 * printing what it does. Besides the notices it pushes at {@code --rate}, it plays the networks'
 * daily work at {@code --work-rate} ({@link NetworkWork}): Party members reporting to their
 * communities, wishes, cases and appointments with their follow-ups, answering the hub's callbacks
 * about them. {@code ops/run}'s demo runs it next to the hub; tests start it with
 * {@link #start(Options)} and use the handle (feed appends, received callbacks, scripted failures).
 * Only the JDK's HTTP server and client, Jackson, the Standard Webhooks signing and the demo
 * district's roster: nothing of the hub's insides.
 */
public final class NetSim implements AutoCloseable {
  public static final List<String> NETWORKS = NetworkEvents.NETWORKS;

  /**
   * What to play.
   *
   * @param hub             the hub's base URL, pushed to at {@code /api/v1/networks/{network}/events}
   * @param port            where the feeds and callbacks listen on 127.0.0.1 (0: any free port)
   * @param secrets         per network, comma-separated {@code whsec_} secrets (the first signs, every one verifies);
   *                        a network missing here takes {@code network-secret.<network>} of {@code keys}
   * @param keys            the hub's {@code hub-keys.properties}, for the secrets not given
   * @param rate            notices a second pushed, in turn by those of {@code pushNetworks} that have notices (party,
   *                        community; 0: none)
   * @param pushNetworks    the networks that push: their notices at {@code rate}, their work at {@code workRate}
   * @param feedRate        events a second appended to the feeds of {@code feedNetworks} (0: only by {@link #append})
   * @param feedNetworks    the networks whose feeds grow by themselves
   * @param seed            of the content
   * @param batch           events per push: 1 sends single events, more sends batches
   * @param quarantineShare the share of notices and new work items (0 to 1) addressed to a network's own building id
   *                        that no mapping names
   * @param communities     community codes the events address
   * @param waitReady       push only once the hub answers {@code GET /health/ready} with 200
   * @param workRate        new cases, wishes and appointments an hour in office hours, over the district (0: no work:
   *                        no members report either)
   * @param workSpeed       how much faster than real time the work runs (60: an hour of work a minute)
   */
  public record Options(URI hub, int port, Map<String, String> secrets, Optional<Path> keys, double rate,
      List<String> pushNetworks, double feedRate, List<String> feedNetworks, long seed, int batch, double quarantineShare,
      List<String> communities, boolean waitReady, double workRate, double workSpeed) {
    public Options {
      secrets = Map.copyOf(secrets);
      pushNetworks = List.copyOf(pushNetworks);
      feedNetworks = List.copyOf(feedNetworks);
      communities = List.copyOf(communities);
      if (!(workRate >= 0)) throw new IllegalArgumentException("workRate: must be 0 or more, got " + workRate);
      if (!(workSpeed > 0)) throw new IllegalArgumentException("workSpeed: must be above 0, got " + workSpeed);
    }

    /** Options without the networks' work (no members, cases, wishes or appointments pushed by themselves). */
    public Options(URI hub, int port, Map<String, String> secrets, Optional<Path> keys, double rate,
        List<String> pushNetworks, double feedRate, List<String> feedNetworks, long seed, int batch, double quarantineShare,
        List<String> communities, boolean waitReady) {
      this(hub, port, secrets, keys, rate, pushNetworks, feedRate, feedNetworks, seed, batch, quarantineShare, communities,
          waitReady, 0, 1);
    }

    /**
     * The options of these command-line flags (see {@link #USAGE}); {@code env} may give secrets, and the work's rate
     * and speed ({@code SANWANG_NETSIM_WORK_RATE}, {@code SANWANG_NETSIM_WORK_SPEED}), too.
     */
    public static Options parse(List<String> args, Map<String, String> env) {
      var flags = new LinkedHashMap<String, String>();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (!a.startsWith("--")) throw new IllegalArgumentException(a + ": not an option (see --help)");
        if (a.equals("--wait-ready")) {
          flags.put(a, "true");
          continue;
        }
        int eq = a.indexOf('=');
        if (eq > 0) flags.put(a.substring(0, eq), a.substring(eq + 1));
        else if (i + 1 < args.size()) flags.put(a, args.get(++i));
        else throw new IllegalArgumentException(a + ": needs a value");
      }
      var known = new ArrayList<>(List.of("--hub", "--port", "--keys", "--rate", "--push-networks", "--feed-rate",
          "--feed-networks", "--seed", "--batch", "--quarantine", "--communities", "--wait-ready", "--work-rate", "--work-speed"));
      NETWORKS.forEach(n -> known.add("--secret-" + n));
      for (String f : flags.keySet()) if (!known.contains(f)) throw new IllegalArgumentException(f + ": unknown option (see --help)");

      var secrets = new LinkedHashMap<String, String>();
      for (String n : NETWORKS) {
        String given = flags.getOrDefault("--secret-" + n, env.get("SANWANG_NETWORK_SECRET_" + n.toUpperCase(Locale.ROOT)));
        if (given != null && !given.isBlank()) secrets.put(n, given.trim());
      }
      URI hub;
      try {
        hub = URI.create(flags.getOrDefault("--hub", "http://127.0.0.1:8080"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--hub: not a URL: " + e.getMessage());
      }
      if (!List.of("http", "https").contains(String.valueOf(hub.getScheme())) || hub.getHost() == null)
        throw new IllegalArgumentException("--hub: must be an http:// or https:// URL, got " + hub);
      double rate = number(flags, "--rate", 2, 0, 1000);
      // The demo's work goes on by default; a quiet netsim (--rate 0) has none unless asked for.
      fromEnvironment(flags, env, "--work-rate", "SANWANG_NETSIM_WORK_RATE");
      fromEnvironment(flags, env, "--work-speed", "SANWANG_NETSIM_WORK_SPEED");
      double workRate = number(flags, "--work-rate", rate > 0 ? DEFAULT_WORK_RATE : 0, 0, 100_000);
      double workSpeed = number(flags, "--work-speed", 1, 0.01, 100_000);
      return new Options(hub,
          (int) number(flags, "--port", 8091, 0, 65535),
          secrets,
          Optional.ofNullable(flags.get("--keys")).map(Path::of),
          rate,
          networks(flags, "--push-networks", NETWORKS),
          number(flags, "--feed-rate", rate / 2, 0, 1000),
          networks(flags, "--feed-networks", List.of("community")),
          (long) number(flags, "--seed", System.nanoTime(), Long.MIN_VALUE, Long.MAX_VALUE),
          (int) number(flags, "--batch", 1, 1, 1000),
          number(flags, "--quarantine", 0.1, 0, 1),
          codes(flags.get("--communities")),
          flags.containsKey("--wait-ready"),
          workRate,
          workSpeed);
    }

    /** New cases, wishes and appointments an hour in office hours by default: a few dozen over the district. */
    public static final double DEFAULT_WORK_RATE = 40;

    private static void fromEnvironment(Map<String, String> flags, Map<String, String> env, String flag, String variable) {
      String v = env.get(variable);
      if (!flags.containsKey(flag) && v != null && !v.isBlank()) {
        try {
          Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(variable + ": not a number: " + v);
        }
        flags.put(flag, v.trim());
      }
    }

    private static double number(Map<String, String> flags, String flag, double byDefault, double min, double max) {
      String v = flags.get(flag);
      if (v == null) return byDefault;
      double d;
      try {
        d = Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + ": not a number: " + v);
      }
      if (!(d >= min && d <= max)) throw new IllegalArgumentException(flag + ": must be " + fmt(min) + " to " + fmt(max) + ", got " + v);
      return d;
    }

    private static String fmt(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static List<String> networks(Map<String, String> flags, String flag, List<String> byDefault) {
      String v = flags.get(flag);
      if (v == null) return byDefault;
      var list = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
      for (String n : list)
        if (!NETWORKS.contains(n)) throw new IllegalArgumentException(flag + ": " + n + " is not party, governance or community");
      return list;
    }

    private static List<String> codes(String v) {
      if (v == null) return NetworkEvents.DEMO_COMMUNITIES;
      var list = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
      for (String c : list)
        if (!c.matches("[0-9]{12}")) throw new IllegalArgumentException("--communities: " + c + " is not a 12-digit community code");
      if (list.isEmpty()) throw new IllegalArgumentException("--communities: at least one code");
      return list;
    }
  }

  /** The hub's answer to a push: its status (0 when it did not answer) and body. */
  public record Pushed(int status, String body) {}

  /**
   * A callback as it came: the network, its {@code webhook-id}, the CloudEvent (null when the body
   * was not JSON or the signature was refused before reading it), the status answered and why.
   */
  public record Callback(String network, String webhookId, JsonNode event, int status, Optional<String> detail, Instant at) {
    public String type() {
      return event == null ? null : event.path("type").asText(null);
    }

    public String id() {
      return event == null ? null : event.path("id").asText(null);
    }

    public JsonNode data() {
      return event == null ? null : event.get("data");
    }

    public boolean delivered() {
      return status >= 200 && status < 300;
    }
  }

  /** A request for a page of a feed: its cursor (null when none), limit, the status answered and how many events. */
  public record FeedRequest(String network, String cursor, int limit, int status, int events, Instant at) {}

  /**
   * A case, wish or appointment as its network knows it now: what netsim posted and did, and what the
   * hub's callbacks said was done there.
   *
   * @param kind      {@code case}, {@code wish} or {@code appointment}
   * @param state     case: reported, accepted, resolved, closed; wish: posted, claimed, fulfilled, confirmed,
   *                  cancelled; appointment: requested, accepted, completed, cancelled
   * @param level     a case's: community, street or district
   * @param claimedBy a claimed wish's member id ({@code hub} when claimed in the hub without one)
   */
  public record WorkItem(String network, String kind, String id, String subject, String community, String state,
      Optional<String> level, Optional<String> claimedBy) {}

  /** A work event netsim pushed by itself, with the hub's answer. */
  public record WorkPushed(String network, JsonNode event, int status) {}

  static final String USAGE = """
      Usage: ops/netsim [options]
        Plays the three networks (party 党建网, governance 治理网, community 社区网) against a Sanwang Hub:
        pushes signed CloudEvents to {hub}/api/v1/networks/{network}/events, serves the pull feeds at
        http://127.0.0.1:{port}/feed/{network}, and receives the hub's callbacks at /callbacks/{network},
        verifying every signature and printing what it does. Runs until stopped (Ctrl-C).
        --hub URL                 the hub (default http://127.0.0.1:8080)
        --port N                  port of the feeds and callbacks on 127.0.0.1 (default 8091; 0: any)
        --keys FILE               the hub's hub-keys.properties (network-secret.party=whsec_…); waits until it exists
        --secret-party|--secret-governance|--secret-community whsec_…[,whsec_…]
                                  a network's secrets, first signs, every one verifies; they take the place of
                                  SANWANG_NETWORK_SECRET_* of the environment, which take the place of --keys
        --rate R                  notices a second pushed, party's and community's in turn (default 2; 0: none)
        --push-networks LIST      networks that push, comma-separated (default party,governance,community)
        --work-rate N             the networks' work: new cases, wishes and appointments an hour in office hours,
                                  over all communities, fewer early and late, each followed up as it goes (cases
                                  escalated, resolved, rated; wishes claimed, fulfilled, confirmed); Party members
                                  report to their communities first (default 40, or SANWANG_NETSIM_WORK_RATE;
                                  0 with --rate 0; 0: none)
        --work-speed S            the work's clock runs S times as fast (default 1, or SANWANG_NETSIM_WORK_SPEED;
                                  60: an hour of work a minute)
        --feed-rate R             events a second appended to the feeds (default: half of --rate)
        --feed-networks LIST      networks whose feeds grow (default community)
        --batch N                 events per push, 1 to 1000 (default 1: single events; more: batches)
        --quarantine SHARE        share of notices and new work items, 0 to 1, sent to an unmapped building id
                                  (NB-0999, GOV-B-0042, SQ-B-0999) so the hub quarantines them (default 0.1)
        --communities LIST        community codes to address (default: the demo district's 28)
        --seed N                  seed of the content (default: random)
        --wait-ready              push only once the hub answers GET /health/ready (feeds and callbacks serve at once)
        --help                    this text""";

  private final Options options;
  private final HttpServer server;
  private final ExecutorService serving;
  private final ScheduledExecutorService ticking;
  private final Map<String, Feed> feeds;
  private final NetworkEndpoints endpoints;
  private final Pusher pusher;
  private final NetworkEvents events;
  private NetworkWork work;
  private WorkClock clock;
  private final List<WorkPushed> workPushed = new CopyOnWriteArrayList<>();
  /** Work events due but not pushed yet: their network was asked to wait (429). Only the work turn takes from them. */
  private final Map<String, Deque<NetworkWork.Due>> waiting = new ConcurrentHashMap<>();
  private final Consumer<String> out;
  private final HttpClient readiness = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private NetSim(Options options, Map<String, WebhookSigning> signing, Consumer<String> out) throws IOException {
    this.options = options;
    this.out = out;
    var feedMap = new LinkedHashMap<String, Feed>();
    NETWORKS.forEach(n -> feedMap.put(n, new Feed()));
    this.feeds = Map.copyOf(feedMap);
    this.events = new NetworkEvents(options.seed(), options.communities(), options.quarantineShare());
    this.endpoints = new NetworkEndpoints(signing, feeds, out, this::heard);
    this.pusher = new Pusher(options.hub(), signing, out);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 64);
    this.serving = Executors.newFixedThreadPool(4, daemon("netsim-http"));
    this.ticking = Executors.newScheduledThreadPool(3, daemon("netsim-tick"));
    endpoints.bind(server);
    server.setExecutor(serving);
  }

  /** Starts playing the networks, printing to standard output. */
  public static NetSim start(Options options) throws IOException {
    return start(options, System.out::println);
  }

  /**
   * Starts playing the networks, printing each line to {@code out}.
   *
   * @throws IllegalArgumentException when a network has no secret, naming it
   */
  public static NetSim start(Options options, Consumer<String> out) throws IOException {
    var signing = new LinkedHashMap<String, WebhookSigning>();
    var fromFile = options.keys().isPresent() ? readKeys(options.keys().get()) : new Properties();
    for (String n : NETWORKS) {
      String secrets = options.secrets().getOrDefault(n, fromFile.getProperty("network-secret." + n, "").trim());
      if (secrets.isEmpty())
        throw new IllegalArgumentException("no secret for " + n + ": give --secret-" + n + ", SANWANG_NETWORK_SECRET_"
            + n.toUpperCase(Locale.ROOT) + " or --keys with network-secret." + n);
      try {
        signing.put(n, WebhookSigning.of(secrets));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("secrets of " + n + ": " + e.getMessage());
      }
    }
    var sim = new NetSim(options, Map.copyOf(signing), line -> {
      synchronized (out) {
        out.accept(line);
      }
    });
    sim.run();
    return sim;
  }

  private void run() {
    server.start();
    out.accept("netsim listening on http://127.0.0.1:" + port() + ": feeds at /feed/{network}, callbacks at /callbacks/{network}");
    boolean notices = options.rate() > 0 && !noticeNetworks().isEmpty();
    boolean working = working();
    if (notices)
      out.accept("pushing " + Options.fmt(options.rate()) + " notices/s to " + options.hub() + " as " + String.join(", ", noticeNetworks())
          + (options.batch() > 1 ? " in batches of " + options.batch() : "") + ", " + Math.round(options.quarantineShare() * 100)
          + "% to unmapped building ids" + (options.waitReady() ? ", once " + readyUrl() + " answers 200" : ""));
    if (working)
      out.accept("work of " + String.join(", ", options.pushNetworks()) + ": about " + Options.fmt(options.workRate())
          + " new cases, wishes and appointments an hour in office hours (fewer early and late), followed up as they go"
          + (options.pushNetworks().contains("party") ? "; Party members report to their communities first" : "")
          + (options.workSpeed() != 1 ? "; the work's clock runs " + Options.fmt(options.workSpeed()) + "× as fast" : "")
          + (!notices && options.waitReady() ? ", once " + readyUrl() + " answers 200" : ""));
    if (notices || working) {
      if (options.waitReady()) ticking.execute(this::pushOnceReady);
      else startPushing();
    }
    if (options.feedRate() > 0 && !options.feedNetworks().isEmpty()) {
      out.accept("feeds of " + String.join(", ", options.feedNetworks()) + " grow by " + Options.fmt(options.feedRate()) + " events/s");
      var turn = new AtomicLong();
      ticking.scheduleAtFixedRate(() -> {
        String network = options.feedNetworks().get((int) (turn.getAndIncrement() % options.feedNetworks().size()));
        var event = events.nextForFeed(network);
        append(network, event);
        out.accept("feed " + network + " + " + event.path("type").asText() + " " + event.path("subject").asText()
            + " (" + feeds.get(network).size() + " in the feed)");
      }, 0, periodNanos(options.feedRate()), TimeUnit.NANOSECONDS);
    }
  }

  private void startPushing() {
    var turn = new AtomicLong();
    var networks = noticeNetworks();
    if (options.rate() > 0 && !networks.isEmpty())
      ticking.scheduleAtFixedRate(() -> pushTurn(networks.get((int) (turn.getAndIncrement() % networks.size()))),
          0, periodNanos(options.rate() / options.batch()), TimeUnit.NANOSECONDS);
    if (working()) {
      networkWork(); // its clock starts now
      ticking.scheduleWithFixedDelay(this::workTurn, 0, 250, TimeUnit.MILLISECONDS);
    }
  }

  /** The pushing networks that have notices: governance has none, only its cases (the work's). */
  private List<String> noticeNetworks() {
    return options.pushNetworks().stream().filter(n -> !n.equals("governance")).toList();
  }

  private boolean working() {
    return options.workRate() > 0 && !options.pushNetworks().isEmpty();
  }

  /** The networks' work, its clock starting the first time it is asked for. */
  private synchronized NetworkWork networkWork() {
    if (work == null) {
      clock = new WorkClock(Instant.now(), options.workSpeed());
      work = new NetworkWork(options.seed() + 1, DemoRoster.of(options.communities()), options.quarantineShare(),
          working() ? options.workRate() : 0, working() ? Set.copyOf(options.pushNetworks()) : Set.of(),
          clock.start());
    }
    return work;
  }

  private synchronized Instant workNow() {
    networkWork();
    return clock.at(Instant.now());
  }

  /**
   * Pushes the work that is due, one event at a time, each network's in order. An event the hub asks
   * to wait for (429) waits with the network's later ones until the pause is over; one it does not
   * take otherwise (refused, or no answer) is dropped, and its item gets no follow-ups.
   */
  private void workTurn() {
    try {
      var real = Instant.now();
      for (var due : networkWork().due(workNow(), real, n -> !pusher.paused(n) && waiting(n).isEmpty()))
        waiting(due.network()).add(due);
      for (String network : NETWORKS) {
        var queue = waiting(network);
        while (!queue.isEmpty() && !pusher.paused(network)) {
          var due = queue.peek();
          var pushed = pusher.push(network, List.of(due.event()), false);
          if (Thread.currentThread().isInterrupted()) return; // closing
          if (pushed.status() == 429) break;
          queue.poll();
          workPushed.add(new WorkPushed(network, due.event(), pushed.status()));
          if (pushed.status() != 202) networkWork().refused(due.event());
        }
      }
    } catch (RuntimeException e) {
      // A failed turn must not end the schedule.
      out.accept("work turn failed: " + e);
    }
  }

  private Deque<NetworkWork.Due> waiting(String network) {
    return waiting.computeIfAbsent(network, n -> new ConcurrentLinkedDeque<>());
  }

  /** A delivered callback: if it is about the networks' work, what netsim makes of it. */
  private void heard(Callback callback) {
    if (callback.event() == null) return;
    var type = callback.type();
    if (type == null || NetworkWork.Kind.ofType(type).isEmpty()) return;
    networkWork().heard(callback.network(), callback.event(), workNow()).ifPresent(out);
  }

  /** Asks the hub whether it is ready, again half a second later until it is, then pushes. */
  private void pushOnceReady() {
    if (ready()) {
      out.accept("hub ready: pushing");
      startPushing();
    } else if (!ticking.isShutdown()) {
      ticking.schedule(this::pushOnceReady, 500, TimeUnit.MILLISECONDS);
    }
  }

  private boolean ready() {
    try {
      var answer = readiness.send(HttpRequest.newBuilder(readyUrl()).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return answer.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private URI readyUrl() {
    return URI.create(options.hub().toString().replaceAll("/+$", "") + "/health/ready");
  }

  private void pushTurn(String network) {
    try {
      if (pusher.paused(network)) return;
      var batch = IntStream.range(0, options.batch()).mapToObj(i -> events.next(network)).toList();
      pusher.push(network, batch, options.batch() > 1);
    } catch (RuntimeException e) {
      // A failed turn must not end the schedule.
      out.accept("push " + network + " failed: " + e);
    }
  }

  private static long periodNanos(double perSecond) {
    return Math.max(1_000_000L, (long) (1_000_000_000L / perSecond));
  }

  // ---- the handle, for tests and for whoever embeds the networks ----------------------------

  public int port() {
    return server.getAddress().getPort();
  }

  public String feedUrl(String network) {
    return "http://127.0.0.1:" + port() + "/feed/" + network;
  }

  public String callbackUrl(String network) {
    return "http://127.0.0.1:" + port() + "/callbacks/" + network;
  }

  /** Every callback answered with 2xx, in the order received. */
  public List<Callback> received() {
    return endpoints.callbacks.stream().filter(Callback::delivered).toList();
  }

  /** The callbacks of this type answered with 2xx ({@code governance.case.accepted}, …), in the order received. */
  public List<Callback> received(String type) {
    return endpoints.callbacks.stream().filter(c -> c.delivered() && type.equals(c.type())).toList();
  }

  /** The cases, wishes and appointments netsim posted (or made with {@link #sampleWork}), as it knows them now. */
  public List<WorkItem> work() {
    return networkWork().items().stream().map(NetSim::view).toList();
  }

  /** One of them by its id ({@code AJ-…}, {@code XY-…}, {@code YY-…}). */
  public Optional<WorkItem> workItem(String id) {
    return networkWork().item(id).map(NetSim::view);
  }

  /** The work events netsim pushed by itself (members, cases, wishes, appointments and their follow-ups), in order. */
  public List<WorkPushed> workPushed() {
    return List.copyOf(workPushed);
  }

  /**
   * A new work item netsim will know as its own, not pushed: {@code governance.case.reported},
   * {@code party.wish.posted}, {@code community.appointment.requested} (no follow-ups of netsim's
   * own: the hub's callbacks about it are understood and answered as for the others), or
   * {@code party.member.reported} (a member of the first community addressed, who may then claim).
   */
  public JsonNode sampleWork(String type) {
    var now = workNow();
    if (type.equals("party.member.reported")) return networkWork().memberReport(options.communities().get(0));
    var kind = NetworkWork.Kind.ofType(type).filter(k -> type.equals(k.types + k.first))
        .orElseThrow(() -> new IllegalArgumentException("type: must be party.member.reported, governance.case.reported, "
            + "party.wish.posted or community.appointment.requested, got " + type));
    return networkWork().create(kind, now, Instant.now())
        .orElseThrow(() -> new IllegalStateException("no community addressed has residents to book an appointment for"));
  }

  private static WorkItem view(NetworkWork.Item i) {
    return new WorkItem(i.kind().network, i.kind().name().toLowerCase(Locale.ROOT), i.id(), i.subject(), i.community(), i.state(),
        Optional.ofNullable(i.level()), Optional.ofNullable(i.claimedBy()));
  }

  /** Every callback request, refused, failed as scripted or delivered, in the order received. */
  public List<Callback> attempts() {
    return List.copyOf(endpoints.callbacks);
  }

  /** Every request for a page of a feed, in the order received. */
  public List<FeedRequest> feedRequests() {
    return List.copyOf(endpoints.feedRequests);
  }

  /** Appends a CloudEvent to the network's feed; the hub gets it at its next poll. */
  public void append(String network, JsonNode event) {
    feed(network).append(event);
  }

  /** How many events the network's feed holds. */
  public int feedSize(String network) {
    return feed(network).size();
  }

  /** The next {@code count} callbacks to {@code network} get {@code status} (after their signature is checked). */
  public void failNext(String network, int status, int count) {
    failNext(network, status, count, null);
  }

  /** As {@link #failNext(String, int, int)}, with a {@code Retry-After} of {@code retryAfter} when not null. */
  public void failNext(String network, int status, int count, Duration retryAfter) {
    feed(network);
    endpoints.callbackScript.add(network, status, count, Optional.ofNullable(retryAfter));
  }

  /** The network's callback endpoint answers as usual again (what {@link #failNext} scripted and is left is dropped). */
  public void recover(String network) {
    feed(network);
    endpoints.callbackScript.clear(network);
  }

  /** The next {@code count} feed requests of {@code network} get {@code status} (after their signature is checked). */
  public void failFeedNext(String network, int status, int count) {
    feed(network);
    endpoints.feedScript.add(network, status, count, Optional.empty());
  }

  /** Pushes one event of {@code network} now ({@code application/cloudevents+json}), printing the answer. */
  public Pushed push(String network, JsonNode event) {
    feed(network);
    return pusher.push(network, List.of(event), false);
  }

  /** Pushes these events of {@code network} now as one batch ({@code application/cloudevents-batch+json}). */
  public Pushed pushBatch(String network, List<? extends JsonNode> batch) {
    feed(network);
    return pusher.push(network, batch, true);
  }

  /** A made-up event of {@code network} as its pushes have them (its id fresh, its subject possibly unmapped). */
  public JsonNode sampleEvent(String network) {
    feed(network);
    return events.next(network);
  }

  private Feed feed(String network) {
    var feed = feeds.get(network);
    if (feed == null) throw new IllegalArgumentException("network: must be party, governance or community, got " + network);
    return feed;
  }

  @Override
  public void close() {
    ticking.shutdownNow();
    server.stop(0);
    serving.shutdownNow();
  }

  // ---- the program ----------------------------------------------------------------------------

  public static void main(String[] args) throws Exception {
    // Chinese content prints as UTF-8 whatever the platform's default charset (Java 17 takes it from the locale).
    System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8));
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(List.of(args), System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("netsim: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.keys().isPresent() && !Files.exists(options.keys().get())
        && !options.secrets().keySet().containsAll(NETWORKS)) {
      System.out.println("waiting for " + options.keys().get() + " (the hub writes it at its first start)");
      while (!Files.exists(options.keys().get())) Thread.sleep(250);
    }
    NetSim sim;
    try {
      sim = start(options);
    } catch (IllegalArgumentException e) {
      System.err.println("netsim: " + e.getMessage());
      System.exit(2);
      return;
    } catch (IOException e) {
      System.err.println("netsim: cannot listen on 127.0.0.1:" + options.port() + ": " + e);
      System.exit(1);
      return;
    }
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close();
      stopped.countDown();
    }, "netsim-stop"));
    stopped.await();
  }

  private static Properties readKeys(Path file) throws IOException {
    var p = new Properties();
    try {
      p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("--keys: " + file + " does not exist");
    }
    return p;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    var n = new AtomicLong();
    return r -> {
      var t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
