package org.sanwang.hub.org;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanwang.hub.access.Passwords;
import org.sanwang.hub.live.LiveFeeds;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrgRegistryTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  private EventSourcedBehaviorTestKit<OrgRegistry.Command, OrgRegistry.Event, OrgRegistry.State> underTest;

  @BeforeEach
  void setUp() {
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(), OrgRegistry.create("root", LiveFeeds.get(testKit.system())));
    underTest.clear();
  }

  private OrgRegistry.ImportResult importTree(OrgTree delta) {
    return underTest.<OrgRegistry.ImportResult>runCommand(r -> new OrgRegistry.ImportTree(delta, r)).reply();
  }

  @Test
  void anImportIsOneEventAndSurvivesARestart() {
    var delta = OrgImporter.toTree(OrgFixtures.shuangan(), OrgTree.EMPTY);
    var result = underTest.<OrgRegistry.ImportResult>runCommand(r -> new OrgRegistry.ImportTree(delta, r));
    assertThat(result.reply().changed()).isTrue();
    assertThat(result.events()).hasSize(1);
    underTest.restart();
    var tree = underTest.getState().tree();
    assertThat(tree.buildings()).containsKeys("130803001001-B07", "130803001001-B08");
    assertThat(tree.people().get("p-001").username()).isEqualTo("wangfang");
  }

  @Test
  void reImportingTheSameDocumentChangesNothing() {
    var doc = OrgFixtures.shuangan();
    importTree(OrgImporter.toTree(doc, OrgTree.EMPTY));
    var again = OrgImporter.toTree(doc, underTest.getState().tree());
    var result = underTest.<OrgRegistry.ImportResult>runCommand(r -> new OrgRegistry.ImportTree(again, r));
    assertThat(result.reply().changed()).isFalse();
    assertThat(result.hasNoEvents()).isTrue();
  }

  @Test
  void passwordsAndDeviceSecretsAreStoredHashed() {
    importTree(OrgImporter.toTree(OrgFixtures.shuangan(), OrgTree.EMPTY));
    var tree = underTest.getState().tree();
    String hash = tree.people().get("p-001").passwordHash();
    assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse 7");
    assertThat(Passwords.verify("correct horse 7", hash)).isTrue();
    String device = tree.residents().get("r-001").devices().get(0).secretHash();
    assertThat(device).doesNotContain("a-device-secret-of-16+");
    assertThat(Passwords.verifySecret("a-device-secret-of-16+", device)).isTrue();
    assertThat(Passwords.verifySecret("a-device-secret-of-16-", device)).isFalse();
  }
}
