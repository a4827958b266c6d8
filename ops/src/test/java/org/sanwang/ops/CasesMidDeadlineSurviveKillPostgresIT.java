package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kill the hub (SIGKILL) while two cases wait out their community deadline, one reported and one
 * accepted: both were acknowledged (201, 200) so both are there after a restart, and both climb to the
 * street by themselves once the deadline passes, as an alert's escalation goes on after a restart.
 */
class CasesMidDeadlineSurviveKillPostgresIT {
  static final String B07 = "130803001001-B07";

  @Test
  void overdueCasesEscalateAfterKillMinusNine() throws Exception {
    var db = HubFixture.freshPostgresDatabase();
    Path dir = HubFixture.tempDir();
    var env = new HashMap<>(HubFixture.processEnv(db, dir));
    env.put("SANWANG_CASE_WATCH_EVERY", "PT1S");
    Path log = Path.of("target", "cases-kill-hub.log").toAbsolutePath();
    String waiting;
    String accepted;
    try (var hub = new HubProcess(env, log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.everyRole())).status()).isEqualTo(200);
      assertThat(admin.put("/api/v1/communities/130803001001/case-deadlines",
          Map.of("community", "PT15S", "street", "PT72H", "district", "P7D")).status()).isEqualTo(200);
      var grid = new HubClient(hub.port());
      grid.login("gridmember", OrgDocuments.PASSWORD);
      var first = grid.post("/api/v1/cases", Map.of("building", B07, "category", "environment", "description", "楼道堆物"));
      var second = grid.post("/api/v1/cases", Map.of("building", B07, "category", "safety", "description", "电动车楼道充电"));
      assertThat(first.status()).as(first.raw()).isEqualTo(201);
      assertThat(second.status()).as(second.raw()).isEqualTo(201);
      waiting = first.body().get("id").asText();
      accepted = second.body().get("id").asText();
      assertThat(grid.post("/api/v1/cases/" + accepted + "/accept", Map.of()).status()).isEqualTo(200);
      hub.kill();
    }
    try (var hub = new HubProcess(env, log).start()) {
      var admin = new HubClient(hub.port());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      for (String id : new String[] {waiting, accepted})
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          var kase = admin.get("/api/v1/cases/" + id).body();
          assertThat(kase.get("level").asText()).isEqualTo("street");
          assertThat(kase.get("state").asText()).isEqualTo("reported");
          assertThat(kase.get("timeline").findValuesAsText("what")).containsSubsequence("reported", "escalated");
          assertThat(kase.get("timeline").findValues("auto")).isNotEmpty();
        });
      // The lists follow the journal: they show the climb a moment after the cases made it.
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(admin.get("/api/v1/cases?level=street").body().get("cases").findValuesAsText("id")).contains(waiting, accepted));
    }
  }
}
