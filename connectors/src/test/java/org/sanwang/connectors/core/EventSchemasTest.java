package org.sanwang.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kinds of data fields the reader's tests do not reach: nulls, blanks, fractions, arrays of objects, anything. */
class EventSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Optional<String> problemOf(String type, String data) throws Exception {
    JsonNode tree = JSON.readTree(data);
    return EventSchemas.problem(type, tree).map(p -> p[0] + ": " + p[1]);
  }

  @Test
  void theContractsTypesAreKnownAndOthersAreNot() {
    assertThat(EventSchemas.known("community.appointment.cancelled")).isTrue();
    assertThat(EventSchemas.known("governance.case.rated")).isTrue();
    assertThat(EventSchemas.known("party.activity.announced")).isFalse();
  }

  @Test
  void aRequiredFieldThatIsNullOrBlankIsRefusedAndAnOptionalNullIsNot() throws Exception {
    assertThat(problemOf("party.notice", "{\"title\":null,\"body\":\"b\"}")).contains("title: is required for party.notice");
    assertThat(problemOf("party.notice", "{\"title\":\" \",\"body\":\"b\"}")).contains("title: must be a non-empty string");
    assertThat(problemOf("party.notice", "{\"title\":\"t\",\"body\":\"b\",\"roles\":null}")).isEmpty();
  }

  @Test
  void aFractionIsNoWholeNumber() throws Exception {
    String wish = "{\"wishId\":\"W-1\",\"title\":\"修水管\",\"residentName\":\"李大爷\",\"points\":%s}";
    assertThat(problemOf("party.wish.posted", wish.formatted("1.5"))).contains("points: must be a whole number");
    assertThat(problemOf("party.wish.posted", wish.formatted("10"))).isEmpty();
  }

  @Test
  void arraysMustHoldTheirKindAndALocationMayBeAnything() throws Exception {
    String resident = "{\"id\":\"R-1\",\"name\":\"李大爷\",\"building\":\"130803001001-B07\",\"unit\":2,\"room\":\"302\",\"contacts\":%s}";
    assertThat(problemOf("community.resident.upserted", resident.formatted("[\"+8613900000001\"]")))
        .contains("contacts: must be an array of objects");
    assertThat(problemOf("community.resident.upserted", resident.formatted("[{\"name\":\"李娜\"}]"))).isEmpty();
    String kase = "{\"caseId\":\"GC-1\",\"category\":\"环境\",\"description\":\"堆物\",\"photos\":%s,\"location\":{\"lat\":40.9}}";
    assertThat(problemOf("governance.case.reported", kase.formatted("[1]"))).contains("photos: must be an array of strings");
    assertThat(problemOf("governance.case.reported", kase.formatted("[\"https://x/1.jpg\"]"))).isEmpty();
  }
}
