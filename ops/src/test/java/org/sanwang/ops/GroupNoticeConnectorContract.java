package org.sanwang.ops;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The contract for a network whose notices become messages in the building's group: what took effect is read there. */
abstract class GroupNoticeConnectorContract extends NetworkConnectorContract {
  @Override
  void awaitApplied(String building, String marker) {
    await().atMost(Duration.ofSeconds(20)).until(() -> appliedInOrder(building).contains(marker));
  }

  @Override
  List<String> appliedInOrder(String building) {
    var out = new ArrayList<String>();
    for (var m : admin.get("/api/v1/groups/" + building + "/messages?after=0&limit=500").body().get("messages")) {
      if (!m.get("source").asText().equals(network().id())) continue;
      String text = m.get("text").asText();
      int start = text.indexOf("m-");
      if (start >= 0) out.add(text.substring(start, Math.min(text.length(), start + 10)));
    }
    return out;
  }
}
