package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file: written owner-only, read back whole, and bad keys refused naming the setting, never the key. */
class HubKeysTest {
  @TempDir Path tmp;

  static final String KEY = Base64.getEncoder().encodeToString("a token key of thirty-two bytes!".getBytes());

  @Test
  void generatedKeysAreWrittenOwnerOnlyAndReadBackTheSame() throws Exception {
    var keys = HubKeys.generate();
    Path file = HubKeys.file(tmp);
    keys.write(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(HubKeys.read(file)).contains(keys);
    assertThat(Base64.getDecoder().decode(keys.tokenKeys().get(0))).hasSize(32);
    assertThat(keys.networkSecrets()).containsOnlyKeys(HubNode.NETWORKS);
    assertThat(keys.networkSecrets().values()).allSatisfy(s -> assertThat(s).startsWith("whsec_"));
  }

  @Test
  void noFileIsNoKeys() throws Exception {
    assertThat(HubKeys.read(HubKeys.file(tmp))).isEmpty();
  }

  @Test
  void aFileMissingAKeyIsRefusedNamingTheFileAndTheKey() throws Exception {
    Path file = HubKeys.file(tmp);
    Files.writeString(file, "token-keys=" + KEY + "\n");
    assertThatThrownBy(() -> HubKeys.read(file)).hasMessage(file + ": vapid-public-key is missing");
  }

  @Test
  void severalTokenKeysAreReadInTheirOrder() {
    String other = Base64.getEncoder().encodeToString(new byte[48]);
    assertThat(HubKeys.parseTokenKeys(KEY + " , " + other, "SANWANG_TOKEN_KEY")).containsExactly(KEY, other);
  }

  @Test
  void aShortOrMalformedOrRepeatedTokenKeyIsRefusedWithoutRepeatingIt() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> HubKeys.parseTokenKeys(KEY + "," + shortKey, "SANWANG_TOKEN_KEY"))
        .hasMessage("SANWANG_TOKEN_KEY: key 2 of 2 has 16 bytes, at least 32 are needed (make one with: openssl rand -base64 32)");
    assertThatThrownBy(() -> HubKeys.parseTokenKeys("not base64!", "SANWANG_TOKEN_KEY"))
        .hasMessage("SANWANG_TOKEN_KEY: the key is not base64");
    assertThatThrownBy(() -> HubKeys.parseTokenKeys(KEY + "," + KEY, "SANWANG_TOKEN_KEY"))
        .hasMessage("SANWANG_TOKEN_KEY: key 2 of 2 is listed twice");
  }

  @Test
  void networkSecretsSetInTheEnvironmentTakeThePlaceOfTheGeneratedOnes() {
    var keys = HubKeys.generate();
    var inForce = keys.networkSecretsUnder(Map.of("party", "whsec_fromTheEnvironment", "governance", "", "community", ""));
    assertThat(inForce.get("party")).isEqualTo("whsec_fromTheEnvironment");
    assertThat(inForce.get("governance")).isEqualTo(keys.networkSecrets().get("governance"));
  }

  @Test
  void keysNeverShowInTheirTextForm() {
    var keys = HubKeys.generate().withTokenKeys(List.of(KEY));
    assertThat(keys.toString()).doesNotContain(KEY).doesNotContain(keys.vapidPrivateKey())
        .doesNotContain(keys.networkSecrets().get("party"));
  }
}
