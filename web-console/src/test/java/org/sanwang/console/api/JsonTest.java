package org.sanwang.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanwang.hub.org.FieldError;
import org.sanwang.hub.org.OrgImport;

/**
 * Bodies are parsed once, strictly, and only text the journal can keep gets through. The bodies
 * below carry JSON string escapes (a doubled backslash in the Java literal), as a client sends a
 * lone surrogate: the escape is the only way to put one in well-formed UTF-8.
 */
class JsonTest {
  record Note(String note) {}

  record Tagged(String name, Map<String, String> tags, List<List<String>> nested) {}

  record Counted(Integer count) {}

  private static Problem refused(String body, Class<?> type) {
    var e = catchThrowableOfType(ProblemException.class, () -> Json.parse(body, type));
    assertThat(e).as("parsing %s should be refused", body).isNotNull();
    assertThat(e.problem().status()).isEqualTo(400);
    return e.problem();
  }

  @Test
  void aLoneSurrogateInAValueIsRefusedNamingTheFieldAndWhereItIs() {
    assertThat(refused("{\"note\":\"x\\ud800y\"}", Note.class).detail())
        .isEqualTo("note: contains a lone UTF-16 surrogate at character 1");
    assertThat(refused("{\"note\":\"\\udc00\"}", Note.class).detail())
        .as("a low surrogate alone").isEqualTo("note: contains a lone UTF-16 surrogate at character 0");
    assertThat(refused("{\"note\":\"ab\\ud83d\"}", Note.class).detail())
        .as("a high surrogate at the very end").isEqualTo("note: contains a lone UTF-16 surrogate at character 2");
    assertThat(refused("{\"note\":\"\\ude00\\ud83d\"}", Note.class).detail())
        .as("a pair in the wrong order").isEqualTo("note: contains a lone UTF-16 surrogate at character 0");
  }

  @Test
  void wellFormedTextOutsideTheBasicPlaneAndNewlinesTabsAndCarriageReturnsAreKept() {
    assertThat(Json.parse("{\"note\":\"\\ud83d\\ude00 我马上到 😀\"}", Note.class).note()).isEqualTo("😀 我马上到 😀");
    assertThat(Json.parse("{\"note\":\"第一行\\r\\n第二行\\n\\t缩进\"}", Note.class).note()).isEqualTo("第一行\r\n第二行\n\t缩进");
    assertThat(Json.parse("{\"note\":\"\"}", Note.class).note()).isEmpty();
    assertThat(Json.parse("{\"note\":null}", Note.class).note()).isNull();
  }

  @Test
  void controlCharactersOtherThanNewlineTabAndCarriageReturnAreRefused() {
    assertThat(refused("{\"note\":\"ab\\u0007\"}", Note.class).detail())
        .isEqualTo("note: contains a control character U+0007 at character 2");
    assertThat(refused("{\"note\":\"\\u0000\"}", Note.class).detail()).contains("U+0000");
    assertThat(refused("{\"note\":\"\\u001b[31m\"}", Note.class).detail()).contains("U+001B");
    assertThat(refused("{\"note\":\"a\\u007f\"}", Note.class).detail()).contains("U+007F");
    assertThat(refused("{\"note\":\"a\\u0085\"}", Note.class).detail()).as("C1 next line").contains("U+0085");
  }

  @Test
  void textIsCheckedAtAnyDepthAndTheProblemNamesTheWholePath() {
    String people = "{\"people\":[" + "{\"id\":\"p-0\",\"name\":\"王芳\"},".repeat(3)
        + "{\"id\":\"p-3\",\"name\":\"李\\u0007\",\"roles\":[{\"role\":\"building_head\",\"scope\":\"B\\ud800\"}]}]}";
    var problem = refused(people, OrgImport.class);
    assertThat(problem.errors()).extracting(FieldError::toString).containsExactly(
        "people[3].name: contains a control character U+0007 at character 1",
        "people[3].roles[0].scope: contains a lone UTF-16 surrogate at character 1");
    assertThat(problem.detail()).startsWith("2 problems: people[3].name: ");

    var nested = refused("{\"nested\":[[\"ok\"],[\"ok\",\"\\u0001\"]]}", Tagged.class);
    assertThat(nested.detail()).isEqualTo("nested[1][1]: contains a control character U+0001 at character 0");
  }

