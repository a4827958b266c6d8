package org.sanwang.ops.netsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NetworkEventsTest {
  /** The contract's required data fields of each type netsim sends. */
  static final Map<String, List<String>> REQUIRED = Map.of(
      "party.notice", List.of("title", "body"),
      "community.notice", List.of("title", "body"),
      "governance.case.reported", List.of("caseId", "category", "description"),
      "community.resident.upserted", List.of("id", "name", "building", "unit", "room", "flags", "contacts", "devices"));
  static final String DEMO_CODE = "1308030(01(00[1-9]|010)|0[23]00[1-9])(-B(0[1-9]|1[0-9]|20))?";

  private final NetworkEvents underTest = new NetworkEvents(42, NetworkEvents.DEMO_COMMUNITIES, 0);

  @Test
  void everyEventIsAStructuredCloudEventOfItsNetworkWithTheDataItsTypeRequires() {
    for (String network : NetworkEvents.NETWORKS) {
      for (JsonNode e : many(underTest::next, network, 200)) {
        assertThat(e.get("specversion").asText()).isEqualTo("1.0");
        assertThat(e.get("source").asText()).isEqualTo(NetworkEvents.SOURCES.get(network));
        assertThat(e.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(e.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(e.get("type").asText()).startsWith(network + ".");
        assertThat(e.get("data").fieldNames()).toIterable().as(e.toString()).containsAll(REQUIRED.get(e.get("type").asText()));
      }
    }
  }

  @Test
  void withNoQuarantineShareEverySubjectIsADemoCommunityOrOneOfItsFirstTwentyBuildings() {
    for (String network : NetworkEvents.NETWORKS)
      assertThat(many(underTest::nextForFeed, network, 300)).extracting(e -> e.get("subject").asText()).allMatch(s -> s.matches(DEMO_CODE));
  }

  @Test
  void communityNoticesForSomeBuildingsNameBuildingsOfTheirCommunity() {
    var targeted = many(underTest::next, "community", 300).stream().filter(e -> e.path("data").has("buildings")).toList();

    assertThat(targeted).isNotEmpty().allSatisfy(e -> assertThat(e.path("data").path("buildings")).isNotEmpty()
        .allSatisfy(b -> assertThat(b.asText()).startsWith(e.get("subject").asText() + "-B").matches(DEMO_CODE)));
  }

  @Test
  void theCommunityFeedHasResidentsNowAndThenInTheImportFormat() {
    var residents = many(underTest::nextForFeed, "community", 300).stream()
        .filter(e -> e.get("type").asText().equals("community.resident.upserted")).toList();

    assertThat(residents).hasSizeBetween(15, 75).allSatisfy(e -> {
      var r = e.get("data");
      assertThat(r.get("id").asText()).matches("net-r-\\d{3,}");
      assertThat(r.get("building").asText()).isEqualTo(e.get("subject").asText()).matches(DEMO_CODE);
      assertThat(r.get("unit").asInt()).isBetween(1, 2);
      assertThat(r.get("contacts").get(0).get("phone").asText()).matches("\\+86\\d{11}");
      assertThat(r.get("devices")).isEmpty();
    });
  }

  @Test
  void theQuarantineShareOfEventsAddressTheNetworksUnmappedBuildingId() {
    var all = new NetworkEvents(42, NetworkEvents.DEMO_COMMUNITIES, 1);
    var some = new NetworkEvents(42, NetworkEvents.DEMO_COMMUNITIES, 0.1);
    for (String network : NetworkEvents.NETWORKS) {
      assertThat(many(all::next, network, 50)).extracting(e -> e.get("subject").asText())
          .containsOnly(NetworkEvents.UNMAPPED.get(network));
      long unmapped = many(some::next, network, 1000).stream()
          .filter(e -> e.get("subject").asText().equals(NetworkEvents.UNMAPPED.get(network))).count();
      assertThat(unmapped).isBetween(50L, 150L);
    }
  }

  @Test
  void aSampleCaseHasTheHubsCategoriesAndAnAjId() {
    assertThat(many(underTest::next, "governance", 100)).allSatisfy(e -> {
      assertThat(e.at("/data/category").asText()).isIn(WorkContent.CATEGORIES);
      assertThat(e.at("/data/caseId").asText()).matches("AJ-\\d{8}-\\w{4}-\\d{4}");
      assertThat(e.at("/data/description").asText()).doesNotContain("{b}", "{u}");
    });
  }

  @Test
  void eventIdsAndCaseIdsAreUnique() {
    var events = many(underTest::next, "governance", 500);

    assertThat(events).extracting(e -> e.get("id").asText()).doesNotHaveDuplicates();
    assertThat(events).extracting(e -> e.get("data").get("caseId").asText()).doesNotHaveDuplicates();
  }

  private static List<JsonNode> many(Function<String, JsonNode> make, String network, int n) {
    return new ArrayList<>(IntStream.range(0, n).mapToObj(i -> make.apply(network)).toList());
  }
}
