package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A device presses over the real Mosquitto started by ops/test: the building head's inbox stream
 * shows the alert, the device hears "received" on its ack topic, then "acknowledged" by the head.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevicesMqttIT {
  private HubNode node;
  private MqttClient device;
  private final List<JsonNode> acks = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    String broker = HubFixture.requiredEnv("SANWANG_TEST_MQTT_URL");
    var settings = HubFixture.postgres(HubFixture.tempDir());
    settings.put("sanwang.mqtt.url", broker);
    settings.put("sanwang.mqtt.client-id", "sanwang-hub-it-" + System.nanoTime());
    node = HubNode.start(HubNode.load(settings));
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
    device = new MqttClient(broker, "dev-0001-" + System.nanoTime(), new MemoryPersistence());
    var options = new MqttConnectOptions();
    options.setCleanSession(true);
    device.connect(options);
    device.subscribe("sanwang/v1/devices/dev-0001/ack", 1, (topic, msg) -> acks.add(HubClient.JSON.readTree(msg.getPayload())));
  }

  @AfterAll
  void stop() throws Exception {
    if (device != null && device.isConnected()) device.disconnect();
    if (node != null) node.close();
  }

  private void publish(String topic, String payload) throws Exception {
    var m = new MqttMessage(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    m.setQos(1);
    device.publish(topic, m); // returns once the broker has the message (PUBACK from the broker)
  }

  @Test
  void aPressOverMqttReachesTheInboxAndTheDeviceHearsEveryStateChange() throws Exception {
    var wang = new HubClient(node.httpPort());
    wang.login("wangfang", OrgDocuments.PASSWORD);
    var frames = CompletableFuture.supplyAsync(() -> {
      try {
        return wang.sse("/api/v1/me/inbox/stream", Map.of(), 1, Duration.ofSeconds(30));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // Malformed payloads and unknown devices are dropped and counted, and the gateway carries on.
    publish("sanwang/v1/devices/dev-0001/call", "{not json");
    publish("sanwang/v1/devices/dev-9999/call", "{\"seq\":1}");
    publish("sanwang/v1/devices/dev-0001/call", "{\"at\":\"2026-11-21T08:00:00Z\",\"battery\":87,\"seq\":123}");

    var frame = HubClient.JSON.readTree(frames.get().get(0).data());
    assertThat(frame.get("kind").asText()).isEqualTo("alert");
    String alertId = frame.at("/ref/id").asText();
    await().atMost(Duration.ofSeconds(15)).until(() -> acks.stream().anyMatch(a -> a.get("state").asText().equals("received")));
    assertThat(acks.get(0).get("alertId").asText()).isEqualTo(alertId);

    assertThat(wang.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of()).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(acks)
        .anySatisfy(a -> {
          assertThat(a.get("state").asText()).isEqualTo("acknowledged");
          assertThat(a.get("by").asText()).isEqualTo("王芳");
        }));

    var metrics = new HubClient(node.httpPort()).get("/metrics").raw();
    assertThat(metrics).contains("sanwang_mqtt_messages_malformed_total 1.0").contains("sanwang_mqtt_messages_unknown_device_total 1.0");

    // The same press redelivered (same seq) is recognised and not counted again.
    publish("sanwang/v1/devices/dev-0001/call", "{\"seq\":123}");
    publish("sanwang/v1/devices/dev-0001/call", "{\"seq\":124}");
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(new HubClient(node.httpPort()).as(wang.login("wangfang", OrgDocuments.PASSWORD))
            .get("/api/v1/alerts/" + alertId).body().get("pressCount").asInt()).isEqualTo(2));
  }
}
