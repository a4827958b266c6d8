package org.sanwang.connectors.devices;

import com.typesafe.config.Config;
import java.util.Optional;

/** The MQTT gateway of the call devices ({@code sanwang.mqtt}); no URL: the gateway is off. */
public record DevicesSettings(Optional<String> url, String username, String password, String clientId, String topicPrefix) {
  public static DevicesSettings from(Config config) {
    var c = config.getConfig("sanwang.mqtt");
    String url = c.getString("url").trim();
    if (!url.isEmpty() && !(url.startsWith("tcp://") || url.startsWith("ssl://")))
      throw new IllegalArgumentException("SANWANG_MQTT_URL must be tcp://host:port or ssl://host:port, got " + url);
    return new DevicesSettings(url.isEmpty() ? Optional.empty() : Optional.of(url), c.getString("username"),
        c.getString("password"), c.getString("client-id"), c.getString("topic-prefix"));
  }
}
