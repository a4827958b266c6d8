package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * The broker configuration ops/mosquitto/generate writes, on a real Mosquitto: devices need their
 * secret, each is confined to its own topics, and the hub's gateway reconnects after the broker
 * restarts without losing a press the broker accepted.
 */
class MosquittoAclIT {
  static final String HUB_PASSWORD = "hub-broker-password-123";

  @Test
  void devicesAreConfinedToTheirOwnTopicsAndTheGatewaySurvivesABrokerRestart() throws Exception {
    HubFixture.requiredEnv("SANWANG_TEST_MQTT_URL"); // Mosquitto is installed by ops/test
    Path dir = Files.createTempDirectory("mosquitto");
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path devices = dir.resolve("devices.json");
    Files.writeString(devices, "[{\"id\":\"dev-0001\",\"secret\":\"device-secret-0001-abcdef\"},"
        + "{\"id\":\"dev-0002\",\"secret\":\"device-secret-0002-abcdef\"}]");
    int port = HubProcess.freePort();
    var gen = new ProcessBuilder("mosquitto/generate", devices.toString(), dir.resolve("conf").toString(), "--port",
        Integer.toString(port)).inheritIO();
    gen.environment().put("SANWANG_MQTT_PASSWORD", HUB_PASSWORD);
    assertThat(gen.start().waitFor()).isZero();

    Process broker = startBroker(dir, port);
    var settings = HubFixture.postgres(HubFixture.tempDir());
    settings.put("sanwang.mqtt.url", "tcp://127.0.0.1:" + port);
    settings.put("sanwang.mqtt.username", "sanwang-hub");
    settings.put("sanwang.mqtt.password", HUB_PASSWORD);
    settings.put("sanwang.mqtt.client-id", "sanwang-hub-acl-" + System.nanoTime());
    try (var node = HubNode.start(HubNode.load(settings))) {
      var admin = new HubClient(node.httpPort());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);

      assertThatThrownBy(() -> connect(port, "dev-0001", "not-the-secret")).isInstanceOf(MqttException.class);
      var device = connect(port, "dev-0001", "device-secret-0001-abcdef");
      publish(device, "sanwang/v1/devices/dev-0002/call", "{\"seq\":1}"); // not its own: the broker drops it
      publish(device, "sanwang/v1/devices/dev-0001/call", "{\"seq\":1}");
      await().atMost(Duration.ofSeconds(20)).until(() ->
          admin.get("/api/v1/alerts?state=open").body().get("alerts").findValuesAsText("deviceId").contains("dev-0001"));
      assertThat(admin.get("/api/v1/alerts?state=open").body().get("alerts").findValuesAsText("deviceId")).doesNotContain("dev-0002");
      device.disconnect();

      broker.destroy();
      broker.waitFor();
      broker = startBroker(dir, port);
      var again = connect(port, "dev-0001", "device-secret-0001-abcdef");
      publish(again, "sanwang/v1/devices/dev-0001/call", "{\"seq\":2}"); // accepted by the broker while the hub reconnects
      await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/alerts?state=open").body().get("alerts").findValues("pressCount")
          .stream().anyMatch(n -> n.asInt() == 2));
      again.disconnect();
    } finally {
      broker.destroy();
      broker.waitFor();
    }
  }

  private static Process startBroker(Path dir, int port) throws Exception {
    String mosquitto = Files.exists(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    var p = new ProcessBuilder(mosquitto, "-c", dir.resolve("conf/mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
      try (var s = new Socket("127.0.0.1", port)) {
        return true;
      } catch (IOException e) {
        return false;
      }
    });
    return p;
  }

  private static MqttClient connect(int port, String user, String password) throws MqttException {
    var c = new MqttClient("tcp://127.0.0.1:" + port, user + "-" + System.nanoTime(), new MemoryPersistence());
    var o = new MqttConnectOptions();
    o.setUserName(user);
    o.setPassword(password.toCharArray());
    c.connect(o);
    return c;
  }

  private static void publish(MqttClient c, String topic, String payload) throws MqttException {
    var m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    c.publish(topic, m);
  }
}
