package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes: a stream client whose node dies reconnects to the other and resumes by offset with no
 * gap and no duplicate; a device's acks are published once, by the one node running the MQTT gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamFailoverIT {
  static final String GROUP = "130803001001-B07";

  private ClusterNodes cluster;
  private String token;

  @BeforeAll
  void start() throws Exception {
    String mqtt = HubFixture.requiredEnv("SANWANG_TEST_MQTT_URL");
    cluster = new ClusterNodes(HubFixture.freshPostgresDatabase(), 2, "stream-failover", Map.of("SANWANG_MQTT_URL", mqtt,
        "SANWANG_MQTT_CLIENT_ID", "hub-stream-failover-" + System.nanoTime()), false).startAll();
    var admin = new HubClient(cluster.port(0));
    token = admin.login("admin", HubFixture.ADMIN_PASSWORD);
    var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(ClusterNodes.organisation()));
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) cluster.close();
  }

  @Test
  void aStreamWhoseNodeDiesResumesOnTheOtherByOffsetWithNoGapOrDuplicate() throws Exception {
    var poster = new HubClient(cluster.port(0)).as(token);
    int total = 120;
    var events = new ArrayList<HubClient.SseEvent>();
    var first = new HubClient(cluster.port(1)).as(token)
        .sseInto("/api/v1/groups/" + GROUP + "/stream?after=0", Map.of(), Integer.MAX_VALUE, Duration.ofSeconds(120), events);
    var posting = new AtomicBoolean(true);
    var posted = new CopyOnWriteArrayList<Long>();
    var writer = new Thread(() -> {
      for (int i = 1; i <= total; i++) {
        var r = poster.post("/api/v1/groups/" + GROUP + "/messages", Map.of("text", "第" + i + "条", "clientMsgId", "failover-" + i));
        if (r.status() == 201) posted.add(r.body().get("offset").asLong());
        else i--; // tried again with the same clientMsgId
      }
      posting.set(false);
    });
    writer.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      synchronized (events) {
        return events.size() >= 30;
      }
    });
    cluster.kill(1); // the client's node dies mid-stream
    first.thread().join(30_000);
    String lastId;
    synchronized (events) {
      lastId = events.get(events.size() - 1).id();
    }
    // Like an EventSource behind a load balancer: to the node that is left, with the last id it had.
    var second = new HubClient(cluster.port(0)).as(token)
        .sseInto("/api/v1/groups/" + GROUP + "/stream", Map.of("Last-Event-ID", lastId), Integer.MAX_VALUE, Duration.ofSeconds(120), events);
    writer.join(120_000);
    assertThat(posting).isFalse();
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      synchronized (events) {
        return events.size() >= total;
      }
    });
    second.body().close();
    List<Long> offsets;
    synchronized (events) {
      offsets = events.stream().map(e -> Long.parseLong(e.id())).toList();
    }
    assertThat(offsets).as("every message once, in order, across the failover (resumed after %s)", lastId)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(posted).hasSize(total);
    cluster.restart(1);
  }

  @Test
  void aDevicesAcksArePublishedOnceThoughTwoNodesRun() throws Exception {
    var device = new MqttClient(HubFixture.requiredEnv("SANWANG_TEST_MQTT_URL"), "dev-0002-" + System.nanoTime(), new MemoryPersistence());
    var options = new MqttConnectOptions();
    options.setCleanSession(true);
    device.connect(options);
    var acks = new CopyOnWriteArrayList<JsonNode>();
    try {
      device.subscribe("sanwang/v1/devices/dev-0002/ack", 1, (topic, msg) -> acks.add(HubClient.JSON.readTree(msg.getPayload())));
      var press = new MqttMessage("{\"seq\":7001}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      press.setQos(1);
      device.publish("sanwang/v1/devices/dev-0002/call", press);
      await().atMost(Duration.ofSeconds(30)).until(() -> !acks.isEmpty());
      String alertId = acks.get(0).get("alertId").asText();
      var staff = new HubClient(cluster.port(1)).as(token);
      assertThat(staff.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of("note", "马上到")).status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> acks.stream().anyMatch(a -> a.get("state").asText().equals("acknowledged")));
      // Any second copy from the other node would arrive with the first: the count stays put.
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> acks.stream().filter(a -> a.get("alertId").asText().equals(alertId)).count() == 2);
      assertThat(acks).extracting(a -> a.get("state").asText()).containsExactly("received", "acknowledged");
      // One gateway connected in the whole cluster.
      double connected = 0;
      for (int n = 0; n < cluster.size(); n++)
        connected += new HubClient(cluster.port(n)).get("/metrics").raw().lines().filter(l -> l.startsWith("sanwang_mqtt_connected "))
            .mapToDouble(l -> Double.parseDouble(l.substring("sanwang_mqtt_connected ".length()))).sum();
      assertThat(connected).isEqualTo(1.0);
    } finally {
      if (device.isConnected()) device.disconnect();
      device.close();
    }
  }
}
