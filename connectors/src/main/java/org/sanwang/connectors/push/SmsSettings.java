package org.sanwang.connectors.push;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The SMS gateway webhook ({@code SANWANG_SMS_WEBHOOK_URL}); empty: SMS is off. */
public record SmsSettings(Optional<URI> webhook, Duration timeout) {
  public static SmsSettings from(Config config) {
    var c = config.getConfig("sanwang.sms");
    String url = c.getString("webhook-url").trim();
    if (!url.isEmpty() && !(url.startsWith("http://") || url.startsWith("https://")))
      throw new IllegalArgumentException("SANWANG_SMS_WEBHOOK_URL must be an http(s) URL, got " + url);
    return new SmsSettings(url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url)), c.getDuration("timeout"));
  }
}
