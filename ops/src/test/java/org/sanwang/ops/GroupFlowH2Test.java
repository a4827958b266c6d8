package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The group flow on the embedded H2 database, including a restart on the same data directory. */
class GroupFlowH2Test extends GroupFlowContract {
  @Override
  protected Map<String, Object> settings(Path dataDir) {
    return HubFixture.embedded(dataDir);
  }

  @Test
  void messagesAndTheRosterSurviveARestart() throws Exception {
    String group = "130803001001-B13";
    var posted = admin.post("/api/v1/groups/" + group + "/messages", Map.of("text", "重启前"));
    node.close();
    node = HubNode.start(HubNode.load(settings(dataDir)));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    var page = admin.get("/api/v1/groups/" + group + "/messages?after=0").body();
    assertThat(page.get("messages")).extracting(m -> m.get("id").asText()).containsExactly(posted.body().get("id").asText());
    var wang = new HubClient(node.httpPort());
    wang.login("wangfang", OrgDocuments.PASSWORD);
  }
}
