package org.sanwang.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The board of open alerts keeps each alert's summary through a restart, with who arrived and who
 * closed; summaries written before those fields existed still read, without them.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class AlertBoardTest {
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(EventSourcedBehaviorTestKit.config()).build();

  static final Instant T0 = Instant.parse("2026-11-21T02:00:00Z");
  static final Actor WANG = new Actor("p-001", "王芳", "building_head");
  static final Actor ZHAO = new Actor("p-002", "赵强", "grid_member");

  private EventSourcedBehaviorTestKit<AlertBoard.Command, AlertBoard.Event, AlertBoard.State> underTest;

  @BeforeEach
  void setUp() {
    underTest = EventSourcedBehaviorTestKit.create(testKit.system(), AlertBoard.create(AlertBoard.ID));
    underTest.clear();
  }

  @Test
  void aTrackedSummaryKeepsWhoArrivedAndWhoClosedThroughARestart() {
    var summary = new AlertSummary("r-001-1", "arrived", "dev-0001", "r-001", "李大爷", "130803001001-B07", "130803001001",
        "7号楼2单元302", 2, T0, 0, 0, WANG, T0.plusSeconds(30), T0.plusSeconds(300), null, ZHAO, null);
    var tracked = underTest.<Done>runCommand(r -> new AlertBoard.Track(summary, r));
    assertThat(tracked.reply()).isEqualTo(Done.getInstance());
    underTest.restart();
    var open = underTest.<AlertBoard.OpenAlerts>runCommand(AlertBoard.GetOpen::new).reply();
    assertThat(open.alerts()).containsExactly(summary);
    assertThat(open.alerts().get(0).arrivedBy()).isEqualTo(ZHAO);
  }

  @Test
  void aSummaryWrittenBeforeArrivedByAndClosedByReadsWithThemNull() throws Exception {
    var mapper = JacksonObjectMapperProvider.get(Adapter.toClassic(testKit.system()))
        .getOrCreate("jackson-cbor", Optional.of(new CBORFactory()));
    var old = new LinkedHashMap<String, Object>();
    old.put("id", "r-001-1");
    old.put("state", "acknowledged");
    old.put("deviceId", "dev-0001");
    old.put("residentId", "r-001");
    old.put("residentName", "李大爷");
    old.put("building", "130803001001-B07");
    old.put("community", "130803001001");
    old.put("address", "7号楼2单元302");
    old.put("pressCount", 1);
    old.put("raisedAt", T0.toString());
    old.put("step", 0);
    old.put("cycle", 0);
    old.put("acknowledgedBy", Map.of("id", "p-001", "name", "王芳", "role", "building_head"));
    old.put("acknowledgedAt", T0.plusSeconds(30).toString());
    old.put("arrivedAt", null);
    old.put("closedAt", null);
    var read = mapper.readValue(mapper.writeValueAsBytes(Map.of("summary", old)), AlertBoard.Tracked.class).summary();
    assertThat(read.acknowledgedBy()).isEqualTo(WANG);
    assertThat(read.raisedAt()).isEqualTo(T0);
    assertThat(read.arrivedBy()).isNull();
    assertThat(read.closedBy()).isNull();
  }
}
