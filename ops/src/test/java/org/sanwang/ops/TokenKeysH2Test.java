package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.HubSecrets;

/**
 * Token keys over HTTP: SANWANG_TOKEN_KEY lists several (the first signs, every one verifies); a
 * node whose keys miss the one the running nodes sign with stops at start instead of refusing their
 * tokens, and a node alone may replace a leaked key at once.
 */
class TokenKeysH2Test {
  static final SecureRandom RANDOM = new SecureRandom();

  static String newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  static String fingerprint(String base64Key) {
    return HubSecrets.fingerprint(Base64.getDecoder().decode(base64Key));
  }

  static HubNode start(Path dir, String tokenKeys) throws Exception {
    return start(dir, tokenKeys, "");
  }

  /** A node on this data directory (its embedded database and key file), joining the seed node when one is given. */
  static HubNode start(Path dir, String tokenKeys, String seedNode) throws Exception {
    var settings = HubFixture.embedded(dir);
    if (tokenKeys != null) settings.put("sanwang.token-keys", tokenKeys);
    settings.put("sanwang.cluster.seed-nodes", seedNode);
    return HubNode.start(HubNode.load(settings));
  }

  static HubClient.Response importAs(HubNode node, String signingKey) {
    var token = new Tokens(List.of(signingKey), Duration.ofHours(1), Clock.systemUTC()).issue("admin", HubClient.adminStamp(node.httpPort())).token();
    return new HubClient(node.httpPort()).as(token)
        .post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan()));
  }

  @Test
  void aTokenSignedWithTheOldKeyListedSecondIsAcceptedAndOneSignedWithAKeyNotListedGets401() throws Exception {
    String newKey = newKey();
    String oldKey = newKey();
    try (var node = start(HubFixture.tempDir(), newKey + "," + oldKey)) {
      assertThat(importAs(node, oldKey).status()).isEqualTo(200);
      assertThat(importAs(node, newKey).status()).isEqualTo(200);
      var stranger = importAs(node, newKey());
      assertThat(stranger.status()).isEqualTo(401);
      assertThat(stranger.contentType()).startsWith("application/problem+json");

      var admin = new HubClient(node.httpPort());
      String issued = admin.login("admin", HubFixture.ADMIN_PASSWORD);
      assertThat(new Tokens(List.of(newKey), Duration.ofHours(1), Clock.systemUTC()).verify(issued)).map(Tokens.Claims::subject).contains("admin");
      assertThat(new Tokens(List.of(oldKey), Duration.ofHours(1), Clock.systemUTC()).verify(issued)).isEmpty();
    }
  }

  @Test
  void aSecondNodeWhoseTokenKeyIsNotTheRunningNodesStopsAtStartAndOneWithTheSameKeyFileSharesItsTokens()
      throws Exception {
    Path dir = HubFixture.tempDir();
    try (var first = start(dir, null)) {
      String seed = Cluster.get(first.system()).selfMember().address().toString();
      String fileKey = HubKeys.read(HubKeys.file(dir)).orElseThrow().tokenKeys().get(0);
      String stranger = newKey();
      assertThatThrownBy(() -> start(dir, stranger, seed))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Token key mismatch")
          .hasMessageContaining(fingerprint(fileKey))
          .hasMessageContaining(fingerprint(stranger))
          .hasMessageContaining("SANWANG_TOKEN_KEY");

      // The same embedded database and key file: the second node signs and verifies as the first does.
      try (var second = start(dir, null, seed)) {
        var atSecond = new HubClient(second.httpPort());
        String token = atSecond.login("admin", HubFixture.ADMIN_PASSWORD);
        assertThat(new HubClient(first.httpPort()).as(token).get("/api/v1/alerts?state=open").status()).isEqualTo(200);
      }
    }
  }

  @Test
  void aNodeAloneMayReplaceALeakedKeyAtOnceAndTokensTheOldKeySignedAreThenRefused() throws Exception {
    Path dir = HubFixture.tempDir();
    try (var before = start(dir, null)) {
      assertThat(before.httpPort()).isPositive();
    }
    String leaked = HubKeys.read(HubKeys.file(dir)).orElseThrow().tokenKeys().get(0);
    String replacement = newKey();
    try (var after = start(dir, replacement)) {
      assertThat(importAs(after, leaked).status()).isEqualTo(401);
      assertThat(importAs(after, replacement).status()).isEqualTo(200);
    }
  }
}
