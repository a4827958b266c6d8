package org.sanwang.ops;

import java.nio.file.Files;
import org.sanwang.ops.demo.TrafficSimulator;

/** The one entry point: starts a hub node and prints where to find it. */
public final class Main {
  private Main() {}

  /**
   * The JDK's common pool runs the callbacks of every {@code CompletionStage} Pekko hands out (Scala's
   * wrapper makes {@code thenApply} and the like asynchronous). Its parallelism is the number of cores
   * less one, and below 2 the JDK gives up the pool and starts a new thread for every callback: on a
   * 2-core server that was a thread per history page, per ask of a route. At least 2, unless set.
   */
  static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  public static void main(String[] args) throws Exception {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null)
      System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        System.out.println(USAGE);
        return;
      }
      System.err.println("Unknown option " + a + "\n" + USAGE);
      System.exit(2);
    }
    HubNode node;
    try {
      node = HubNode.start(HubNode.load(java.util.Map.of()));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    var s = node.settings();
    if (s.demo()) TrafficSimulator.start(node.system(), node.directory(), s.simulatorRate());
    String host = s.httpInterface().equals("0.0.0.0") ? "127.0.0.1" : s.httpInterface();
    var out = new StringBuilder();
    out.append("\n  三网枢纽 Sanwang Hub is running\n");
    out.append("  Console:   http://").append(host).append(':').append(node.httpPort()).append("/\n");
    out.append("  Database:  ").append(s.postgres() ? s.dbUrl().get() : "embedded H2 in " + s.dataDir()).append('\n');
    node.firstStart().ifPresentOrElse(
        f -> out.append("  Admin:     user 'admin', password '").append(f.adminPassword())
            .append("' (shown only this once; set SANWANG_ADMIN_PASSWORD to choose one)\n"),
        () -> out.append("  Admin:     user 'admin' (password as set at first start or in SANWANG_ADMIN_PASSWORD)\n"));
    var logins = s.dataDir().resolve("demo-logins.txt");
    if (s.demo() && Files.exists(logins))
      out.append("  Demo:      staff logins and their password in ").append(logins).append('\n');
    System.out.println(out);
    node.whenTerminated().toCompletableFuture().join();
    System.exit(0);
  }

  static final String USAGE = """
      Usage: ops/run [--help]
        Starts one Sanwang Hub node. Settings come from the environment:
          SANWANG_HTTP_PORT        HTTP port (default 8080)
          SANWANG_DATA_DIR         embedded database and local state (default ./data)
          SANWANG_DB_URL, SANWANG_DB_USER, SANWANG_DB_PASSWORD
                                   a jdbc:postgresql:// URL switches from embedded H2 to PostgreSQL
          SANWANG_ADMIN_PASSWORD   password of user admin (default: random, printed once at first start)
          SANWANG_DEMO             on|off|auto: demo district and traffic simulator (auto: on for H2)
          SANWANG_SIM_RATE         simulated chat messages per second (default 2)
          SANWANG_NETSIM           on|off: with the demo, ops/run also starts ops/netsim, which plays the three
                                   networks over HTTP (default on; its lines are prefixed [netsim])
          SANWANG_NETSIM_PORT      netsim's port on 127.0.0.1 for the feeds and callbacks (default 8091)
          SANWANG_NETSIM_RATE      network events a second netsim pushes (default 1; 0 when SANWANG_SIM_RATE is 0)
          SANWANG_MQTT_URL         MQTT broker of the call devices (default: gateway off)
          SANWANG_NETWORK_SECRET_PARTY|_GOVERNANCE|_COMMUNITY   Standard Webhooks secrets of the three networks,
                                   whsec_…, comma-separated to rotate: the first signs, every one verifies
                                   (default: generated at first start, in the data dir's hub-keys.properties)
          SANWANG_NETWORK_CALLBACK_PARTY|_GOVERNANCE|_COMMUNITY   a network's callback URL (default: no callbacks;
                                   ops/run's demo: netsim's http://127.0.0.1:8091/callbacks/{network})
          SANWANG_NETWORK_FEED_PARTY|_GOVERNANCE|_COMMUNITY   a network's pull feed URL (default: push only;
                                   ops/run's demo: the community feed of netsim, http://127.0.0.1:8091/feed/community)
          SANWANG_NETWORK_POLL_EVERY   pause between polls of a feed that had nothing new (default PT5S)
          SANWANG_NETWORK_RATE     events a second accepted per network before 429 (default 2000)
          SANWANG_TOKEN_KEY        token signing keys, comma-separated, first signs (default: the data dir's key file)
          SANWANG_TRUSTED_PROXIES  proxies whose X-Forwarded-For is believed (addresses or CIDRs; default none)
          SANWANG_SMS_WEBHOOK_URL  SMS gateway webhook (default: SMS off)
          SANWANG_ROBOT_WEBHOOK_URL, SANWANG_ROBOT_KIND   WeCom/DingTalk group robot (fallback channel)
          SANWANG_MQTT_USERNAME, SANWANG_MQTT_PASSWORD     the hub's broker login
          SANWANG_PUSH_SUBJECT     VAPID subject for Web Push (mailto: or https:)
          SANWANG_CLUSTER_PORT, SANWANG_CLUSTER_HOST, SANWANG_SEED_NODES   Pekko Cluster port, address and seed nodes
                                   (ops/cluster start N runs N nodes on loopback)
          SANWANG_FAILURE_DETECTOR_PAUSE, SANWANG_SBR_STABLE_AFTER, SANWANG_DOWN_REMOVAL_MARGIN
                                   failover after a crash: unheard for, then stable for, then margin (2s, 2s, 1s)
          SANWANG_CLUSTER_DISCOVERY  none|kubernetes: Cluster Bootstrap through the Kubernetes API (docs/operations.md)
          SANWANG_HTTP_MAX_CONNECTIONS   connections one node accepts (default 60000; needs as many open files)""";
}
