package org.sanwang.connectors.core;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Standard Webhooks signing as the three networks and the hub use it in both directions (CONTRACT
 * v2): {@code webhook-id}, {@code webhook-timestamp} (Unix seconds, at most 5 minutes off) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. A network's secrets are
 * a list for rotation: every listed secret verifies, the first signs. The HMAC, the constant-time
 * comparison and the timestamp check are the Standard Webhooks library's own.
 */
public final class WebhookSigning {
  public static final String ID = "webhook-id";
  public static final String TIMESTAMP = "webhook-timestamp";
  public static final String SIGNATURE = "webhook-signature";

  private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/]+={0,2}");

  private final List<Webhook> secrets;

  private WebhookSigning(List<Webhook> secrets) {
    this.secrets = secrets;
  }

  /**
   * The signing of a network with these secrets ({@code whsec_} + base64 of at least 24 bytes each),
   * as the comma-separated setting lists them; the first signs.
   *
   * @throws IllegalArgumentException naming the position of a malformed secret, never its value
   */
  public static WebhookSigning of(String commaSeparated) {
    var webhooks = new ArrayList<Webhook>();
    String[] parts = commaSeparated == null ? new String[0] : commaSeparated.split(",");
    for (int i = 0; i < parts.length; i++) {
      String secret = parts[i].trim();
      if (secret.isEmpty()) continue;
      if (!SECRET.matcher(secret).matches() || decodedLength(secret.substring(6)) < 24)
        throw new IllegalArgumentException("secret " + (i + 1) + ": must be whsec_ followed by the base64 of at least 24 bytes");
      try {
        webhooks.add(new Webhook(secret));
      } catch (EmptyWebhookSecretException e) {
        throw new IllegalArgumentException("secret " + (i + 1) + ": empty", e);
      }
    }
    if (webhooks.isEmpty()) throw new IllegalArgumentException("secrets: at least one whsec_ secret is needed");
    return new WebhookSigning(List.copyOf(webhooks));
  }

  /** The three headers that sign {@code body} as message {@code id} sent {@code at}, with the first secret. */
  public Map<String, String> sign(String id, Instant at, String body) {
    try {
      return Map.of(ID, id, TIMESTAMP, Long.toString(at.getEpochSecond()),
          SIGNATURE, secrets.get(0).sign(id, at.getEpochSecond(), body));
    } catch (WebhookSigningException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /** Why a request is refused (a 401's detail), or nothing when one of the secrets signed it within 5 minutes of now. */
  public Optional<String> refusal(String body, Map<String, List<String>> headers) {
    String last = "webhook-signature: no signature made with a current secret";
    for (Webhook secret : secrets) {
      try {
        secret.verify(body, headers);
        return Optional.empty();
      } catch (WebhookVerificationException e) {
        last = reason(e.getMessage());
        if (!last.startsWith(SIGNATURE)) return Optional.of(last); // missing headers or a stale timestamp: no secret helps
      }
    }
    return Optional.of(last);
  }

  private static int decodedLength(String base64) {
    try {
      return Base64.getDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  private static String reason(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("missing")) return "webhook-id, webhook-timestamp, webhook-signature: all three headers are required";
    if (m.contains("timestamp") || m.contains("invalid"))
      return "webhook-timestamp: must be Unix seconds within 5 minutes of now";
    return "webhook-signature: no signature made with a current secret";
  }
}
