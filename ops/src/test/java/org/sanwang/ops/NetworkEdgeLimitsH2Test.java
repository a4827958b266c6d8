package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The network edge's limits and bad input, from outside: a flood gets 429 with Retry-After, an
 * oversize request 413, a wrong media type 415, an unknown network 404, a batch over 1,000 events
 * or text the hub cannot keep 400 naming where; every error is problem+json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkEdgeLimitsH2Test {
  static final String B07 = "130803001001-B07";
  private final String secret = NetworkConnectorContract.secret();
  private HubNode node;
  private NetworkSender underTest;

  @BeforeAll
  void start() throws Exception {
    var settings = HubFixture.embedded(HubFixture.tempDir());
    settings.put("sanwang.network-secrets.party", secret);
    settings.put("sanwang.networks.rate", 20);
    node = HubNode.start(HubNode.load(settings));
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
    underTest = new NetworkSender(new HubClient(node.httpPort()), "party", secret);
  }

  @AfterAll
  void stop() {
    if (node != null) node.close();
  }

  static JsonNode notice(String id) {
    return NetworkSender.event("urn:limits:test", id, "party.notice", B07, Map.of("title", "t", "body", "b"));
  }

  @Test
  void aFloodOverTheRateGets429WithRetryAfter() {
    HubClient.Response last = null;
    for (int round = 0; round < 20 && (last == null || last.status() != 429); round++) {
      int r = round;
      last = underTest.batch(IntStream.range(0, 20).mapToObj(i -> notice("flood-" + r + "-" + i)).toList());
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.contentType()).startsWith("application/problem+json");
    assertThat(last.body().get("detail").asText()).contains("events");
  }

  @Test
  void aRequestOverFiveMegabytesIs413() throws Exception {
    String big = notice("big").toString().replace("\"b\"", "\"" + "x".repeat(6 * 1024 * 1024) + "\"");

    var answer = underTest.answerToHeadersAlone(node.httpPort(), NetworkSender.CE, big);

    assertThat(answer.get(0)).startsWith("HTTP/1.1 413 ");
    assertThat(answer).anySatisfy(h -> assertThat(h.toLowerCase()).startsWith("content-type: application/problem+json"));
  }

  @Test
  void aBatchOfMoreThanAThousandEventsIsTooLarge() {
    var events = new ArrayList<JsonNode>();
    for (int i = 0; i < 1001; i++) events.add(notice("many-" + i));

    var answer = underTest.batch(events);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body().get("detail").asText()).contains("at most 1000");
  }

  @Test
  void plainJsonIsTheWrongMediaType() {
    var answer = underTest.signed("application/json", notice("json").toString(), java.time.Instant.now());

    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.body().get("detail").asText()).contains("application/cloudevents+json");
  }

  @Test
  void anUnknownNetworkIs404() {
    var answer = new NetworkSender(new HubClient(node.httpPort()), "weather", secret).send(notice("w"));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().get("detail").asText()).contains("weather");
  }

  @Test
  void textTheHubCannotKeepIsRefusedNamingTheField() {
    String body = "[" + notice("ok-1") + "," + notice("bad-1").toString().replace("\"title\":\"t\"", "\"title\":\"\\ud800\"") + "]";

    var answer = underTest.signed(NetworkSender.BATCH, body, java.time.Instant.now());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().toString()).contains("[1].data.title");
  }

  @Test
  void aBatchThatIsNotAnArrayOrNotJsonIsRefused() {
    assertThat(underTest.signed(NetworkSender.BATCH, "{}", java.time.Instant.now()).status()).isEqualTo(400);
    var broken = underTest.signed(NetworkSender.CE, "{\"specversion\":", java.time.Instant.now());
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.body().get("detail").asText()).startsWith("body");
    assertThat(List.of(broken.contentType())).allSatisfy(ct -> assertThat(ct).startsWith("application/problem+json"));
  }
}
