package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanwang.connectors.core.Network;
import org.sanwang.connectors.core.WebhookSigning;

/**
 * The community-management network's connector: the contract; its notices reach the buildings'
 * groups and heads; residents come and go from the roster; and it hears when a call closes.
 */
class CommunityConnectorH2Test extends GroupNoticeConnectorContract {
  @Override
  Network network() {
    return Network.COMMUNITY;
  }

  @Override
  ObjectNode event(String id, String subject, String marker) {
    return NetworkSender.event(source, id, "community.notice", subject, Map.of("title", marker, "body", "明天上午停水"));
  }

  @Override
  String requiredField() {
    return "title";
  }

  @Test
  void aNoticeReachesTheBuildingHeadsInbox() {
    var wang = new HubClient(node.httpPort());
    wang.login("wangfang", OrgDocuments.PASSWORD);
    String marker = marker();

    underTest.send(event("head-" + marker, BUILDING, marker));

    await().atMost(Duration.ofSeconds(20)).until(() ->
        wang.get("/api/v1/me/inbox?after=0").body().get("items").findValuesAsText("title").stream().anyMatch(t -> t.contains(marker)));
  }

  @Test
  void aResidentUpsertedJoinsTheRosterAndOnceRemovedTheirDeviceGets410() {
    var resident = Map.of("id", "net-r-900", "name", "赵奶奶", "building", BUILDING, "unit", 1, "room", "501",
        "flags", List.of("living_alone"), "contacts", List.of(Map.of("name", "赵强", "relation", "son", "phone", "+8613900000900")),
        "devices", List.of(Map.of("id", "dev-net-900", "secret", "device-secret-net-900-abcdef")));

    var upserted = underTest.send(NetworkSender.event(source, "upsert-900", "community.resident.upserted", BUILDING, resident));

    assertThat(upserted.status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() ->
        admin.get("/api/v1/org/" + BUILDING).raw().contains("net-r-900"));
    var press = new HubClient(node.httpPort()).device("dev-net-900", "device-secret-net-900-abcdef", "call", "{}");
    assertThat(press.status()).isEqualTo(202);
    admin.resolveOpenAlerts("网络测试");

    underTest.send(NetworkSender.event(source, "remove-900", "community.resident.removed", BUILDING, Map.of("id", "net-r-900")));

    await().atMost(Duration.ofSeconds(30)).until(() -> !admin.get("/api/v1/org/" + BUILDING).raw().contains("net-r-900"));
    var after = new HubClient(node.httpPort()).device("dev-net-900", "device-secret-net-900-abcdef", "call", "{}");
    assertThat(after.status()).isEqualTo(410);
    assertThat(after.body().get("detail").asText()).contains("removed");
  }

  @Test
  void removingAResidentTheHubDoesNotKnowIsQuarantinedAsAnUnknownPerson() {
    var answer = underTest.send(NetworkSender.event(source, "remove-unknown", "community.resident.removed", BUILDING,
        Map.of("id", "nobody-here")));

    assertThat(answer.body().get("quarantined").asInt()).isEqualTo(1);
    assertThat(quarantineItem("remove-unknown").get("reasonCode").asText()).isEqualTo("unknown_person");
  }

  @Test
  void whenACallClosesTheNetworkIsToldOnceWithWhoAndWhen() throws Exception {
    admin.resolveOpenAlerts("clean start");
    var pressed = new HubClient(node.httpPort()).device("dev-0001", "device-secret-0001-abcdef", "call", "{}");
    String alertId = pressed.body().get("alertId").asText();
    var wang = new HubClient(node.httpPort());
    wang.login("wangfang", OrgDocuments.PASSWORD);
    assertThat(wang.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of("note", "马上到")).status()).isEqualTo(200);
    assertThat(wang.post("/api/v1/alerts/" + alertId + "/resolve", Map.of("note", "已处理")).status()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> callbacks.delivered().stream()
        .anyMatch(r -> r.webhookId().equals("alert-closed-" + alertId)));
    var r = callbacks.delivered().stream().filter(x -> x.webhookId().equals("alert-closed-" + alertId)).findFirst().orElseThrow();
    var event = HubClient.JSON.readTree(r.body());
    assertThat(event.get("type").asText()).isEqualTo("community.alert.closed");
    assertThat(event.get("source").asText()).isEqualTo("urn:sanwang:hub");
    assertThat(event.get("id").asText()).isEqualTo(r.webhookId());
    assertThat(event.at("/data/alertId").asText()).isEqualTo(alertId);
    assertThat(event.at("/data/residentId").asText()).isEqualTo("r-001");
    assertThat(event.at("/data/state").asText()).isEqualTo("resolved");
    assertThat(event.at("/data/acknowledgedBy").asText()).isEqualTo("p-001");
    assertThat(event.at("/data/raisedAt").asText()).isNotBlank();
    assertThat(event.at("/data/closedAt").asText()).isNotBlank();
    assertThat(WebhookSigning.of(signingSecret).refusal(r.body(), callbacks.headersOf(r))).isEmpty();
    assertThat(callbacks.received.stream().filter(x -> x.webhookId().equals("alert-closed-" + alertId)).count()).isEqualTo(1);
  }
}
