package org.sanwang.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every code the hub sends has a label in both languages, and a refused action is named by how the alert stands. */
class ProblemCodesTest {
  @Test
  void everyCodeHasALabelInChineseAndInEnglish() throws Exception {
    String labels = Files.readString(Path.of("frontend/src/shared/problemCodes.ts"), StandardCharsets.UTF_8);
    int english = labels.indexOf("\n  en: {");
    assertThat(english).as("the en block").isPositive();
    for (String code : ProblemCodes.ALL) {
      assertThat(labels.substring(0, english)).as("zh-CN label of " + code).contains("'" + code + "':");
      assertThat(labels.substring(english)).as("en label of " + code).contains("'" + code + "':");
    }
  }

  @Test
  void aRefusedActionIsNamedByTheAlertsState() {
    assertThat(ProblemCodes.alertRefusal("resolved", "arrive")).isEqualTo("alert.closed");
    assertThat(ProblemCodes.alertRefusal("cancelled", "cancel")).isEqualTo("alert.closed");
    assertThat(ProblemCodes.alertRefusal("acknowledged", "acknowledge")).isEqualTo("alert.already_acknowledged");
    assertThat(ProblemCodes.alertRefusal("arrived", "acknowledge")).isEqualTo("alert.already_arrived");
    assertThat(ProblemCodes.alertRefusal("arrived", "arrive")).isEqualTo("alert.already_arrived");
    assertThat(ProblemCodes.alertRefusal(null, "resolve")).isEqualTo("alert.not_raised");
    assertThat(ProblemCodes.alertRefusal("raised", "resolve")).isEqualTo("alert.conflict");
  }

  @Test
  void aCodeAppearsOnlyWhenThereIsOne() throws Exception {
    assertThat(Json.MAPPER.writeValueAsString(Problem.of(409, "Conflict", "state: x"))).doesNotContain("code");
    assertThat(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(ProblemException.conflict("state: x", "alert.closed").problem()))
        .get("code").asText()).isEqualTo("alert.closed");
  }
}
