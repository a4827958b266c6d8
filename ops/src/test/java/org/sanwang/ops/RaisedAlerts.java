package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device's alert, kept raised for tests that act on it: the open alert while nobody has acted on
 * it yet, else the old one cancelled (by admin) and the device pressed again.
 */
final class RaisedAlerts {
  private final int port;
  private final HubClient admin;
  private final String device;
  private final String secret;
  private final AtomicInteger seq = new AtomicInteger(1_000_000);
  private String alertId;

  RaisedAlerts(int port, HubClient admin, String device, String secret) {
    this.port = port;
    this.admin = admin;
    this.device = device;
    this.secret = secret;
  }

  String raised() {
    if (alertId != null) {
      String state = stateOf(alertId);
      if (state.equals("raised")) return alertId;
      if (!state.equals("resolved") && !state.equals("cancelled"))
        assertThat(admin.post("/api/v1/alerts/" + alertId + "/cancel", Map.of()).status()).isEqualTo(200);
    }
    var pressed = new HubClient(port).device(device, secret, "call", "{\"seq\":" + seq.incrementAndGet() + "}");
    assertThat(pressed.status()).as(pressed.raw()).isEqualTo(202);
    assertThat(pressed.body().get("state").asText()).as("a press after the last alert closed opens a new one").isEqualTo("raised");
    alertId = pressed.body().get("alertId").asText();
    return alertId;
  }

  String stateOf(String id) {
    var r = admin.get("/api/v1/alerts/" + id);
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.body().get("state").asText();
  }
}
