package org.sanwang.connectors.core;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The network edge's settings ({@code sanwang.networks}, CONTRACT "The three networks"), read and
 * checked once at start. The secrets come in separately: they live in the key file unless set.
 */
public record NetworkSettings(
    Map<Network, Edge> edges,
    Duration pollEvery,
    int rate,
    int maxBatchEvents,
    long maxBatchBytes,
    Duration dedupRetention,
    Duration feedBackoffMin,
    Duration feedBackoffMax,
    int feedPage,
    Duration callbackBackoffMin,
    Duration callbackBackoffMax,
    Duration callbackGiveUpAfter,
    Duration callbackTimeout,
    Optional<Network> alertCallbacksTo) {

  /** One network: the secrets that verify (the first signs), its callback URL and its pull feed. */
  public record Edge(Network network, WebhookSigning signing, Optional<URI> callback, Optional<URI> feed) {}

  public Edge edge(Network n) {
    return edges.get(n);
  }

  /** {@code secrets}: each network's comma-separated Standard Webhooks secrets (from the environment or the key file). */
  public static NetworkSettings from(Config root, Map<String, String> secrets) {
    var c = root.getConfig("sanwang.networks");
    var edges = new EnumMap<Network, Edge>(Network.class);
    for (var n : Network.values()) {
      WebhookSigning signing;
      try {
        signing = WebhookSigning.of(secrets.getOrDefault(n.id(), ""));
      } catch (IllegalArgumentException e) {
        throw new ConfigException.BadValue("sanwang.network-secrets." + n.id(),
            "SANWANG_NETWORK_SECRET_" + n.id().toUpperCase() + ": " + e.getMessage());
      }
      edges.put(n, new Edge(n, signing, url(c, "callback." + n.id(), "SANWANG_NETWORK_CALLBACK_"),
          url(c, "feed." + n.id(), "SANWANG_NETWORK_FEED_")));
    }
    int rate = c.getInt("rate");
    if (rate < 1) throw new ConfigException.BadValue("sanwang.networks.rate", "SANWANG_NETWORK_RATE must be at least 1");
    var pollEvery = duration(c, "poll-every");
    if (pollEvery.isNegative() || pollEvery.isZero())
      throw new ConfigException.BadValue("sanwang.networks.poll-every", "SANWANG_NETWORK_POLL_EVERY must be positive, e.g. PT5S");
    var retention = duration(c, "dedup-retention");
    if (retention.compareTo(Duration.ofDays(30)) < 0)
      throw new ConfigException.BadValue("sanwang.networks.dedup-retention", "must be at least 30 days (CONTRACT)");
    String to = c.getString("alert-callbacks-to").trim();
    Optional<Network> alertsTo = to.isEmpty() ? Optional.empty() : Optional.of(Network.of(to).orElseThrow(() ->
        new ConfigException.BadValue("sanwang.networks.alert-callbacks-to", "must be party, governance, community or empty")));
    return new NetworkSettings(Map.copyOf(edges), pollEvery, rate, c.getInt("max-batch-events"),
        c.getBytes("max-batch-bytes"), retention, duration(c, "feed-backoff-min"), duration(c, "feed-backoff-max"),
        c.getInt("feed-page"), duration(c, "callback-backoff-min"), duration(c, "callback-backoff-max"),
        duration(c, "callback-give-up-after"), duration(c, "callback-timeout"), alertsTo);
  }

  /** ISO-8601 ({@code PT5S}, as the contract writes durations) or HOCON ({@code 5s}). */
  private static Duration duration(Config c, String path) {
    return durationAt(c, path, "sanwang.networks." + path);
  }

  /** A duration setting written either way: ISO-8601 ({@code PT5S}, as the contract's variables are) or HOCON ({@code 5s}). */
  public static Duration durationAt(Config c, String path, String fullName) {
    String raw = c.getString(path).trim();
    if (raw.startsWith("P") || raw.startsWith("p")) {
      try {
        return Duration.parse(raw);
      } catch (java.time.format.DateTimeParseException e) {
        throw new ConfigException.BadValue(fullName, "must be an ISO-8601 duration such as PT5S, got " + raw);
      }
    }
    return c.getDuration(path);
  }

  private static Optional<URI> url(Config c, String path, String variable) {
    String raw = c.getString(path).trim();
    if (raw.isEmpty()) return Optional.empty();
    String name = variable + path.substring(path.indexOf('.') + 1).toUpperCase();
    try {
      var uri = new URI(raw);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null)
        throw new ConfigException.BadValue("sanwang.networks." + path, name + " must be an http(s) URL, got " + raw);
      return Optional.of(uri);
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException.BadValue("sanwang.networks." + path, name + " is not a URL: " + e.getMessage());
    }
  }
}