  @Test
  void fieldNamesAreCheckedAsWellAsValues() {
    assertThat(refused("{\"name\":\"x\",\"tags\":{\"a\\u0001b\":\"x\"}}", Tagged.class).detail())
        .isEqualTo("tags: a field name contains a control character U+0001 at character 1");
    assertThat(refused("{\"tags\":{\"\\ud800\":\"x\"}}", Tagged.class).detail())
        .isEqualTo("tags: a field name contains a lone UTF-16 surrogate at character 0");
    assertThat(refused("{\"no\\ud800te\":\"x\"}", Note.class).detail())
        .as("checked before the unknown field is, so it is said in plain words")
        .isEqualTo("body: a field name contains a lone UTF-16 surrogate at character 2");
    assertThat(Json.parse("{\"tags\":{\"楼层\":\"三\"}}", Tagged.class).tags()).containsEntry("楼层", "三");
  }

  @Test
  void aHugeDocumentFullOfBadTextReportsAtMostAHundredProblems() {
    String body = "{\"nested\":[[" + String.join(",", java.util.Collections.nCopies(500, "\"\\u0002\"")) + "]]}";
    var problem = refused(body, Tagged.class);
    assertThat(problem.errors()).hasSize(Json.MAX_TEXT_ERRORS);
    assertThat(problem.detail()).startsWith("100 problems: nested[0][0]: ");
  }

  @Test
  void strictnessStaysAsItWasAndEveryProblemNamesTheField() {
    assertThat(refused("{\"note\":\"x\",\"extra\":1}", Note.class).detail())
        .isEqualTo("extra: unknown field; known fields are note");
    assertThat(refused("{\"note\":7}", Note.class).detail()).startsWith("note: wrong type");
    assertThat(refused("{\"count\":\"seven\"}", Counted.class).detail()).startsWith("count: wrong type");
    assertThat(refused("[]", Note.class).detail()).startsWith("body: wrong type or shape");
    assertThat(refused("", Note.class).detail()).isEqualTo("body: a JSON object is required");
    assertThat(refused("null", Note.class).detail()).isEqualTo("body: a JSON object is required");
    assertThat(refused("{\"note\":\"x\"} {}", Note.class).detail()).startsWith("body: unexpected content after the JSON value");
  }

  @Test
  void jacksonsOwnMessagesNeverReachTheClient() {
    var details = List.of(
        refused("{\"note\":\"a\",\"note\":\"b\"}", Note.class).detail(),
        refused("{\"tags\":{\"k\":\"a\",\"k\":\"b\"}}", Tagged.class).detail(),
        refused("{\"note\":\"a\"", Note.class).detail(),
        refused("{\"note\":\"a\u0007\"}", Note.class).detail(),
        refused("{\"count\":99999999999}", Counted.class).detail(),
        refused("{\"districts\":[{\"code\":\"130803\",\"streets\":[null]}]}", OrgImport.class).detail(),
        refused("[".repeat(5000) + "]".repeat(5000), Note.class).detail());
    assertThat(details).allSatisfy(d -> assertThat(d)
        .doesNotContainIgnoringCase("jackson").doesNotContain("`").doesNotContain("com.").doesNotContain("Cannot")
        .doesNotContain("Feature").doesNotContain("ObjectNode").doesNotContain("\n"));
    assertThat(details.get(0)).isEqualTo("note: the field is given twice");
    assertThat(details.get(1)).isEqualTo("tags.k: the field is given twice");
    assertThat(details.get(2)).startsWith("body: malformed JSON at line 1");
    assertThat(details.get(3)).as("a raw control character is not even JSON").startsWith("body: malformed JSON at line 1, column ")
        .endsWith("(in note)");
    assertThat(details.get(4)).isEqualTo("count: the number is out of range for a whole number");
    assertThat(details.get(5)).isEqualTo("districts[0]: not an acceptable value");
    assertThat(details.get(6)).startsWith("body: nested too deeply");
  }

