package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap$;
import org.apache.pekko.management.scaladsl.PekkoManagement$;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagementTest {
  private static final int MANAGEMENT_PORT = freePort();

  /** What a node reads: management.conf (the lead includes it in application.conf), then application.conf. */
  static Config config(Map<String, Object> overrides) {
    return ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.parseResources("management.conf"))
        .withFallback(ConfigFactory.parseResources("application.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  private static Config kubernetes(Map<String, Object> more) {
    var overrides = new HashMap<String, Object>(Map.of("sanwang.cluster.discovery", "kubernetes"));
    overrides.putAll(more);
    return config(overrides);
  }

  // A cluster node on loopback as HubNode starts it, management on a free port. There is no Kubernetes API
  // here: Cluster Bootstrap takes its contact points (none) from configuration instead.
  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withName("sanwang").withCustomConfig(
      config(Map.of("pekko.remote.artery.canonical.port", 0,
          "sanwang.management.port", MANAGEMENT_PORT,
          "pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method", "config",
          "pekko.discovery.config.services.sanwang-hub.endpoints", List.of()))).build();

  @Test
  void discoveryIsNoneUnlessSet() {
    var underTest = Management.Settings.from(config(Map.of()));

    assertThat(underTest.discovery()).isEqualTo(Management.Discovery.NONE);
  }

  @Test
  void kubernetesIsReadWhateverItsCaseAndSpaces() {
    var underTest = Management.Settings.from(config(Map.of("sanwang.cluster.discovery", " Kubernetes ")));

    assertThat(underTest.discovery()).isEqualTo(Management.Discovery.KUBERNETES);
  }

  @Test
  void managementListensOnTheClusterHostAndPort8558ByDefault() {
    var underTest = Management.Settings.from(kubernetes(Map.of("sanwang.cluster.hostname", "10.1.2.3")));

    assertThat(underTest.hostname()).isEqualTo("10.1.2.3");
    assertThat(underTest.port()).isEqualTo(8558);
  }

  @Test
  void theManagementPortIsSetByItsOwnKey() {
    var underTest = Management.Settings.from(kubernetes(Map.of("sanwang.management.port", "9558")));

    assertThat(underTest.port()).isEqualTo(9558);
  }

  @Test
  void bootstrapLooksForTheHubsPodsThroughTheKubernetesApi() {
    var c = config(Map.of());
    var discovery = c.getConfig("pekko.management.cluster.bootstrap.contact-point-discovery");

    assertThat(discovery.getString("discovery-method")).isEqualTo("kubernetes-api");
    assertThat(String.format(c.getString("pekko.discovery.kubernetes-api.pod-label-selector"),
        discovery.getString("service-name"))).isEqualTo("app=sanwang-hub");
    assertThat(discovery.getString("port-name")).isEqualTo("management");
    assertThat(discovery.getInt("required-contact-point-nr")).isEqualTo(2);
    assertThat(c.getBoolean("pekko.management.http.route-providers-read-only")).isTrue();
    assertThatCode(() -> Class.forName(c.getString("pekko.discovery.kubernetes-api.class"))).doesNotThrowAnyException();
  }

  @Test
  void anotherDiscoveryIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> Management.Settings.from(config(Map.of("sanwang.cluster.discovery", "dns"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SANWANG_CLUSTER_DISCOVERY")
        .hasMessageContaining("'dns'");
  }

  @Test
  void seedNodesAndKubernetesDiscoveryAreRefusedTogether() {
    assertThatThrownBy(() -> Management.Settings.from(kubernetes(Map.of("sanwang.cluster.seed-nodes",
        "pekko://sanwang@10.0.0.1:25520"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SANWANG_SEED_NODES");
  }

  @Test
  void seedNodesWithoutKubernetesDiscoveryAreNoConcernOfManagement() {
    var underTest = Management.Settings.from(config(Map.of("sanwang.cluster.seed-nodes", "pekko://sanwang@10.0.0.1:25520")));

    assertThat(underTest.discovery()).isEqualTo(Management.Discovery.NONE);
  }

  @Test
  void aManagementPortThatIsNoNumberIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> Management.Settings.from(kubernetes(Map.of("sanwang.management.port", "eighty"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SANWANG_MANAGEMENT_PORT")
        .hasMessageContaining("'eighty'");
  }

  @Test
  void aManagementPortOutOfRangeIsRefused() {
    assertThatThrownBy(() -> Management.Settings.from(kubernetes(Map.of("sanwang.management.port", 70000))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SANWANG_MANAGEMENT_PORT")
        .hasMessageContaining("70000");
  }

  @Test
  void theHttpPortCannotServeAsManagementPort() {
    assertThatThrownBy(() -> Management.Settings.from(kubernetes(Map.of("sanwang.management.port", 8080,
        "sanwang.http.port", 8080))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SANWANG_MANAGEMENT_PORT")
        .hasMessageContaining("SANWANG_HTTP_PORT");
  }

  @Test
  @Order(1)
  void aBadDiscoveryIsRefusedBeforeAnythingStarts() {
    assertThatThrownBy(() -> Management.start(testKit.system(), config(Map.of("sanwang.cluster.discovery", "consul"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SANWANG_CLUSTER_DISCOVERY");
    assertThat(started()).isFalse();
  }

  @Test
  @Order(1)
  void withoutDiscoveryNothingStartsAndTheCallerJoins() {
    boolean bootstrapping = Management.start(testKit.system(), testKit.system().settings().config());

    assertThat(bootstrapping).isFalse();
    assertThat(started()).isFalse();
  }

  @Test
  @Order(1)
  void outsideAPodKubernetesDiscoveryIsRefusedNamingTheServiceAccountToken(@TempDir Path noPod) {
    Config c = ConfigFactory.parseMap(Map.of("sanwang.cluster.discovery", "kubernetes",
        "pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method", "kubernetes-api",
        "pekko.discovery.kubernetes-api.api-ca-path", noPod.resolve("ca.crt").toString(),
        "pekko.discovery.kubernetes-api.api-token-path", noPod.resolve("token").toString()))
        .withFallback(testKit.system().settings().config());

    assertThatThrownBy(() -> Management.start(testKit.system(), c))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(noPod.resolve("ca.crt").toString())
        .hasMessageContaining("automountServiceAccountToken");
    assertThat(started()).isFalse();
  }

  @Test
  @Order(2)
  void withKubernetesDiscoveryManagementAnswersOnItsPortAndBootstrapRuns() throws Exception {
    Config c = ConfigFactory.parseMap(Map.of("sanwang.cluster.discovery", "kubernetes"))
        .withFallback(testKit.system().settings().config());

    boolean bootstrapping = Management.start(testKit.system(), c);

    assertThat(bootstrapping).isTrue();
    assertThat(started()).isTrue();
    var http = HttpClient.newHttpClient();
    var alive = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/alive")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(alive.statusCode()).isEqualTo(200);
    // Cluster Bootstrap's route: other pods ask each contact point which seed nodes it knows.
    var seeds = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/bootstrap/seed-nodes")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(seeds.statusCode()).isEqualTo(200);
    assertThat(seeds.body()).contains("\"selfNode\"").contains("pekko://sanwang@127.0.0.1");
    // Read-only: the cluster HTTP routes answer GET, and no member can be downed through them.
    var down = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/cluster/members/"
        + "pekko://sanwang@127.0.0.1:1")).PUT(HttpRequest.BodyPublishers.ofString("operation=Down")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(down.statusCode()).isIn(404, 405);
  }

  private boolean started() {
    var classic = (ExtendedActorSystem) testKit.system().classicSystem();
    return classic.hasExtension(PekkoManagement$.MODULE$) || classic.hasExtension(ClusterBootstrap$.MODULE$);
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
