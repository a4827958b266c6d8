package org.sanwang.hub.live;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Cluster-wide live feeds: one Pekko pub-sub {@link Topic} per feed name ({@code group:<id>},
 * {@code inbox:<personId>}, {@code org}). Entities publish after an event is persisted; streams to
 * browsers subscribe. Publishing is fire-and-forget, so a slow reader never slows a writer.
 */
public final class LiveFeeds implements Extension {
  private static final ExtensionId<LiveFeeds> ID = new ExtensionId<>() {
    @Override
    public LiveFeeds createExtension(ActorSystem<?> system) {
      return new LiveFeeds(system);
    }
  };

  private final ActorSystem<?> system;
  private final ConcurrentHashMap<String, ActorRef<Topic.Command<Object>>> topics = new ConcurrentHashMap<>();

  private LiveFeeds(ActorSystem<?> system) {
    this.system = system;
  }

  /** The feeds of this actor system (one set per system). */
  public static LiveFeeds get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** Every group message, for the console's live traffic ({@code GroupEntity.Traffic}). */
  public static final String TRAFFIC = "traffic";

  /** Every alert's summary after each change (the console's alert board). */
  public static final String ALERTS = "alerts";

  /** A device's acknowledgements ({@code AlertEntity.DeviceAck}), for the MQTT gateway. */
  public static String device(String deviceId) {
    return "device:" + deviceId;
  }

  /** What happens to a resident's call, whichever device or page pressed ({@code AlertEntity.DeviceAck}): their call page. */
  public static String resident(String residentId) {
    return "resident:" + residentId;
  }

  /** All devices' acknowledgements, for a gateway that serves every device. */
  public static final String DEVICE_ACKS = "device-acks";

  public static String group(String groupId) {
    return "group:" + groupId;
  }

  public static String inbox(String personId) {
    return "inbox:" + personId;
  }

  public void publish(String feed, Object message) {
    topic(feed).tell(Topic.publish(message));
  }

  /**
   * Until {@code subscriber} stops: the topic watches it. There is no unsubscribe on purpose: one
   * that races the subscriber's end makes Pekko's topic deregister twice, which stops the node's
   * cluster receptionist and with it every topic's delivery.
   */
  @SuppressWarnings("unchecked")
  public <T> void subscribe(String feed, ActorRef<T> subscriber) {
    topic(feed).tell(Topic.subscribe((ActorRef<Object>) (ActorRef<?>) subscriber));
  }


  private ActorRef<Topic.Command<Object>> topic(String feed) {
    return topics.computeIfAbsent(feed, name -> system.systemActorOf(
        Topic.create(Object.class, name),
        "feed-" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("%", "_"),
        Props.empty()));
  }
}
