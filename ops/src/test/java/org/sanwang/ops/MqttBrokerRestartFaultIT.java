package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * The MQTT broker (a private Mosquitto with persistence) restarted while devices press. Devices are
 * Paho clients with a persistent session (clean session off) publishing presses with QoS 1; the hub
 * (one node) is the gateway with its own persistent session. The broker is stopped; devices press
 * (their client buffers the presses); the broker comes back first with the devices' listener only,
 * so the presses reach it while the hub is still away and wait in the hub's session; then it is
 * restarted once more with both listeners, and the hub reconnects. Every press arrives and raises
 * exactly one alert per device, a repeated seq is not counted, and each device hears "received"
 * once per counted press (and, after a responder acts, "acknowledged" once).
 */
class MqttBrokerRestartFaultIT {
  static final int HUB_LISTENER = 0;
  static final int DEVICE_LISTENER = 1;

  record Device(ClusterNodes.Device id, MqttAsyncClient client, List<JsonNode> acks, List<IMqttDeliveryToken> sent) {
    void press(long seq) throws Exception {
      var m = new MqttMessage(("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
      m.setQos(1);
      sent.add(client.publish("sanwang/v1/devices/" + id.id() + "/call", m));
    }

    List<String> ackStates(String alertId) {
      return acks.stream().filter(a -> a.get("alertId").asText().equals(alertId)).map(a -> a.get("state").asText()).toList();
    }
  }

  @Test
  void pressesQueuedThroughABrokerRestartRaiseOneAlertEachOnceTheHubIsBack() throws Exception {
    Path log = Path.of("target", "mqtt-broker-restart-fault-hub.log").toAbsolutePath();
    var devices = new ArrayList<Device>();
    try (var broker = LocalMosquitto.create(2)
        .keepLogAt(Path.of("target", "mqtt-broker-restart-fault-mosquitto.log").toAbsolutePath()).start()) {
      var env = new HashMap<>(HubFixture.processEnv(HubFixture.freshPostgresDatabase(), HubFixture.tempDir()));
      env.put("SANWANG_MQTT_URL", broker.url(HUB_LISTENER));
      env.put("SANWANG_MQTT_CLIENT_ID", "sanwang-hub-fault-" + System.nanoTime());
      try (var hub = new HubProcess(env, log).heap("384m").start()) {
        var admin = new HubClient(hub.port());
        admin.login("admin", HubFixture.ADMIN_PASSWORD);
        var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(ClusterNodes.organisation()));
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.log().contains("as " + env.get("SANWANG_MQTT_CLIENT_ID")));
        try {
          for (var id : ClusterNodes.devices().subList(0, 4)) devices.add(connect(broker.url(DEVICE_LISTENER), id));

          // The broker goes away; the devices press meanwhile (their clients buffer the presses).
          broker.stop();
          await().atMost(Duration.ofSeconds(10)).until(() -> devices.stream().noneMatch(d -> d.client().isConnected()));
          devices.get(0).press(1);
          devices.get(1).press(1);
          devices.get(2).press(1);
          devices.get(2).press(1); // the same press again, as a device sends it when it missed the PUBACK
          devices.get(2).press(2);

          // Back for the devices only: their presses reach the broker and wait in the hub's session.
          broker.start(DEVICE_LISTENER);
          await().atMost(Duration.ofSeconds(20)).until(() -> devices.stream().allMatch(d -> d.client().isConnected()));
          devices.get(3).press(1);
          await().atMost(Duration.ofSeconds(20)).until(() -> devices.stream().flatMap(d -> d.sent().stream())
              .allMatch(IMqttDeliveryToken::isComplete));
          assertThat(admin.get("/api/v1/alerts?state=open").body().get("alerts")).as("nothing reached the hub yet").isEmpty();

          // Restarted once more with every listener: the hub reconnects to its kept session.
          broker.stop();
          long restarted = System.nanoTime();
          broker.start();
          var expected = Map.of(devices.get(0).id().id(), 1, devices.get(1).id().id(), 1, devices.get(2).id().id(), 2,
              devices.get(3).id().id(), 1);
          await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(openAlertsByDevice(admin).keySet())
              .containsExactlyInAnyOrderElementsOf(expected.keySet()));
          System.out.printf("[mqtt-broker-restart] every queued press raised its alert %.1f s after the broker came back%n",
              (System.nanoTime() - restarted) / 1e9);

          await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var byDevice = openAlertsByDevice(admin);
            for (var e : expected.entrySet()) {
              assertThat(byDevice.get(e.getKey())).as("open alerts of %s", e.getKey()).hasSize(1);
              assertThat(byDevice.get(e.getKey()).get(0).get("pressCount").asInt()).as("presses of %s", e.getKey())
                  .isEqualTo(e.getValue());
            }
          });
          // A responder acts on each; the device then hears "acknowledged", after any repeated "received".
          var alertIds = new HashMap<String, String>();
          openAlertsByDevice(admin).forEach((device, alerts) -> alertIds.put(device, alerts.get(0).get("id").asText()));
          for (String alertId : alertIds.values())
            assertThat(admin.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of("note", "马上到")).status()).isEqualTo(200);
          await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (var d : devices)
              assertThat(d.ackStates(alertIds.get(d.id().id()))).as("acks heard by %s", d.id().id()).contains("acknowledged");
          });
          // "received" once per counted press (the hub answers each press so the device can light up; the
          // repeated seq is not counted, so not answered), then "acknowledged" once.
          for (var d : devices) {
            var heard = new ArrayList<String>();
            for (int i = 0; i < expected.get(d.id().id()); i++) heard.add("received");
            heard.add("acknowledged");
            assertThat(d.ackStates(alertIds.get(d.id().id()))).as("acks heard by %s, each once: %s", d.id().id(), d.acks())
                .containsExactlyElementsOf(heard);
          }
          assertThat(admin.get("/api/v1/alerts?state=open").body().get("alerts")).hasSize(expected.size());
        } finally {
          for (var d : devices) {
            try {
              d.client().disconnectForcibly(1000, 1000);
            } catch (Exception ignored) {
              // the broker may be gone
            }
            d.client().close(true);
          }
        }
      }
    }
  }

  /** A device's client: persistent session, QoS 1, reconnecting within a second, buffering presses while away. */
  static Device connect(String url, ClusterNodes.Device id) throws Exception {
    var client = new MqttAsyncClient(url, "device-" + id.id() + "-" + System.nanoTime(), new MemoryPersistence());
    var acks = new CopyOnWriteArrayList<JsonNode>();
    client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {}

      @Override
      public void messageArrived(String topic, MqttMessage message) throws Exception {
        acks.add(HubClient.JSON.readTree(message.getPayload()));
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
    var buffer = new DisconnectedBufferOptions();
    buffer.setBufferEnabled(true);
    buffer.setBufferSize(100);
    buffer.setPersistBuffer(false);
    buffer.setDeleteOldestMessages(false);
    client.setBufferOpts(buffer);
    var options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(1000);
    client.connect(options).waitForCompletion(10_000);
    client.subscribe("sanwang/v1/devices/" + id.id() + "/ack", 1).waitForCompletion(10_000);
    return new Device(id, client, acks, new CopyOnWriteArrayList<>());
  }

  static Map<String, List<JsonNode>> openAlertsByDevice(HubClient admin) {
    var byDevice = new HashMap<String, List<JsonNode>>();
    admin.get("/api/v1/alerts?state=open").body().get("alerts")
        .forEach(a -> byDevice.computeIfAbsent(a.get("deviceId").asText(), d -> new ArrayList<>()).add(a));
    return byDevice;
  }
}
