package org.sanwang.ops;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.sanwang.connectors.push.WebPushConnector;
import org.sanwang.hub.access.HubSecrets;

/**
 * The hub's keys at rest, in {@value #FILE_NAME} in the data directory, owner-only (0600), written
 * at first start: the keys that sign bearer tokens (the first signs, every one verifies, so a key
 * rotates), the Web Push (VAPID) key pair, and the generated HMAC secrets of the three networks.
 * {@code SANWANG_TOKEN_KEY} and {@code SANWANG_NETWORK_SECRET_*}, when set, take the place of the
 * file's token keys and network secrets. The journal keeps only what signs nothing
 * ({@link HubSecrets}: a fingerprint of the signing key and the VAPID public key).
 *
 * <p>A properties file rather than a PKCS12 {@code KeyStore}: a key store's password would have to
 * sit next to it or in the environment, so it would protect nothing the file mode does not, while
 * a text file is plain to copy to every node of a cluster and to edit for a rotation.
 */
public record HubKeys(List<String> tokenKeys, String vapidPublicKey, String vapidPrivateKey,
    Map<String, String> networkSecrets) {
  public static final String FILE_NAME = "hub-keys.properties";
  static final int MIN_KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  public HubKeys {
    tokenKeys = List.copyOf(tokenKeys);
    networkSecrets = Map.copyOf(networkSecrets);
  }

  public static Path file(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  /** Fresh keys: one token key of 32 random bytes, a VAPID key pair, a Standard Webhooks secret per network. */
  public static HubKeys generate() {
    var vapid = WebPushConnector.generateKeys();
    var networks = new LinkedHashMap<String, String>();
    HubNode.NETWORKS.forEach(n -> networks.put(n, "whsec_" + Base64.getEncoder().encodeToString(random(32))));
    return new HubKeys(List.of(Base64.getEncoder().encodeToString(random(32))), vapid.publicKey(), vapid.privateKey(),
        networks);
  }

  /** The key file's keys, empty when there is no file; a file missing a key or holding a bad one is refused, naming it. */
  public static Optional<HubKeys> read(Path file) throws IOException {
    if (!Files.exists(file)) return Optional.empty();
    var p = new Properties();
    p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    var tokenKeys = parseTokenKeys(required(p, file, "token-keys"), file + ": token-keys");
    String vapidPublic = required(p, file, "vapid-public-key");
    String vapidPrivate = required(p, file, "vapid-private-key");
    var networks = new HashMap<String, String>();
    for (String n : HubNode.NETWORKS) networks.put(n, required(p, file, "network-secret." + n));
    return Optional.of(new HubKeys(tokenKeys, vapidPublic, vapidPrivate, networks));
  }

  /**
   * The key file's keys; when there is none, new keys written to it, unless other nodes are running:
   * they have keys of their own, which this node must share (refused, saying to copy their file).
   */
  public static HubKeys readOrMake(Path file, boolean othersRunning) throws IOException {
    var stored = read(file);
    if (stored.isPresent()) return stored.get();
    if (othersRunning)
      throw new IllegalArgumentException(file + " is missing, and the other nodes of this hub are running with theirs: "
          + "copy " + FILE_NAME + " from another node into " + file.getParent() + " (chmod 600)");
    var made = generate();
    made.write(file);
    return made;
  }

  /** What to tell the operator when the journal refuses these keys; {@code source} names where the token keys came from. */
  public String refusal(HubSecrets.KeysRefused refused, String source, Path file) {
    return switch (refused.why()) {
      case TOKEN_KEY_EXPOSED -> "A token key in " + source + " (fingerprint " + refused.recorded() + ") was stored in "
          + "clear in the journal by an older version and is exposed: replace it with a new one (openssl rand -base64 32)";
      case VAPID_KEY_EXPOSED -> "The VAPID key pair in " + file + " was stored in clear in the journal by an older "
          + "version and is exposed: move the key file aside and start one node alone, which makes new keys, then copy "
          + "its key file to the other nodes";
      case TOKEN_KEY_UNKNOWN -> "Token key mismatch: the running nodes of this hub sign tokens with the key of fingerprint "
          + refused.recorded() + ", which is not among the token keys in " + source + " (fingerprints "
          + String.join(", ", tokenKeyFingerprints()) + "). Every node needs the same keys: copy " + FILE_NAME
          + " from another node or give every node the same SANWANG_TOKEN_KEY; to rotate, list the new key first "
          + "and keep the old one after it until every node has both (README, Security)";
      case VAPID_KEY_DIFFERS -> "Web Push key mismatch: the running nodes of this hub push with VAPID public key "
          + refused.recorded() + ", " + file + " has " + vapidPublicKey + ". Every node needs the same key file: copy it "
          + "from another node";
    };
  }

  /** Writes the key file owner-only, atomically. */
  public void write(Path file) throws IOException {
    var text = new StringBuilder("""
        # Sanwang Hub keys. Keep this file owner-only (chmod 600) and out of readable backups.
        # Every node of a cluster needs the same file: copy it, do not let each node make its own.
        # token-keys: comma-separated base64 keys of 32 bytes or more; the first signs bearer tokens, every
        # one verifies. To rotate, put a new key first (openssl rand -base64 32) and drop the old one later.
        """);
    text.append("token-keys=").append(String.join(",", tokenKeys)).append('\n');
    text.append("vapid-public-key=").append(vapidPublicKey).append('\n');
    text.append("vapid-private-key=").append(vapidPrivateKey).append('\n');
    for (String n : HubNode.NETWORKS) text.append("network-secret.").append(n).append('=').append(networkSecrets.get(n)).append('\n');
    DataDirectory.writeOwnerOnly(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  public HubKeys withTokenKeys(List<String> keys) {
    return new HubKeys(keys, vapidPublicKey, vapidPrivateKey, networkSecrets);
  }

  /**
   * Comma-separated base64 keys, each of at least 32 bytes, none twice; {@code where} names the
   * setting in the error (the key itself never appears in it).
   */
  public static List<String> parseTokenKeys(String commaSeparated, String where) {
    var keys = new ArrayList<String>();
    String[] parts = commaSeparated.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String key = parts[i].trim();
      String which = parts.length == 1 ? "the key" : "key " + (i + 1) + " of " + parts.length;
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(key);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + which + " is not base64");
      }
      if (bytes.length < MIN_KEY_BYTES)
        throw new IllegalArgumentException(where + ": " + which + " has " + bytes.length + " bytes, at least "
            + MIN_KEY_BYTES + " are needed (make one with: openssl rand -base64 32)");
      if (keys.contains(key)) throw new IllegalArgumentException(where + ": " + which + " is listed twice");
      keys.add(key);
    }
    return keys;
  }

  /** The fingerprints of the token keys, in their order (the signing key's first). */
  public List<String> tokenKeyFingerprints() {
    return tokenKeys.stream().map(k -> HubSecrets.fingerprint(Base64.getDecoder().decode(k))).toList();
  }

  /** The network secrets in force: those set ({@code SANWANG_NETWORK_SECRET_*}, non-empty), else the generated ones. */
  public Map<String, String> networkSecretsUnder(Map<String, String> configured) {
    var inForce = new HashMap<>(networkSecrets);
    configured.forEach((n, s) -> { if (s != null && !s.isBlank()) inForce.put(n, s); });
    return Map.copyOf(inForce);
  }

  /** Never the keys themselves, so that a log line or an exception cannot carry them. */
  @Override
  public String toString() {
    return "HubKeys[tokenKeys=" + tokenKeyFingerprints() + ", vapidPublicKey=" + vapidPublicKey + "]";
  }

  private static String required(Properties p, Path file, String name) {
    String v = p.getProperty(name, "").trim();
    if (v.isEmpty()) throw new IllegalArgumentException(file + ": " + name + " is missing");
    return v;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
