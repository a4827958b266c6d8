package org.sanwang.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
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
import org.sanwang.hub.live.LiveFeeds;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenVersionsTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  private LiveFeeds feeds;
  private EventSourcedBehaviorTestKit<TokenVersions.Command, TokenVersions.Event, TokenVersions.State> underTest;

  @BeforeEach
  void setUp() {
    feeds = LiveFeeds.get(testKit.system());
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(), TokenVersions.create(TokenVersions.ID, feeds));
    underTest.clear();
  }

  private TokenVersions.VersionChanged revoke(String userId) {
    return underTest.<TokenVersions.VersionChanged>runCommand(r -> new TokenVersions.RevokeTokens(userId, r)).reply();
  }

  @Test
  void eachRevokeRaisesThatUsersVersionByOneAndLeavesEveryoneElseAlone() {
    assertThat(revoke("p-001")).isEqualTo(new TokenVersions.VersionChanged("p-001", 1));
    assertThat(revoke("p-001")).isEqualTo(new TokenVersions.VersionChanged("p-001", 2));
    assertThat(revoke("admin")).isEqualTo(new TokenVersions.VersionChanged("admin", 1));
    assertThat(versions().versions()).isEqualTo(Map.of("p-001", 2L, "admin", 1L));
    assertThat(underTest.getState().versionOf("p-002")).isZero();
  }

  @Test
  void revokesSurviveARestart() {
    revoke("p-001");
    revoke("p-001");
    underTest.restart();
    assertThat(underTest.getState().versionOf("p-001")).isEqualTo(2);
    assertThat(revoke("p-001").version()).isEqualTo(3);
  }

  private TokenVersions.Versions versions() {
    return underTest.<TokenVersions.Versions>runCommand(TokenVersions.GetVersions::new).reply();
  }

  @Test
  void aRevokeIsPublishedAndANodesCopyFollowsItAtOnce() {
    var known = new KnownTokenVersions();
    // A copy that could never load by itself: it learns from the feed alone.
    testKit.spawn(KnownTokenVersions.follow(known, feeds, CompletableFuture::new, Duration.ofHours(1)));
    // Subscribing takes a moment; a revoke published before that is missed (the reload covers it), so revoke until one arrives.
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
      var changed = revoke("p-007");
      await().atMost(Duration.ofMillis(500)).until(() -> known.versionOf("p-007") == changed.version());
    });
  }

  @Test
  void aNodesCopyLoadsEveryVersionWhenItStartsAndAgainOnEachReload() {
    var stored = new AtomicReference<>(new TokenVersions.Versions(Map.of("p-001", 1L, "p-002", 1L)));
    var known = new KnownTokenVersions();
    testKit.spawn(KnownTokenVersions.follow(known, feeds, () -> CompletableFuture.completedFuture(stored.get()),
        Duration.ofMillis(200)));
    await().atMost(Duration.ofSeconds(10)).until(() -> known.versionOf("p-001") == 1 && known.versionOf("p-002") == 1);
    stored.set(new TokenVersions.Versions(Map.of("p-001", 2L, "p-002", 1L)));
    await().atMost(Duration.ofSeconds(10)).until(() -> known.versionOf("p-001") == 2);
  }

  @Test
  void aNodesCopyNeverGoesBack() {
    var known = new KnownTokenVersions();
    known.advance("p-001", 3);
    known.advance("p-001", 2);
    known.advanceAll(Map.of("p-001", 1L, "p-002", 4L));
    assertThat(known.versionOf("p-001")).isEqualTo(3);
    assertThat(known.versionOf("p-002")).isEqualTo(4);
    assertThat(known.versionOf("p-003")).isZero();
  }
}
