package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanwang.connectors.core.Network;

/** The Party-building network's connector: the contract, and its notices reach the groups and the role holders' inboxes. */
class PartyConnectorH2Test extends GroupNoticeConnectorContract {
  @Override
  Network network() {
    return Network.PARTY;
  }

  @Override
  ObjectNode event(String id, String subject, String marker) {
    return NetworkSender.event(source, id, "party.notice", subject, Map.of("title", marker, "body", "周六上午志愿服务"));
  }

  @Override
  String requiredField() {
    return "title";
  }

  @Test
  void aNoticeWithRolesReachesTheInboxOfEachHolderOfThoseRolesWithinTheSubject() {
    var wang = new HubClient(node.httpPort());
    wang.login("wangfang", OrgDocuments.PASSWORD);
    String marker = marker();

    var answer = underTest.send(NetworkSender.event(source, "roles-" + marker, "party.notice", "130803001001",
        Map.of("title", marker, "body", "楼长会议", "roles", List.of("building_head"))));

    assertThat(answer.status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        wang.get("/api/v1/me/inbox?after=0").body().get("items").findValuesAsText("title").stream().anyMatch(t -> t.contains(marker)));
    awaitApplied("130803001001", marker);
  }

  @Test
  void aTypeOfAnotherNetworkIsQuarantinedNotApplied() {
    String marker = marker();
    var answer = underTest.send(NetworkSender.event(source, "foreign-" + marker, "community.notice", BUILDING,
        Map.of("title", marker, "body", "x")));

    assertThat(answer.body().get("quarantined").asInt()).isEqualTo(1);
    assertThat(quarantineItem("foreign-" + marker).get("reasonCode").asText()).isEqualTo("unknown_type");
  }
}
