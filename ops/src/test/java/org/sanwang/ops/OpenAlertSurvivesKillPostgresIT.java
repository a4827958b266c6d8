package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kill the hub (SIGKILL) right after a press is acknowledged: after a restart the open alert's
 * escalation continues where it was, and the next step reaches the community desk.
 */
class OpenAlertSurvivesKillPostgresIT {
  @Test
  void escalationContinuesAfterKillMinusNine() throws Exception {
    var db = HubFixture.freshPostgresDatabase();
    Path dir = HubFixture.tempDir();
    var env = HubFixture.processEnv(db, dir);
    Path log = Path.of("target", "open-alert-kill-hub.log").toAbsolutePath();
    String alertId;
    try (var hub = new HubProcess(env, log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
      var policy = Map.of("steps", List.of(
              Map.of("after", "PT0S", "notify", List.of("building_head")),
              Map.of("after", "PT8S", "notify", List.of("community_duty"))),
          "repeatEvery", "PT60S", "arriveWithin", "PT15M");
      assertThat(admin.put("/api/v1/communities/130803001001/escalation-policy", policy).status()).isEqualTo(200);
      var press = admin.device("dev-0001", "device-secret-0001-abcdef", "call", "{\"seq\":1}");
      assertThat(press.status()).as(press.raw()).isEqualTo(202);
      alertId = press.body().get("alertId").asText();
      hub.kill();
    }
    try (var hub = new HubProcess(env, log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      String id = alertId;
      await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
        var alert = admin.get("/api/v1/alerts/" + id).body();
        assertThat(alert.get("state").asText()).isEqualTo("raised");
        assertThat(alert.get("timeline").findValuesAsText("to")).contains("孙丽"); // the community duty officer, step 2
      });
      assertThat(admin.get("/api/v1/alerts?state=open").body().get("alerts").findValuesAsText("id")).contains(alertId);
    }
  }
}
