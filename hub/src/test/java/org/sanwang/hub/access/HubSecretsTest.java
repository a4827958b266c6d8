package org.sanwang.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The journal keeps what every node must agree on about the keys, never a key: a first node's keys
 * are recorded by fingerprint, a node with other keys is refused, rotation moves forward, and keys
 * an older version wrote in clear are never trusted again.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubSecretsTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  static final byte[] KEY_A = "token key A of thirty-two bytes!".getBytes();
  static final byte[] KEY_B = "token key B of thirty-two bytes!".getBytes();
  static final String A = HubSecrets.fingerprint(KEY_A);
  static final String B = HubSecrets.fingerprint(KEY_B);
  static final String VAPID = "BPublicKeyOfThisHub";

  private EventSourcedBehaviorTestKit<HubSecrets.Command, HubSecrets.Event, HubSecrets.State> underTest;

  @BeforeEach
  void setUp() {
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(), HubSecrets.create(HubSecrets.ID));
    underTest.clear();
  }

  /** A node's keys, adopted while other nodes run. */
  HubSecrets.KeysAnswer adopt(List<String> fingerprints, String vapid) {
    return underTest.<HubSecrets.KeysAnswer>runCommand(r -> new HubSecrets.AdoptKeys(fingerprints, vapid, true, r)).reply();
  }

  HubSecrets.KeysAnswer adoptAlone(List<String> fingerprints, String vapid) {
    return underTest.<HubSecrets.KeysAnswer>runCommand(r -> new HubSecrets.AdoptKeys(fingerprints, vapid, false, r)).reply();
  }

  @Test
  void theFirstNodesKeysAreRecordedByFingerprintAndTheSameKeysAgainWriteNothing() {
    var first = underTest.<HubSecrets.KeysAnswer>runCommand(r -> new HubSecrets.AdoptKeys(List.of(A), VAPID, true, r));
    assertThat(first.events()).containsExactly(new HubSecrets.KeysRecorded(A, VAPID));
    assertThat(first.reply()).isInstanceOf(HubSecrets.KeysAccepted.class);

    var again = underTest.<HubSecrets.KeysAnswer>runCommand(r -> new HubSecrets.AdoptKeys(List.of(A), VAPID, true, r));
    assertThat(again.events()).isEmpty();
    assertThat(again.reply()).isInstanceOf(HubSecrets.KeysAccepted.class);

    underTest.restart();
    assertThat(underTest.getState().tokenKeyFingerprint()).isEqualTo(A);
    assertThat(underTest.getState().vapidPublicKey()).isEqualTo(VAPID);
  }

  @Test
  void aNodeWithoutTheKeyTheRunningNodesSignWithIsRefusedNamingTheRecordedFingerprint() {
    adopt(List.of(A), VAPID);
    assertThat(adopt(List.of(B), VAPID)).isEqualTo(new HubSecrets.KeysRefused(HubSecrets.Refusal.TOKEN_KEY_UNKNOWN, A));
    assertThat(adopt(List.of(A), "BAnotherVapidKey"))
        .isEqualTo(new HubSecrets.KeysRefused(HubSecrets.Refusal.VAPID_KEY_DIFFERS, VAPID));
    assertThat(underTest.getState().tokenKeyFingerprint()).isEqualTo(A);
  }

  @Test
  void aNodeAloneMayBringNewKeysWhichTheNextNodesMustThenShare() {
    adopt(List.of(A), VAPID);
    var replaced = underTest.<HubSecrets.KeysAnswer>runCommand(r -> new HubSecrets.AdoptKeys(List.of(B), "BNewVapidKey", false, r));
    assertThat(replaced.events()).containsExactly(new HubSecrets.KeysRecorded(B, "BNewVapidKey"));
    assertThat(adopt(List.of(A), VAPID)).isEqualTo(new HubSecrets.KeysRefused(HubSecrets.Refusal.TOKEN_KEY_UNKNOWN, B));
  }

  @Test
  void aNewKeyListedBeforeTheOldOneBecomesTheSigningKeyAndTheOldOneAloneIsThenRefused() {
    adopt(List.of(A), VAPID);
    var rotated = underTest.<HubSecrets.KeysAnswer>runCommand(r -> new HubSecrets.AdoptKeys(List.of(B, A), VAPID, true, r));
    assertThat(rotated.events()).containsExactly(new HubSecrets.KeysRecorded(B, VAPID));
    assertThat(adopt(List.of(B), VAPID)).isInstanceOf(HubSecrets.KeysAccepted.class);
    assertThat(adopt(List.of(A), VAPID)).isEqualTo(new HubSecrets.KeysRefused(HubSecrets.Refusal.TOKEN_KEY_UNKNOWN, B));
  }

  @Test
  void theAdminPasswordHashIsRecordedOnceAndChangedOnlyOnPurpose() {
    var created = underTest.<HubSecrets.State>runCommand(r -> new HubSecrets.CreateAdmin("$argon2id$first", r));
    assertThat(created.events()).containsExactly(new HubSecrets.AdminCreated("$argon2id$first"));
    var second = underTest.<HubSecrets.State>runCommand(r -> new HubSecrets.CreateAdmin("$argon2id$second", r));
    assertThat(second.events()).isEmpty();
    assertThat(second.reply().adminPasswordHash()).isEqualTo("$argon2id$first");
    underTest.<HubSecrets.State>runCommand(r -> new HubSecrets.ChangeAdminPassword("$argon2id$changed", r));
    underTest.restart();
    assertThat(underTest.getState().adminPasswordHash()).isEqualTo("$argon2id$changed");
    assertThat(underTest.getState().initialised()).isTrue();
  }

  @Test
  void keysAnOlderVersionWroteInClearRecoverAsExposedAndAreNeverAdoptedAgain() {
    // An old journal, as the version before this one wrote it: the keys in clear.
    var persistence = PersistenceTestKit.create(testKit.system());
    persistence.persistForRecovery(PersistenceId.of(HubSecrets.ENTITY_KEY.name(), HubSecrets.ID).id(), List.of(
        new HubSecrets.SecretsCreated(Base64.getEncoder().encodeToString(KEY_A), "$argon2id$old",
            Map.of("party", "p", "governance", "g", "community", "c")),
        new HubSecrets.VapidKeysCreated("BOldVapidPublicKey", "oldVapidPrivateKey")));
    underTest.restart();

    var state = underTest.getState();
    assertThat(state.keysInClear()).isTrue();
    assertThat(state.initialised()).isTrue();
    assertThat(state.adminPasswordHash()).isEqualTo("$argon2id$old");
    assertThat(state.tokenKeyFingerprint()).isNull();
    assertThat(state.toString()).doesNotContain(Base64.getEncoder().encodeToString(KEY_A)).doesNotContain("oldVapidPrivateKey");

    assertThat(adoptAlone(List.of(B, A), VAPID)).isEqualTo(new HubSecrets.KeysRefused(HubSecrets.Refusal.TOKEN_KEY_EXPOSED, A));
    assertThat(adoptAlone(List.of(B), "BOldVapidPublicKey"))
        .isEqualTo(new HubSecrets.KeysRefused(HubSecrets.Refusal.VAPID_KEY_EXPOSED, "BOldVapidPublicKey"));
    assertThat(adopt(List.of(B), VAPID)).isInstanceOf(HubSecrets.KeysAccepted.class);
    assertThat(underTest.getState().keysInClear()).isFalse();
  }

  @Test
  void aFingerprintNamesAKeyWithoutContainingIt() {
    assertThat(A).hasSize(32).isNotEqualTo(B).isEqualTo(HubSecrets.fingerprint(KEY_A.clone()));
    assertThat(A).doesNotContain(Base64.getEncoder().encodeToString(KEY_A)).doesNotContain(new String(KEY_A));
  }
}
