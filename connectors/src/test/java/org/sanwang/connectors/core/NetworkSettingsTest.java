package org.sanwang.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The network edge's settings, read once at start and refused naming the variable (CONTRACT, "Settings"). */
class NetworkSettingsTest {
  /** As ops/src/main/resources/application.conf has it. */
  private static final String SHIPPED = """
      sanwang {
        networks {
          callback {
            party = ""
            party = ${?SANWANG_NETWORK_CALLBACK_PARTY}
            governance = ""
            governance = ${?SANWANG_NETWORK_CALLBACK_GOVERNANCE}
            community = ""
            community = ${?SANWANG_NETWORK_CALLBACK_COMMUNITY}
          }
          feed {
            party = ""
            party = ${?SANWANG_NETWORK_FEED_PARTY}
            governance = ""
            governance = ${?SANWANG_NETWORK_FEED_GOVERNANCE}
            community = ""
            community = ${?SANWANG_NETWORK_FEED_COMMUNITY}
          }
          poll-every = PT5S
          poll-every = ${?SANWANG_NETWORK_POLL_EVERY}
          rate = 2000
          rate = ${?SANWANG_NETWORK_RATE}
          max-batch-events = 1000
          max-batch-bytes = 5242880
          dedup-retention = P35D
          feed-backoff-min = 1s
          feed-backoff-max = 5m
          feed-page = 500
          callback-backoff-min = 5s
          callback-backoff-max = 1h
          callback-give-up-after = P3D
          callback-timeout = 10s
          alert-callbacks-to = "community"
        }
      }
      """;
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Map<String, String> SECRETS = Map.of("party", SECRET, "governance", SECRET, "community", SECRET);

  /** The shipped block with {@code overrides} on top, the environment left out. */
  private static Config config(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseString(SHIPPED))
        .resolve(ConfigResolveOptions.noSystem());
  }

  private static NetworkSettings settings(String overrides) {
    return NetworkSettings.from(config(overrides), SECRETS);
  }

  @Test
  void theShippedSettingsReadAsTheContractWritesThem() {
    var underTest = settings("");
    assertThat(underTest.pollEvery()).isEqualTo(Duration.ofSeconds(5));
    assertThat(underTest.rate()).isEqualTo(2000);
    assertThat(underTest.maxBatchEvents()).isEqualTo(1000);
    assertThat(underTest.maxBatchBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(underTest.dedupRetention()).isEqualTo(Duration.ofDays(35));
    assertThat(underTest.feedBackoffMin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(underTest.feedBackoffMax()).isEqualTo(Duration.ofMinutes(5));
    assertThat(underTest.callbackBackoffMin()).isEqualTo(Duration.ofSeconds(5));
    assertThat(underTest.callbackBackoffMax()).isEqualTo(Duration.ofHours(1));
    assertThat(underTest.callbackGiveUpAfter()).isEqualTo(Duration.ofDays(3));
    assertThat(underTest.callbackTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(underTest.alertCallbacksTo()).contains(Network.COMMUNITY);
    assertThat(underTest.edges()).containsOnlyKeys(Network.values());
    assertThat(underTest.edge(Network.PARTY).callback()).isEmpty();
    assertThat(underTest.edge(Network.PARTY).feed()).isEmpty();
  }

  @Test
  void isoAndHoconDurationsBothParse() {
    var iso = settings("sanwang.networks { poll-every = PT2M, callback-give-up-after = P4D, feed-backoff-max = pt10m }");
    assertThat(iso.pollEvery()).isEqualTo(Duration.ofMinutes(2));
    assertThat(iso.callbackGiveUpAfter()).isEqualTo(Duration.ofDays(4));
    assertThat(iso.feedBackoffMax()).isEqualTo(Duration.ofMinutes(10));
    var hocon = settings("sanwang.networks { poll-every = 2m, callback-give-up-after = 4d, dedup-retention = 30 days }");
    assertThat(hocon.pollEvery()).isEqualTo(Duration.ofMinutes(2));
    assertThat(hocon.callbackGiveUpAfter()).isEqualTo(Duration.ofDays(4));
    assertThat(hocon.dedupRetention()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void aMalformedIsoDurationIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> settings("sanwang.networks.poll-every = P5S")).isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("sanwang.networks.poll-every").hasMessageContaining("PT5S");
  }

  @Test
  void callbackAndFeedUrlsAreReadPerNetwork() {
    var underTest = settings("sanwang.networks.callback.governance = \"https://grid.example.cn/hooks/sanwang\"\n"
        + "sanwang.networks.feed.community = \"http://10.0.0.8:8080/feed\"");
    assertThat(underTest.edge(Network.GOVERNANCE).callback()).contains(URI.create("https://grid.example.cn/hooks/sanwang"));
    assertThat(underTest.edge(Network.COMMUNITY).feed()).contains(URI.create("http://10.0.0.8:8080/feed"));
    assertThat(underTest.edge(Network.PARTY).callback()).isEmpty();
  }

  @Test
  void aBadCallbackUrlIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> settings("sanwang.networks.callback.party = \"ftp://dangjian.example.cn/in\""))
        .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("SANWANG_NETWORK_CALLBACK_PARTY");
    assertThatThrownBy(() -> settings("sanwang.networks.callback.community = \"not a url\""))
        .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("SANWANG_NETWORK_CALLBACK_COMMUNITY");
    assertThatThrownBy(() -> settings("sanwang.networks.feed.governance = \"grid.example.cn/feed\""))
        .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("SANWANG_NETWORK_FEED_GOVERNANCE");
  }

  @Test
  void aRateBelowOneIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> settings("sanwang.networks.rate = 0")).isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("SANWANG_NETWORK_RATE");
  }

  @Test
  void aZeroPollPauseIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> settings("sanwang.networks.poll-every = PT0S")).isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("SANWANG_NETWORK_POLL_EVERY");
  }

  @Test
  void aDedupRetentionUnderThirtyDaysIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> settings("sanwang.networks.dedup-retention = P29D")).isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("sanwang.networks.dedup-retention").hasMessageContaining("30 days");
    assertThatThrownBy(() -> settings("sanwang.networks.dedup-retention = 29d")).isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("sanwang.networks.dedup-retention");
  }

  @Test
  void aBadSecretIsRefusedNamingTheVariableButNotTheValue() {
    String bad = "whsec_tooShort";
    var secrets = Map.of("party", SECRET, "governance", SECRET + "," + bad, "community", SECRET);
    assertThatThrownBy(() -> NetworkSettings.from(config(""), secrets)).isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("SANWANG_NETWORK_SECRET_GOVERNANCE").hasMessageContaining("secret 2")
        .hasMessageNotContaining("tooShort");
    assertThatThrownBy(() -> NetworkSettings.from(config(""), Map.of("party", SECRET, "governance", SECRET)))
        .as("a network without a secret").isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("SANWANG_NETWORK_SECRET_COMMUNITY");
  }

  @Test
  void alertCallbacksGoToNoneOrOneKnownNetwork() {
    assertThat(settings("sanwang.networks.alert-callbacks-to = \"\"").alertCallbacksTo()).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> settings("sanwang.networks.alert-callbacks-to = \"police\"")).isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("sanwang.networks.alert-callbacks-to");
  }
}
