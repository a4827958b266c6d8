package org.sanwang.connectors.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sanwang.hub.device.DeviceMessage;

/** The MQTT device payload is read as the HTTP device API reads it: whole numbers whole, timestamps as ISO-8601 text. */
class DevicesMapperTest {
  private static DeviceMessage read(String payload) throws IOException {
    return DevicesMapper.message(payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aWellFormedPayloadIsReadAndAnEmptyOneIsABarePress() throws IOException {
    assertThat(read("{\"at\":\"2026-11-21T08:00:00Z\",\"battery\":87,\"seq\":123}"))
        .isEqualTo(new DeviceMessage(Instant.parse("2026-11-21T08:00:00Z"), 87, 123L));
    assertThat(read("")).isEqualTo(DeviceMessage.EMPTY);
    assertThat(read("{\"seq\":1,\"firmware\":\"2.1\"}").seq()).as("a field a newer firmware adds is ignored").isEqualTo(1L);
  }

  @Test
  void aFractionForTheBatteryOrTheSequenceIsRefusedNamingTheField() {
    assertThatThrownBy(() -> read("{\"battery\":1.5}")).isInstanceOf(IOException.class)
        .hasMessage("battery: must be a whole number, got 1.5");
    assertThatThrownBy(() -> read("{\"seq\":1.5}")).isInstanceOf(IOException.class)
        .hasMessage("seq: must be a whole number, got 1.5");
    assertThatThrownBy(() -> read("{\"battery\":87.0}")).as("even a whole value written as a fraction")
        .isInstanceOf(IOException.class).hasMessageStartingWith("battery: must be a whole number");
  }

  @Test
  void aNumberForTheTimestampIsRefusedNamingTheField() {
    assertThatThrownBy(() -> read("{\"at\":1763712000}")).isInstanceOf(IOException.class)
        .hasMessageContaining("at: must be an ISO-8601 UTC timestamp");
  }

  @Test
  void valuesOutOfRangeAreRefusedAsBefore() {
    assertThatThrownBy(() -> read("{\"battery\":101}")).isInstanceOf(IOException.class).hasMessageContaining("battery");
  }
}
