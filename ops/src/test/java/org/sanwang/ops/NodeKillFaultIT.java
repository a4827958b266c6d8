package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A node killed (SIGKILL) in a cluster of three over one PostgreSQL while alerts it hosts wait for their
 * next escalation step: every alert's step 2 still reaches the community duty officer, from a survivor,
 * exactly once. Which node hosts which alert is read from the nodes' own logs (Pekko's shard logs
 * "Started entity" at debug, switched on for that logger only); the killed node is the non-first
 * node hosting the most alerts, or the first (oldest) one if it hosts any: it also runs the shard
 * coordinators and every singleton, which move too. The duty officer's inbox is watched (not the alerts themselves, which
 * a read would wake) and the delay from the kill to each step is printed.
 */
class NodeKillFaultIT {
  static final Duration STEP_2_AFTER = Duration.ofSeconds(25);

  @Test
  void everyAlertOfAKilledNodeEscalatesOnASurvivorExactlyOnce() throws Exception {
    Path logback = Path.of("target", "node-kill-fault-logback.xml").toAbsolutePath();
    Files.writeString(logback, """
        <configuration>
          <turboFilter class="org.sanwang.ops.logging.RedactAccessTokens"/>
          <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
          </appender>
          <logger name="org.apache.pekko" level="INFO"/>
          <logger name="org.apache.pekko.cluster.sharding.Shard" level="DEBUG"/>
          <logger name="com.zaxxer.hikari" level="WARN"/>
          <logger name="org.flywaydb" level="WARN"/>
          <logger name="slick" level="WARN"/>
          <root level="INFO"><appender-ref ref="STDOUT"/></root>
        </configuration>
        """);
    try (var cluster = new ClusterNodes(HubFixture.freshPostgresDatabase(), 3, "node-kill-fault", Map.of(), false,
        "-Dpekko.loglevel=DEBUG", "-Dlogback.configurationFile=" + logback).startAll()) {
      var admin = new HubClient(cluster.port(0));
      String adminToken = admin.login("admin", HubFixture.ADMIN_PASSWORD);
      var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(ClusterNodes.organisation()));
      assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
      var policy = Map.of("steps", List.of(
              Map.of("after", "PT0S", "notify", List.of("building_head")),
              Map.of("after", "PT" + STEP_2_AFTER.toSeconds() + "S", "notify", List.of("community_duty"))),
          "repeatEvery", "PT600S", "arriveWithin", "PT15M");
      assertThat(admin.put("/api/v1/communities/130803001001/escalation-policy", policy).status()).isEqualTo(200);
      String dutyToken = new HubClient(cluster.port(0)).login("duty", OrgDocuments.PASSWORD);

      // Presses on every node, so each raises its alert wherever its shard lives.
      var alerts = new ArrayList<String>();
      var devices = ClusterNodes.devices();
      for (int i = 0; i < devices.size(); i++) {
        var d = devices.get(i);
        var press = new HubClient(cluster.port(i % cluster.size())).device(d.id(), d.secret(), "call", "{\"seq\":1}");
        assertThat(press.status()).as(press.raw()).isEqualTo(202);
        alerts.add(press.body().get("alertId").asText());
      }
      long raised = System.nanoTime();
      var hostOf = new LinkedHashMap<String, Integer>();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        for (String id : alerts)
          for (int n = 0; n < cluster.size(); n++)
            if (cluster.logSince(n, 0).contains("with entity id [" + id + "]")) hostOf.put(id, n);
        return hostOf.size() == alerts.size();
      });
      int[] hosted = new int[cluster.size()];
      hostOf.values().forEach(n -> hosted[n]++);
      // The oldest node if it hosts any: the hardest case, as it also runs the shard coordinators and every
      // singleton (the MQTT gateway, the networks', the one that wakes a lost node's alerts), which move too.
      int victim = cluster.size() - 1;
      for (int n = 1; n < cluster.size(); n++) if (hosted[n] > hosted[victim]) victim = n;
      if (hosted[0] > 0) victim = 0;
      int killed = victim;
      long[] offsetsAtKill = new long[cluster.size()];
      for (int n = 0; n < cluster.size(); n++) offsetsAtKill[n] = cluster.logSize(n);
      cluster.kill(killed);
      long kill = System.nanoTime();
      var killedAt = LocalTime.now();
      var onVictim = alerts.stream().filter(id -> hostOf.get(id) == killed).toList();
      System.out.printf("[node-kill] alerts by node: %s; killed node %d %.1f s after the presses, hosting %s%n", hostOf,
          killed + 1, (kill - raised) / 1e9, onVictim);

      // Step 2 of every alert reaches the duty officer's inbox, once. Read from a survivor, as a load balancer would.
      var duty = new HubClient(cluster.livePorts().get(0)).as(dutyToken);
      var staff = new HubClient(cluster.livePorts().get(0)).as(adminToken);
      var arrived = new ConcurrentHashMap<String, Long>();
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
        var inbox = duty.get("/api/v1/me/inbox?after=0&limit=500");
        assertThat(inbox.status()).isEqualTo(200);
        inbox.body().get("items").forEach(item -> {
          if (item.get("kind").asText().equals("alert")) arrived.putIfAbsent(item.at("/ref/id").asText(), System.nanoTime());
        });
        assertThat(arrived.keySet()).as("alerts whose step 2 reached the duty officer").containsAll(alerts);
      });
      for (String id : alerts)
        System.out.printf("[node-kill] %s (node %d%s): step 2 in the inbox %.1f s after the kill (due %.1f s after it)%n", id,
            hostOf.get(id) + 1, hostOf.get(id) == killed ? ", killed" : "", (arrived.get(id) - kill) / 1e9,
            (STEP_2_AFTER.toNanos() - (kill - raised)) / 1e9);

      var survivorsStarted = new HashMap<String, List<Integer>>();
      for (String id : onVictim)
        for (int n = 0; n < cluster.size(); n++)
          if (n != killed && cluster.logSince(n, offsetsAtKill[n]).contains("with entity id [" + id + "]"))
            survivorsStarted.computeIfAbsent(id, x -> new ArrayList<>()).add(n + 1);
      System.out.printf("[node-kill] the killed node's alerts started again on: %s%n", survivorsStarted);
      // The failover's timeline from the survivors' logs (the logback pattern starts with HH:mm:ss.SSS).
      var milestones = new LinkedHashMap<String, String>();
      milestones.put("marked unreachable", "Marking node as UNREACHABLE");
      milestones.put("downed", "as [Down]");
      milestones.put("removed", "Leader is removing");
      for (String id : onVictim) milestones.put(id + " running again", "with entity id [" + id + "]");
      var failover = new StringBuilder();
      milestones.forEach((what, text) -> {
        double first = Double.MAX_VALUE;
        for (int n = 0; n < cluster.size(); n++) {
          if (n == killed) continue;
          try {
            for (String line : cluster.logSince(n, offsetsAtKill[n]).split("\n"))
              if (line.contains(text)) {
                first = Math.min(first, Duration.between(killedAt, LocalTime.parse(line.substring(0, 12))).toMillis() / 1e3);
                break;
              }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        failover.append(String.format("%n[node-kill]   %-28s %s", what, first == Double.MAX_VALUE ? "not seen" : String.format("%.1f s after the kill", first)));
      });
      System.out.printf("[node-kill] failover of node %d:%s%n", killed + 1, failover);

      var inbox = duty.get("/api/v1/me/inbox?after=0&limit=500").body().get("items");
      var perAlert = new HashMap<String, Integer>();
      inbox.forEach(item -> {
        if (item.get("kind").asText().equals("alert")) perAlert.merge(item.at("/ref/id").asText(), 1, Integer::sum);
      });
      for (String id : alerts) {
        assertThat(perAlert.get(id)).as("inbox items of %s for the duty officer", id).isEqualTo(1);
        var timeline = staff.get("/api/v1/alerts/" + id).body().get("timeline");
        var steps = new ArrayList<String>();
        var toDuty = new ArrayList<String>();
        timeline.forEach(e -> {
          if (e.get("type").asText().equals("step")) steps.add(e.get("text").asText());
          if (e.get("type").asText().equals("notified") && "黄值班".equals(e.path("to").asText())) toDuty.add(e.toString());
        });
        assertThat(steps).as("steps of %s", id).hasSize(2).doesNotHaveDuplicates();
        assertThat(toDuty).as("notifications of %s to the duty officer", id).hasSize(1);
      }
      assertThat(onVictim).as("the killed node hosted some of the alerts").isNotEmpty();
    }
  }
}
