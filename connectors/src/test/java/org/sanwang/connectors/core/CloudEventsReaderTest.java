package org.sanwang.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The networks' CloudEvents at the door: what is taken, and the field a refusal names (CONTRACT, "Inbound, push"). */
class CloudEventsReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOTICE = """
      {"specversion":"1.0","id":"n-1","source":"urn:party:dangjian","type":"party.notice",
       "subject":"130803001001","time":"2026-05-01T08:00:00Z",
       "data":{"title":"主题党日","body":"周六上午九点，社区会议室"}}""";

  private static ObjectNode notice(int i) {
    var node = JSON.createObjectNode().put("specversion", "1.0").put("id", "n-" + i).put("source", "urn:party:dangjian")
        .put("type", "party.notice").put("subject", "130803001001");
    node.putObject("data").put("title", "通知" + i).put("body", "正文" + i);
    return node;
  }

  private static ArrayNode batchOf(int n) {
    var batch = JSON.createArrayNode();
    for (int i = 0; i < n; i++) batch.add(notice(i));
    return batch;
  }

  private static InboundEvent one(String body) {
    return CloudEventsReader.one(Network.PARTY, body, CloudEventsReader.TextCheck.NONE);
  }

  private static java.util.List<InboundEvent> batch(Object body) {
    return CloudEventsReader.batch(Network.PARTY, body.toString(), 1000, CloudEventsReader.TextCheck.NONE);
  }

  private static String fieldOf(Runnable read) {
    try {
      read.run();
    } catch (BadEvent e) {
      return e.field();
    }
    throw new AssertionError("the event was taken, but should have been refused");
  }

  @Test
  void aValidStructuredEventIsReadWithItsAttributesAndData() {
    var underTest = one(NOTICE);
    assertThat(underTest.network()).isEqualTo(Network.PARTY);
    assertThat(underTest.id()).isEqualTo("n-1");
    assertThat(underTest.source()).isEqualTo("urn:party:dangjian");
    assertThat(underTest.type()).isEqualTo("party.notice");
    assertThat(underTest.subject()).isEqualTo("130803001001");
    assertThat(underTest.text("title")).isEqualTo("主题党日");
    assertThat(underTest.text("body")).isEqualTo("周六上午九点，社区会议室");
    assertThat(underTest.key()).isEqualTo(new InboundEvent.Key(Network.PARTY, "urn:party:dangjian", "n-1"));
  }

  @Test
  void aBatchIsReadInOrder() {
    var underTest = batch(batchOf(3));
    assertThat(underTest).extracting(InboundEvent::id).containsExactly("n-0", "n-1", "n-2");
    assertThat(underTest).extracting(e -> e.text("title")).containsExactly("通知0", "通知1", "通知2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "source", "type", "subject"})
  void aMissingRequiredAttributeIsNamedWithItsIndexInABatch(String attribute) {
    var events = batchOf(5);
    ((ObjectNode) events.get(3)).remove(attribute);
    assertThat(fieldOf(() -> batch(events))).isEqualTo("[3]." + attribute);
  }

  @ParameterizedTest
  @ValueSource(strings = {"id", "source", "type", "subject"})
  void aBlankRequiredAttributeIsNamedWithItsIndexInABatch(String attribute) {
    var events = batchOf(5);
    ((ObjectNode) events.get(3)).put(attribute, "  ");
    assertThat(fieldOf(() -> batch(events))).isEqualTo("[3]." + attribute);
  }

  @Test
  void aRequiredAttributeOfTheWrongKindIsNamedInASingleEvent() {
    var event = notice(0).put("subject", 130803001001L);
    assertThat(fieldOf(() -> one(event.toString()))).isEqualTo("subject");
  }

  @Test
  void anotherSpecversionThanOnePointZeroIsRefused() {
    assertThat(fieldOf(() -> one(notice(0).put("specversion", "0.3").toString()))).isEqualTo("specversion");
    assertThat(fieldOf(() -> one(notice(0).put("specversion", 1.0).toString()))).as("a number is not the string \"1.0\"")
        .isEqualTo("specversion");
    var events = batchOf(3);
    ((ObjectNode) events.get(2)).remove("specversion");
    assertThat(fieldOf(() -> batch(events))).isEqualTo("[2].specversion");
  }

  @Test
  void dataThatIsNotAnObjectIsRefused() {
    assertThat(fieldOf(() -> one(notice(0).put("data", "主题党日").toString()))).isEqualTo("data");
    var withArray = notice(0);
    withArray.putArray("data").add("主题党日");
    assertThat(fieldOf(() -> one(withArray.toString()))).isEqualTo("data");
    var without = notice(0);
    without.remove("data");
    assertThat(fieldOf(() -> one(without.toString()))).isEqualTo("data");
  }

  @Test
  void dataBase64IsRefusedEvenWithAnObjectBeside() {
    var event = notice(0).put("data_base64", "e30=");
    assertThat(fieldOf(() -> one(event.toString()))).isEqualTo("data_base64");
    var events = batchOf(2);
    ((ObjectNode) events.get(1)).remove("data");
    ((ObjectNode) events.get(1)).put("data_base64", "e30=");
    assertThat(fieldOf(() -> batch(events))).isEqualTo("[1].data_base64");
  }

  @Test
  void aNonJsonDatacontenttypeIsRefused() {
    assertThat(fieldOf(() -> one(notice(0).put("datacontenttype", "text/plain").toString()))).isEqualTo("datacontenttype");
    assertThat(one(notice(0).put("datacontenttype", "application/json; charset=utf-8").toString()).id()).isEqualTo("n-0");
  }

  @Test
  void aFieldTheTypeRequiresIsNamedUnderDataWithItsIndex() {
    var events = batchOf(3);
    ((ObjectNode) events.get(1).get("data")).remove("title");
    assertThat(fieldOf(() -> batch(events))).isEqualTo("[1].data.title");
  }

  @Test
  void aCaseWithoutItsIdIsNamedAsDataCaseIdInASingleEvent() {
    var event = JSON.createObjectNode().put("specversion", "1.0").put("id", "c-1").put("source", "urn:governance:grid")
        .put("type", "governance.case.reported").put("subject", "130803001001-G01");
    event.putObject("data").put("category", "环境卫生").put("description", "楼道堆物");
    assertThat(fieldOf(() -> CloudEventsReader.one(Network.GOVERNANCE, event.toString(), CloudEventsReader.TextCheck.NONE)))
        .isEqualTo("data.caseId");
    ((ObjectNode) event.get("data")).put("caseId", "GC-1");
    assertThat(CloudEventsReader.one(Network.GOVERNANCE, event.toString(), CloudEventsReader.TextCheck.NONE).text("caseId"))
        .isEqualTo("GC-1");
  }

  @Test
  void aUnitWrittenAsTextIsRefusedForAnUpsertedResident() {
    var event = JSON.createObjectNode().put("specversion", "1.0").put("id", "r-1").put("source", "urn:community:roster")
        .put("type", "community.resident.upserted").put("subject", "130803001001-B07");
    event.putObject("data").put("id", "R-1").put("name", "李大爷").put("building", "130803001001-B07").put("unit", "2")
        .put("room", "302");
    assertThat(fieldOf(() -> CloudEventsReader.one(Network.COMMUNITY, event.toString(), CloudEventsReader.TextCheck.NONE)))
        .isEqualTo("data.unit");
    ((ObjectNode) event.get("data")).put("unit", 2);
    assertThat(CloudEventsReader.one(Network.COMMUNITY, event.toString(), CloudEventsReader.TextCheck.NONE).data().get("unit").asInt())
        .isEqualTo(2);
  }

  @Test
  void rolesThatAreNotAnArrayOfTextAreRefused() {
    var asText = notice(0);
    ((ObjectNode) asText.get("data")).put("roles", "party_member");
    assertThat(fieldOf(() -> one(asText.toString()))).isEqualTo("data.roles");
    var ofNumbers = notice(0);
    ((ObjectNode) ofNumbers.get("data")).putArray("roles").add(1);
    assertThat(fieldOf(() -> one(ofNumbers.toString()))).isEqualTo("data.roles");
  }

  @Test
  void aBatchOverTheMaximumIsRefusedWhole() {
    assertThat(CloudEventsReader.batch(Network.PARTY, batchOf(3).toString(), 3, CloudEventsReader.TextCheck.NONE)).hasSize(3);
    assertThatThrownBy(() -> CloudEventsReader.batch(Network.PARTY, batchOf(4).toString(), 3, CloudEventsReader.TextCheck.NONE))
        .isInstanceOfSatisfying(BadEvent.class, e -> assertThat(e.field()).isEqualTo("body"))
        .hasMessageContaining("at most 3");
  }

  @Test
  void aBatchThatIsNotAnArrayIsRefused() {
    assertThat(fieldOf(() -> batch(notice(0)))).isEqualTo("body");
  }

  @Test
  void aBatchElementThatIsNotAnObjectIsNamedByItsIndex() {
    var events = batchOf(2).add("n-2");
    assertThat(fieldOf(() -> batch(events))).isEqualTo("[2]");
  }

  @Test
  void malformedJsonIsRefusedAsTheBody() {
    assertThatThrownBy(() -> one("{\"specversion\":\"1.0\","))
        .isInstanceOfSatisfying(BadEvent.class, e -> assertThat(e.field()).isEqualTo("body"))
        .hasMessageContaining("not well-formed JSON");
    assertThat(fieldOf(() -> one(""))).isEqualTo("body");
    assertThat(fieldOf(() -> one(NOTICE + " {}"))).as("trailing content").isEqualTo("body");
  }

  @Test
  void duplicateKeysAreRefusedAtTheTopAndInData() {
    String twiceTheId = NOTICE.replace("\"id\":\"n-1\"", "\"id\":\"n-1\",\"id\":\"n-2\"");
    assertThatThrownBy(() -> one(twiceTheId)).isInstanceOfSatisfying(BadEvent.class, e -> assertThat(e.field()).isEqualTo("body"))
        .hasMessageContaining("Duplicate field 'id'");
    String twiceTheTitle = NOTICE.replace("\"title\":\"主题党日\"", "\"title\":\"主题党日\",\"title\":\"别的\"");
    assertThat(fieldOf(() -> one(twiceTheTitle))).isEqualTo("body");
  }

  @Test
  void anUnknownTypeWithAnyObjectDataIsTakenToBeQuarantinedLater() {
    var event = notice(0).put("type", "party.activity.announced");
    ((ObjectNode) event.get("data")).removeAll().put("anything", 42);
    var underTest = one(event.toString());
    assertThat(underTest.type()).isEqualTo("party.activity.announced");
    assertThat(underTest.data().get("anything").asInt()).isEqualTo(42);
  }

  @Test
  void theTextCheckIsAppliedToASingleEventAndToABatch() {
    CloudEventsReader.TextCheck flagsBell = tree -> {
      var found = new String[1];
      tree.findValues("body").forEach(v -> {
        if (v.asText().contains("\u0007")) found[0] = v.asText();
      });
      return found[0] == null ? Optional.empty() : Optional.of(new String[] {"[1].data.body", "holds a control character"});
    };
    var events = batchOf(2);
    assertThat(CloudEventsReader.batch(Network.PARTY, events.toString(), 10, flagsBell)).hasSize(2);
    ((ObjectNode) events.get(1).get("data")).put("body", "响铃\u0007");
    assertThatThrownBy(() -> CloudEventsReader.batch(Network.PARTY, events.toString(), 10, flagsBell))
        .isInstanceOfSatisfying(BadEvent.class, e -> assertThat(e.field()).isEqualTo("[1].data.body"))
        .hasMessage("[1].data.body: holds a control character");
    var single = notice(0);
    ((ObjectNode) single.get("data")).put("body", "响铃\u0007");
    assertThat(fieldOf(() -> CloudEventsReader.one(Network.PARTY, single.toString(), flagsBell))).isEqualTo("[1].data.body");
  }

  @Test
  void theTimeIsParsedWhenPresentAndEmptyWhenNot() {
    assertThat(one(NOTICE).time()).contains(Instant.parse("2026-05-01T08:00:00Z"));
    assertThat(one(notice(0).put("time", "2026-05-01T16:00:00+08:00").toString()).time())
        .contains(Instant.parse("2026-05-01T08:00:00Z"));
    assertThat(one(notice(0).toString()).time()).isEmpty();
  }

  @Test
  void aMalformedTimeIsRefused() {
    assertThatThrownBy(() -> one(notice(0).put("time", "yesterday").toString())).isInstanceOf(BadEvent.class)
        .hasMessageContaining("\"time\"");
    assertThatThrownBy(() -> one(notice(0).put("time", "2026-05-01T08:00:00").toString())).as("a time without its offset")
        .isInstanceOf(BadEvent.class).hasMessageContaining("\"time\"");
  }

  @Test
  void aMalformedTimeIsNamedAsTheTimeWithItsIndex() {
    assertThat(fieldOf(() -> one(notice(0).put("time", "yesterday").toString()))).isEqualTo("time");
    var events = batchOf(2);
    ((ObjectNode) events.get(1)).put("time", "yesterday");
    assertThat(fieldOf(() -> batch(events))).isEqualTo("[1].time");
  }

  @Test
  void theStoredJsonRoundTripsThroughStored() throws Exception {
    var underTest = one(NOTICE);
    assertThat(JSON.readTree(underTest.json())).as("the event as it arrived").isEqualTo(JSON.readTree(NOTICE));
    var replayed = CloudEventsReader.stored(Network.PARTY, underTest.json());
    assertThat(replayed).isEqualTo(underTest);
    assertThat(replayed.time()).contains(Instant.parse("2026-05-01T08:00:00Z"));
  }
}
