package org.sanwang.connectors.devices;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.sanwang.hub.alert.AlertEntity;
import org.sanwang.hub.device.DeviceCalls;
import org.sanwang.hub.live.LiveFeeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT gateway of the call devices. Subscribes with QoS 1 to every device's {@code call} and
 * {@code heartbeat} and acknowledges a message (PUBACK) only after the hub has made it durable;
 * a redelivered press is recognised by the device's {@code seq}. Publishes alert state changes on
 * each device's {@code ack} topic. Reconnects with backoff; its broker session survives the hub
 * being away (clean session off, stable client id), so presses queued meanwhile arrive after.
 * A malformed payload or an unknown device is logged and counted, never crashes the gateway.
 * One node of the cluster runs it ({@link #singleton}): one connection with the hub's client id, so
 * each press is taken once and each ack is published once; when that node leaves or dies, another
 * connects with the same id and takes the broker session (and what it queued) over.
 */
public final class DevicesConnector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DevicesConnector.class);

  private final DevicesSettings settings;
  private final DeviceCalls calls;
  private final ActorSystem<?> system;
  private final MqttAsyncClient client;
  private final Counter received;
  private final Counter malformed;
  private final Counter unknown;
  private final Counter acked;
  private final AtomicInteger connected;
  private volatile boolean closed;

  /**
   * Runs the gateway as a cluster singleton: started on one node (the oldest), closed before it
   * starts on another. {@code sanwang_mqtt_connected} is 1 on the node whose gateway is connected.
   */
  public static void singleton(ActorSystem<?> system, DevicesSettings settings, DeviceCalls calls, MeterRegistry metrics) {
    var connected = new AtomicInteger();
    Gauge.builder("sanwang_mqtt_connected", connected, AtomicInteger::get)
        .description("1 while this node's MQTT gateway is connected to the broker").register(metrics);
    Behavior<Void> gateway = Behaviors.setup(ctx -> {
      var connector = new DevicesConnector(settings, calls, ctx.getSystem(), metrics, connected);
      connector.start(ctx);
      return Behaviors.<Void>receiveSignal((c, signal) -> {
        if (signal instanceof PostStop) connector.close();
        return Behaviors.same();
      });
    });
    ClusterSingleton.get(system).init(SingletonActor.of(
        Behaviors.supervise(gateway).onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2)),
        "mqtt-gateway"));
  }

  private DevicesConnector(DevicesSettings settings, DeviceCalls calls, ActorSystem<?> system, MeterRegistry metrics,
      AtomicInteger connected) throws MqttException {
    this.settings = settings;
    this.calls = calls;
    this.system = system;
    this.connected = connected;
    this.client = new MqttAsyncClient(settings.url().orElseThrow(), settings.clientId(), new MemoryPersistence());
    this.received = Counter.builder("sanwang_mqtt_messages_received").register(metrics);
    this.malformed = Counter.builder("sanwang_mqtt_messages_malformed").register(metrics);
    this.unknown = Counter.builder("sanwang_mqtt_messages_unknown_device").register(metrics);
    this.acked = Counter.builder("sanwang_mqtt_messages_acknowledged").register(metrics);
  }

  private void start(ActorContext<?> ctx) throws MqttException {
    client.setManualAcks(true);
    client.setCallback(new MqttCallbackExtended() {
      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        log.info("MQTT gateway {} to {}", reconnect ? "reconnected" : "connected", serverUri);
        connected.set(1);
        subscribe();
      }

      @Override
      public void connectionLost(Throwable cause) {
        connected.set(0);
        log.warn("MQTT connection lost ({}); reconnecting with backoff", cause == null ? "closed" : cause.toString());
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        handle(topic, message);
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
    var options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(30_000);
    options.setKeepAliveInterval(30);
    options.setMaxInflight(1000);
    options.setSocketFactory(NoDelaySockets.forUrl(settings.url().orElseThrow()));
    if (!settings.username().isEmpty()) {
      options.setUserName(settings.username());
      options.setPassword(settings.password().toCharArray());
    }
    connect(options, Duration.ofSeconds(1));
    ctx.spawn(acks(), "device-acks");
  }

  /** Keeps trying the first connection too, doubling the wait up to 30 s. */
  private void connect(MqttConnectOptions options, Duration wait) {
    if (closed) return;
    try {
      client.connect(options, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
        @Override
        public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {}

        @Override
        public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
          log.warn("MQTT broker {} not reachable ({}); retrying in {} s", settings.url().get(), e.toString(), wait.toSeconds());
          var next = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
          system.scheduler().scheduleOnce(wait, () -> connect(options, next), system.executionContext());
        }
      });
    } catch (MqttException e) {
      log.warn("MQTT connect failed: {}", e.toString());
    }
  }

  private void subscribe() {
    try {
      String p = settings.topicPrefix();
      client.subscribe(new String[] {p + "/+/call", p + "/+/heartbeat", p + "/+/checkin"}, new int[] {1, 1, 1});
    } catch (MqttException e) {
      log.error("MQTT subscribe failed: {}", e.toString());
    }
  }

  private void handle(String topic, MqttMessage message) {
    received.increment();
    var inbound = DevicesMapper.inbound(settings.topicPrefix(), topic);
    if (inbound.isEmpty()) {
      malformed.increment();
      log.warn("MQTT message on unexpected topic {} dropped", topic);
      complete(message);
      return;
    }
    String deviceId = inbound.get().deviceId();
    org.sanwang.hub.device.DeviceMessage m;
    try {
      m = DevicesMapper.message(message.getPayload());
    } catch (java.io.IOException e) {
      malformed.increment();
      log.warn("Malformed payload from device {} on {}: {}", deviceId, topic, e.getMessage());
      complete(message);
      return;
    }
    var owner = calls.owner(deviceId);
    if (owner.isEmpty()) {
      unknown.increment();
      log.warn("MQTT message from unknown device {} dropped", deviceId);
      complete(message);
      return;
    }
    process(inbound.get(), owner.get(), m, message, 1);
  }

  /** Makes the message durable, then PUBACKs it; retries while the hub cannot store it. */
  private void process(DevicesMapper.Inbound in, org.sanwang.hub.org.OrgTree.Resident owner,
      org.sanwang.hub.device.DeviceMessage m, MqttMessage message, int attempt) {
    if (closed) return; // not acknowledged: the broker gives it to the gateway that takes over
    CompletionStage<?> done = switch (in.kind()) {
      case CALL -> calls.press(in.deviceId(), owner, m);
      case HEARTBEAT -> calls.heartbeat(in.deviceId(), m);
      case CHECK_IN -> calls.checkIn(owner);
    };
    done.whenComplete((ok, err) -> {
      if (err == null) {
        complete(message);
        acked.increment();
      } else {
        var wait = Duration.ofMillis(Math.min(30_000, 200L << Math.min(8, attempt)));
        log.warn("Could not store {} from device {} (attempt {}): {}; retrying in {} ms", in.kind(), in.deviceId(), attempt,
            err.toString(), wait.toMillis());
        system.scheduler().scheduleOnce(wait, () -> process(in, owner, m, message, attempt + 1), system.executionContext());
      }
    });
  }

  private void complete(MqttMessage message) {
    try {
      client.messageArrivedComplete(message.getId(), message.getQos());
    } catch (MqttException e) {
      log.warn("PUBACK failed (the broker will redeliver): {}", e.toString());
    }
  }

  private Behavior<AlertEntity.DeviceAck> acks() {
    return Behaviors.setup(ctx -> {
      LiveFeeds.get(ctx.getSystem()).subscribe(LiveFeeds.DEVICE_ACKS, ctx.getSelf());
      return Behaviors.receiveMessage(ack -> {
        try {
          var msg = new MqttMessage(DevicesMapper.ackPayload(ack));
          msg.setQos(1);
          client.publish(DevicesMapper.ackTopic(settings.topicPrefix(), ack.deviceId()), msg);
        } catch (MqttException e) {
          log.warn("Could not publish the ack of {} to device {}: {}", ack.alertId(), ack.deviceId(), e.toString());
        }
        return Behaviors.same();
      });
    });
  }

  @Override
  public void close() {
    closed = true;
    connected.set(0);
    try {
      if (client.isConnected()) client.disconnect().waitForCompletion(5000);
      client.close();
    } catch (MqttException e) {
      log.warn("MQTT close: {}", e.toString());
    }
  }
}
