package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sanwang.connectors.core.Network;

/**
 * The social-governance network's connector: the contract. Its cases are checked, routed by subject
 * and held in quarantine as a type the hub does not handle yet (they apply once the hub has cases), so
 * here "taking effect" is being held, in order, with that reason, and a replay after a mapping moves
 * an event from "unmapped subject" to that reason.
 */
class GovernanceConnectorH2Test extends NetworkConnectorContract {
  @Override
  Network network() {
    return Network.GOVERNANCE;
  }

  @Override
  ObjectNode event(String id, String subject, String marker) {
    return NetworkSender.event(source, id, "governance.case.reported", subject,
        Map.of("caseId", "case-" + marker, "category", "环境卫生", "description", marker));
  }

  @Override
  String requiredField() {
    return "caseId";
  }

  @Override
  void awaitApplied(String building, String marker) {
    await().atMost(Duration.ofSeconds(20)).until(() -> appliedInOrder(building).contains(marker));
  }

  @Override
  List<String> appliedInOrder(String building) {
    var out = new ArrayList<String>();
    for (JsonNode item : admin.get(path("/quarantine?limit=500")).body().get("items"))
      if (item.get("subject").asText().equals(building) && item.get("reasonCode").asText().equals("unknown_type"))
        out.add(item.at("/event/data/description").asText());
    return out;
  }

  @Override
  void assertReplayed(JsonNode replayed, String id, String marker) {
    assertThat(replayed.get("applied").asBoolean()).isFalse();
    assertThat(replayed.get("reasonCode").asText()).isEqualTo("unknown_type");
    assertThat(quarantineItem(id).get("reasonCode").asText()).isEqualTo("unknown_type");
  }

  @Override
  void assertReplayedAll(JsonNode answer, List<String> markers) {
    assertThat(answer.get("stillQuarantined").asInt()).isGreaterThanOrEqualTo(markers.size());
  }
}