  record Timed(java.time.Duration every, java.time.Instant at, List<Step> steps) {}

  record Step(java.time.Duration after) {}

  @Test
  void aNumberWhereAnIso8601DurationOrTimestampIsRequiredIsRefusedNamingTheField() {
    assertThat(refused("{\"every\":123}", Timed.class).detail())
        .isEqualTo("every: must be an ISO-8601 duration like PT60S, got a number");
    assertThat(refused("{\"steps\":[{\"after\":\"PT0S\"},{\"after\":60}]}", Timed.class).detail())
        .isEqualTo("steps[1].after: must be an ISO-8601 duration like PT60S, got a number");
    assertThat(refused("{\"every\":1.5}", Timed.class).detail())
        .isEqualTo("every: must be an ISO-8601 duration like PT60S, got 1.5");
    assertThat(refused("{\"at\":1763712000}", Timed.class).detail())
        .isEqualTo("at: must be an ISO-8601 UTC timestamp like 2026-11-21T08:00:00Z, got a number");
    assertThat(refused("{\"every\":\"soon\"}", Timed.class).detail())
        .isEqualTo("every: must be an ISO-8601 duration like PT60S, got 'soon'");
    assertThat(refused("{\"every\":{}}", Timed.class).detail())
        .isEqualTo("every: must be an ISO-8601 duration like PT60S, got an object");
    var timed = Json.parse("{\"every\":\"PT60S\",\"at\":\"2026-11-21T08:00:00Z\"}", Timed.class);
    assertThat(timed.every()).isEqualTo(java.time.Duration.ofSeconds(60));
    assertThat(timed.at()).isEqualTo(java.time.Instant.parse("2026-11-21T08:00:00Z"));
  }

  record Device(Integer battery, Long seq) {}

  @Test
  void aFractionWhereAWholeNumberIsRequiredIsRefusedNotTruncated() {
    assertThat(refused("{\"battery\":1.5}", Device.class).detail()).isEqualTo("battery: must be a whole number, got 1.5");
    assertThat(refused("{\"seq\":1.5}", Device.class).detail()).isEqualTo("seq: must be a whole number, got 1.5");
    assertThat(refused("{\"battery\":87.0}", Device.class).detail()).isEqualTo("battery: must be a whole number, got 87.0");
    assertThat(Json.parse("{\"battery\":87,\"seq\":9007199254740993}", Device.class))
        .isEqualTo(new Device(87, 9007199254740993L));
  }

  @Test
  void bodiesMustBeWellFormedUtf8AndTheProblemNamesTheByteOffset() {
    byte[] latin1 = "{\"text\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    var e = catchThrowableOfType(ProblemException.class, () -> Json.utf8(latin1));
    assertThat(e.problem().status()).isEqualTo(400);
    assertThat(e.problem().detail()).isEqualTo("body: not well-formed UTF-8 at byte 12");
    assertThat(catchThrowableOfType(ProblemException.class, () -> Json.utf8(new byte[] {'a', (byte) 0xE6, (byte) 0x88}))
        .problem().detail()).as("a sequence cut short at the end").isEqualTo("body: not well-formed UTF-8 at byte 1");
    assertThat(catchThrowableOfType(ProblemException.class, () -> Json.utf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
        .problem().detail()).as("a surrogate encoded in UTF-8").isEqualTo("body: not well-formed UTF-8 at byte 0");
    assertThat(catchThrowableOfType(ProblemException.class, () -> Json.utf8(new byte[] {(byte) 0xC0, (byte) 0xAF}))
        .problem().detail()).as("an overlong form").isEqualTo("body: not well-formed UTF-8 at byte 0");
    assertThat(Json.utf8("我马上到 😀".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo("我马上到 😀");
    assertThat(Json.utf8(new byte[0])).isEmpty();
  }
}
