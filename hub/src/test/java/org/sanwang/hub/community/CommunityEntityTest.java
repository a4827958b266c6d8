package org.sanwang.hub.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
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
import org.sanwang.hub.org.FieldError;
import org.sanwang.hub.org.OrgFixtures;
import org.sanwang.hub.org.OrgImporter;
import org.sanwang.hub.org.OrgTree;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommunityEntityTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  private EventSourcedBehaviorTestKit<CommunityEntity.Command, CommunityEntity.Event, CommunityEntity.State> underTest;
  private final OrgTree tree = OrgImporter.toTree(OrgFixtures.shuangan(), OrgTree.EMPTY);

  @BeforeEach
  void setUp() {
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(), CommunityEntity.create("130803001001"));
    underTest.clear();
  }

  @Test
  void aNewCommunityHasTheContractsDefaultPolicy() {
    var state = underTest.<CommunityEntity.State>runCommand(CommunityEntity.GetCommunity::new).reply();
    assertThat(state.policy()).isEqualTo(EscalationPolicy.DEFAULT);
    assertThat(state.policy().steps().get(1).after()).isEqualTo(Duration.ofSeconds(60));
    assertThat(state.policy().arriveWithin()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void theRosterHoldsGridsBuildingsAndRoleHoldersAndAnUnchangedSyncWritesNothing() {
    var roster = CommunityRoster.of(tree, "130803001001");
    var first = underTest.<CommunityEntity.State>runCommand(r -> new CommunityEntity.SyncRoster(roster, r));
    assertThat(first.events()).hasSize(1);
    assertThat(first.reply().roster().buildings()).extracting(OrgTree.BuildingNode::code)
        .containsExactly("130803001001-B07", "130803001001-B08");
    assertThat(first.reply().roster().grids()).extracting(OrgTree.GridNode::code).containsExactly("130803001001-G01");
    assertThat(first.reply().roster().holders()).extracting(CommunityRoster.Holder::personId)
        .contains("p-001", "p-002", "p-003").doesNotContain("p-004");
    var again = underTest.<CommunityEntity.State>runCommand(r -> new CommunityEntity.SyncRoster(
        CommunityRoster.of(tree, "130803001001"), r));
    assertThat(again.hasNoEvents()).isTrue();
    underTest.restart();
    assertThat(underTest.getState().roster()).isEqualTo(roster);
  }

  @Test
  void aValidPolicyIsKeptAndAnInvalidOneIsRefusedNamingTheField() {
    var policy = new EscalationPolicy(List.of(
        new EscalationPolicy.Step(Duration.ZERO, List.of("building_head", "family")),
        new EscalationPolicy.Step(Duration.ofSeconds(30), List.of("community_duty"))),
        Duration.ofMinutes(2), Duration.ofMinutes(10));
    var ok = underTest.<CommunityEntity.PolicyResult>runCommand(r -> new CommunityEntity.SetEscalationPolicy(policy, r));
    assertThat(ok.reply().errors()).isEmpty();
    underTest.restart();
    assertThat(underTest.getState().policy()).isEqualTo(policy);

    var bad = new EscalationPolicy(List.of(
        new EscalationPolicy.Step(Duration.ofSeconds(60), List.of("wizard")),
        new EscalationPolicy.Step(Duration.ofSeconds(10), List.of())),
        Duration.ofSeconds(5), Duration.ofMinutes(10));
    var refused = underTest.<CommunityEntity.PolicyResult>runCommand(r -> new CommunityEntity.SetEscalationPolicy(bad, r));
    assertThat(refused.hasNoEvents()).isTrue();
    assertThat(refused.reply().errors()).extracting(FieldError::path)
        .containsExactlyInAnyOrder("steps[0].notify[0]", "steps[1].after", "steps[1].notify", "repeatEvery");
  }
}
