package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.sanwang.connectors.core.Network;

/**
 * The social-governance network's connector: the contract. A reported case takes effect as a case of
 * the hub, at the community level of its building; the order of a building's cases is the order they
 * were reported in.
 */
class GovernanceConnectorH2Test extends NetworkConnectorContract {
  @Override
  Network network() {
    return Network.GOVERNANCE;
  }

  @Override
  ObjectNode event(String id, String subject, String marker) {
    return NetworkSender.event(source, id, "governance.case.reported", subject,
        Map.of("caseId", "case-" + marker, "category", "environment", "description", marker));
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
    var cases = new ArrayList<JsonNode>();
    admin.get("/api/v1/cases").body().get("cases").forEach(c -> {
      if (building.equals(c.path("building").asText())) cases.add(c);
    });
    cases.sort(Comparator.comparing(c -> c.get("reportedAt").asText()));
    return cases.stream().map(c -> c.get("description").asText()).toList();
  }

  @Test
  void aReportedCaseIsAtTheCommunityLevelWithItsDeadlineAndItsBuildingGroupHearsOfIt() {
    String marker = marker();
    assertThat(underTest.send(event("report-" + marker, BUILDING, marker)).status()).isEqualTo(202);
    awaitApplied(BUILDING, marker);

    var kase = admin.get("/api/v1/cases/case-" + marker).body();
    assertThat(kase.get("level").asText()).isEqualTo("community");
    assertThat(kase.get("state").asText()).isEqualTo("reported");
    assertThat(kase.get("origin").asText()).isEqualTo("governance");
    assertThat(kase.get("grid").asText()).isEqualTo("130803001001-G01");
    assertThat(java.time.Instant.parse(kase.get("deadline").asText()))
        .isAfter(java.time.Instant.parse(kase.get("reportedAt").asText()).plus(Duration.ofHours(23)));
    await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(
            admin.get("/api/v1/groups/" + BUILDING + "/messages?after=0&limit=500").body().get("messages").spliterator(), false)
        .anyMatch(m -> m.get("text").asText().contains(marker)));
  }

  @Test
  void aChangeForACaseTheHubDoesNotKnowIsQuarantinedAndAppliesOnReplayOnceTheCaseIsReported() {
    String marker = marker();
    var early = NetworkSender.event(source, "early-" + marker, "governance.case.escalated", OTHER_BUILDING,
        Map.of("caseId", "case-" + marker, "level", "street"));
    assertThat(underTest.send(early).status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> quarantineItem("early-" + marker) != null);
    assertThat(quarantineItem("early-" + marker).get("reasonCode").asText()).isEqualTo("unknown_case");

    underTest.send(event("late-" + marker, OTHER_BUILDING, marker));
    awaitApplied(OTHER_BUILDING, marker);
    long offset = quarantineItem("early-" + marker).get("offset").asLong();
    var replayed = admin.post(path("/quarantine/" + offset + "/replay"), Map.of());

    assertThat(replayed.body().get("applied").asBoolean()).isTrue();
    assertThat(admin.get("/api/v1/cases/case-" + marker).body().get("level").asText()).isEqualTo("street");
  }

  @Test
  void aChangeTheCasesStateDoesNotAllowIsQuarantinedAsOutOfOrder() {
    String marker = marker();
    underTest.send(event("r-" + marker, BUILDING, marker));
    awaitApplied(BUILDING, marker);
    var rated = NetworkSender.event(source, "rated-" + marker, "governance.case.rated", BUILDING,
        Map.of("caseId", "case-" + marker, "rating", 5));
    underTest.send(rated);

    await().atMost(Duration.ofSeconds(20)).until(() -> quarantineItem("rated-" + marker) != null);
    assertThat(quarantineItem("rated-" + marker).get("reasonCode").asText()).isEqualTo("out_of_order");
  }
}
