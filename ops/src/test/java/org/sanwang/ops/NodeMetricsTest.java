package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** The pure parts of {@link NodeMetrics}: status labels and counting a shard region's state. */
class NodeMetricsTest {
  static <T> scala.collection.immutable.Set<T> scalaSet(Set<T> set) {
    return CollectionConverters.asScala(set).toSet();
  }

  @Test
  void memberStatusesBecomeSnakeCaseLabelsOfTheFixedList() {
    assertThat(NodeMetrics.statusLabel("Up")).isEqualTo("up");
    assertThat(NodeMetrics.statusLabel("WeaklyUp")).isEqualTo("weakly_up");
    assertThat(NodeMetrics.statusLabel("PreparingForShutdown")).isEqualTo("preparing_for_shutdown");
    assertThat(NodeMetrics.STATUSES).contains("weakly_up", "preparing_for_shutdown", "ready_for_shutdown", "unreachable");
  }

  @Test
  void shardsAreCountedWithThoseThatDidNotAnswerAndEntitiesOfThoseThatDid() {
    var region = new ShardRegion.CurrentShardRegionState(
        scalaSet(Set.of(new ShardRegion.ShardState("1", scalaSet(Set.of("B01", "B02"))),
            new ShardRegion.ShardState("7", scalaSet(Set.of("B07"))))),
        scalaSet(Set.of("9")));
    assertThat(NodeMetrics.Hosted.of(region)).isEqualTo(new NodeMetrics.Hosted(3, 3));
    assertThat(NodeMetrics.Hosted.of(new ShardRegion.CurrentShardRegionState(scalaSet(Set.of()))))
        .isEqualTo(new NodeMetrics.Hosted(0, 0));
  }
}
