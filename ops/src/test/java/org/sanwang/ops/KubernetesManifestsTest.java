package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * ops/k8s, checked without a cluster: every manifest against the Kubernetes API schema (the models the
 * Kubernetes Java client generates from the API's OpenAPI document refuse a field the schema does not
 * define, a missing required field and a value of the wrong type), then what the hub needs of them.
 */
class KubernetesManifestsTest {
  private static final Path K8S = Files.isDirectory(Path.of("k8s")) ? Path.of("k8s") : Path.of("ops", "k8s");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  @FunctionalInterface
  interface Schema {
    Object check(String json) throws IOException;
  }

  /** The kinds ops/k8s may hold, by apiVersion and kind, each with the schema of that API version. */
  static final Map<String, Schema> SCHEMAS = Map.of(
      "v1/Namespace", V1Namespace::fromJson,
      "v1/ServiceAccount", V1ServiceAccount::fromJson,
      "v1/ConfigMap", V1ConfigMap::fromJson,
      "v1/Service", V1Service::fromJson,
      "apps/v1/Deployment", V1Deployment::fromJson,
      "rbac.authorization.k8s.io/v1/Role", V1Role::fromJson,
      "rbac.authorization.k8s.io/v1/RoleBinding", V1RoleBinding::fromJson,
      "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget::fromJson,
      "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy::fromJson);

  record Manifest(Path file, JsonNode node) {
    String kind() {
      return node.path("kind").asText();
    }

    String name() {
      return node.at("/metadata/name").asText();
    }

    @Override
    public String toString() {
      return file.getFileName() + ": " + kind() + " " + name();
    }
  }

  /** Checks one manifest against the schema of its kind; throws saying what is wrong. */
  static void check(JsonNode manifest) throws IOException {
    String type = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
    var schema = SCHEMAS.get(type);
    if (schema == null) throw new IllegalArgumentException("Not a kind ops/k8s holds: " + type);
    schema.check(JSON.writeValueAsString(manifest));
  }

  static void check(String yaml) throws IOException {
    check(YAML.readTree(yaml));
  }

  static JsonNode kustomization() throws IOException {
    return YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
  }

  static List<Manifest> manifests() throws IOException {
    var all = new ArrayList<Manifest>();
    for (JsonNode resource : kustomization().path("resources")) {
      Path file = K8S.resolve(resource.asText());
      try (var docs = YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class)) {
        while (docs.hasNextValue()) {
          JsonNode doc = docs.nextValue();
          if (doc != null && !doc.isEmpty()) all.add(new Manifest(file, doc));
        }
      }
    }
    return all;
  }

  static JsonNode only(String kind) throws IOException {
    var found = manifests().stream().filter(m -> m.kind().equals(kind)).toList();
    assertThat(found).as("manifests of kind " + kind).hasSize(1);
    return found.get(0).node();
  }

  static JsonNode named(String kind, String name) throws IOException {
    return manifests().stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name)).node();
  }

  static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  static JsonNode podSpec() throws IOException {
    return only("Deployment").at("/spec/template/spec");
  }

  static JsonNode hub() throws IOException {
    return stream(podSpec().path("containers")).filter(c -> c.path("name").asText().equals("hub")).findFirst().orElseThrow();
  }

  static int containerPort(String name) throws IOException {
    return stream(hub().path("ports")).filter(p -> p.path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no container port " + name)).path("containerPort").asInt();
  }

  static String setting(String key) throws IOException {
    JsonNode value = only("ConfigMap").path("data").path(key);
    assertThat(value.isTextual()).as("ConfigMap key " + key).isTrue();
    return value.asText();
  }

  // --- the schema check itself

  @Test
  void everyManifestIsValidAgainstTheKubernetesSchemaOfItsKind() throws IOException {
    var manifests = manifests();
    assertThat(manifests).extracting(Manifest::kind).contains("Deployment", "Service", "ConfigMap", "ServiceAccount",
        "Role", "RoleBinding", "PodDisruptionBudget");
    var failures = new ArrayList<String>();
    for (var m : manifests) {
      try {
        check(m.node());
      } catch (RuntimeException | IOException e) {
        failures.add(m + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: broken}
      spec:
        replicas: 2
        selector: {matchLabels: {app: broken}}
        template:
          metadata: {labels: {app: broken}}
          spec:
            containers:
              - name: hub
                image: sanwang-hub
                readinessProbe:
                  httpGet: {path: /health/ready, port: http}
      """;

  @Test
  void theSchemaCheckPassesAWellFormedDeployment() {
    assertThatCode(() -> check(DEPLOYMENT)).doesNotThrowAnyException();
  }

  @Test
  void theSchemaCheckRefusesAFieldTheSchemaDoesNotDefine() {
    assertThatThrownBy(() -> check(DEPLOYMENT.replace("httpGet: {path", "httpGet: {paht")))
        .hasMessageContaining("paht");
    assertThatThrownBy(() -> check(DEPLOYMENT.replace("replicas: 2", "replica: 2")))
        .hasMessageContaining("replica");
  }

  @Test
  void theSchemaCheckRefusesAValueOfTheWrongType() {
    assertThatThrownBy(() -> check(DEPLOYMENT.replace("replicas: 2", "replicas: two")))
        .hasMessageContaining("two");
    assertThatThrownBy(() -> check(DEPLOYMENT.replace("image: sanwang-hub", "image: [sanwang-hub]")))
        .hasMessageContaining("image");
    assertThatThrownBy(() -> check(DEPLOYMENT.replace("httpGet: {path: /health/ready, port: http}",
        "httpGet: [/health/ready, http]"))).hasMessageContaining("Not a JSON Object");
  }

  @Test
  void theSchemaCheckRefusesAMissingRequiredField() {
    assertThatThrownBy(() -> check(DEPLOYMENT.replace("  selector: {matchLabels: {app: broken}}\n", "")))
        .hasMessageContaining("selector");
  }

  @Test
  void theSchemaCheckRefusesAnApiVersionOpsK8sDoesNotUse() {
    assertThatThrownBy(() -> check(DEPLOYMENT.replace("apps/v1", "extensions/v1beta1")))
        .hasMessageContaining("extensions/v1beta1/Deployment");
  }

  // --- kustomize

  @Test
  void theKustomizationListsEveryManifestFileAndOnlyFilesThatExist() throws IOException {
    var k = kustomization();
    assertThat(k.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
    assertThat(k.path("kind").asText()).isEqualTo("Kustomization");
    var fields = new HashSet<String>();
    k.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).isSubsetOf("apiVersion", "kind", "namespace", "labels", "resources", "images", "configMapGenerator",
        "secretGenerator", "patches", "replicas");
    var listed = stream(k.path("resources")).map(JsonNode::asText).toList();
    for (String r : listed) assertThat(K8S.resolve(r)).isRegularFile();
    try (var files = Files.list(K8S)) {
      var yamls = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
          .filter(n -> !n.equals("kustomization.yaml")).toList();
      assertThat(listed).containsExactlyInAnyOrderElementsOf(yamls);
    }
    assertThat(stream(k.path("images")).map(i -> i.path("name").asText())).containsExactly("sanwang-hub");
  }

  @Test
  void everyNamespacedManifestIsInTheKustomizationsNamespace() throws IOException {
    String namespace = kustomization().path("namespace").asText();
    assertThat(named("Namespace", namespace)).isNotNull();
    for (var m : manifests()) {
      if (m.kind().equals("Namespace")) continue;
      assertThat(m.node().at("/metadata/namespace").asText()).as(m.toString()).isEqualTo(namespace);
    }
  }

  // --- what the hub needs

  @Test
  void probesUseTheHubsHealthEndpointsOnItsHttpPort() throws IOException {
    var hub = hub();
    assertThat(hub.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
    assertThat(hub.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/alive");
    assertThat(hub.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/alive");
    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe"))
      assertThat(hub.path(probe).at("/httpGet/port").asText()).as(probe).isEqualTo("http");
    assertThat(containerPort("http")).isEqualTo(Integer.parseInt(setting("SANWANG_HTTP_PORT")));
    assertThat(setting("SANWANG_HTTP_INTERFACE")).isEqualTo("0.0.0.0");
    assertThat(hub.at("/envFrom/0/configMapRef/name").asText()).isEqualTo(only("ConfigMap").at("/metadata/name").asText());
  }

  @Test
  void clusterBootstrapFindsThePodsByTheLabelAndPortNameOfManagementConf() throws IOException {
    Config management = ManagementTest.config(Map.of());
    String selector = String.format(management.getString("pekko.discovery.kubernetes-api.pod-label-selector"),
        management.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name"));
    String[] label = selector.split("=", 2);
    assertThat(only("Deployment").at("/spec/template/metadata/labels").path(label[0]).asText()).isEqualTo(label[1]);

    String portName = management.getString("pekko.management.cluster.bootstrap.contact-point-discovery.port-name");
    assertThat(containerPort(portName)).isEqualTo(Integer.parseInt(setting("SANWANG_MANAGEMENT_PORT")));
    assertThat(containerPort("remoting")).isEqualTo(Integer.parseInt(setting("SANWANG_CLUSTER_PORT")));
    assertThat(setting("SANWANG_CLUSTER_DISCOVERY")).isEqualTo("kubernetes");
    assertThat(Integer.parseInt(setting("SANWANG_BOOTSTRAP_CONTACT_POINTS")))
        .isBetween(1, only("Deployment").at("/spec/replicas").asInt());
    JsonNode host = stream(hub().path("env")).filter(e -> e.path("name").asText().equals("SANWANG_CLUSTER_HOST"))
        .findFirst().orElseThrow();
    assertThat(host.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("status.podIP");
  }

  @Test
  void thePodsAccountMayGetWatchAndListPodsAndNothingElse() throws IOException {
    String account = podSpec().path("serviceAccountName").asText();
    assertThat(named("ServiceAccount", account)).isNotNull();
    assertThat(podSpec().path("automountServiceAccountToken").asBoolean(true)).isTrue();
    var binding = only("RoleBinding");
    assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(account);
    assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
    var rules = named("Role", binding.at("/roleRef/name").asText()).path("rules");
    assertThat(rules).hasSize(1);
    assertThat(stream(rules.at("/0/apiGroups")).map(JsonNode::asText)).containsExactly("");
    assertThat(stream(rules.at("/0/resources")).map(JsonNode::asText)).containsExactly("pods");
    assertThat(stream(rules.at("/0/verbs")).map(JsonNode::asText)).containsExactlyInAnyOrder("get", "watch", "list");
  }

  @Test
  void aRollingUpdateAddsANodeBeforeOneLeavesAndGivesItTimeToHandItsShardsOver() throws IOException {
    var deployment = only("Deployment");
    assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
    assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(-1)).isZero();
    assertThat(deployment.at("/spec/strategy/rollingUpdate/maxSurge").asInt()).isEqualTo(1);
    assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(3).isOdd();
    int grace = podSpec().path("terminationGracePeriodSeconds").asInt();
    int preStop = hub().at("/lifecycle/preStop/sleep/seconds").asInt();
    assertThat(grace - preStop).as("time left for CoordinatedShutdown").isGreaterThanOrEqualTo(45);
  }

  @Test
  void disruptionsTakeOnePodAtATime() throws IOException {
    var budget = only("PodDisruptionBudget");
    assertThat(budget.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    assertThat(budget.at("/spec/selector/matchLabels")).isEqualTo(only("Deployment").at("/spec/selector/matchLabels"));
  }

  @Test
  void theServicesReachTheHubsPortsByName() throws IOException {
    var podLabels = only("Deployment").at("/spec/template/metadata/labels");
    var http = named("Service", "sanwang-hub");
    assertThat(http.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    var headless = manifests().stream().map(Manifest::node).filter(n -> n.path("kind").asText().equals("Service"))
        .filter(n -> n.at("/spec/clusterIP").asText().equals("None")).findFirst().orElseThrow();
    assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
    var internal = stream(headless.at("/spec/ports")).map(p -> p.path("targetPort").asText()).toList();
    assertThat(internal).containsExactlyInAnyOrder("management", "remoting");
    for (var m : manifests()) {
      if (!m.kind().equals("Service")) continue;
      m.node().at("/spec/selector").fields().forEachRemaining(e ->
          assertThat(podLabels.path(e.getKey()).asText()).as(m.toString()).isEqualTo(e.getValue().asText()));
    }
  }

  @Test
  void podsRunAsNonRootOnAReadOnlyRootFilesystemWithNoCapabilities() throws IOException {
    var pod = podSpec();
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    var containers = new ArrayList<JsonNode>();
    pod.path("initContainers").forEach(containers::add);
    pod.path("containers").forEach(containers::add);
    assertThat(containers).hasSizeGreaterThanOrEqualTo(2);
    for (var c : containers) {
      String name = c.path("name").asText();
      assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
      assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
      assertThat(stream(c.at("/securityContext/capabilities/drop")).map(JsonNode::asText)).as(name).containsExactly("ALL");
      for (String r : List.of("/resources/requests/cpu", "/resources/requests/memory", "/resources/limits/memory"))
        assertThat(c.at(r).isMissingNode()).as(name + r).isFalse();
    }
  }

  @Test
  void theHeapIsOneGibibyteWithRoomAboveItInTheMemoryLimit() throws IOException {
    var hub = hub();
    String options = stream(hub.path("env")).filter(e -> e.path("name").asText().equals("JAVA_TOOL_OPTIONS"))
        .findFirst().orElseThrow().path("value").asText();
    assertThat(options).contains("-Xmx1g");
    long limit = new Quantity(hub.at("/resources/limits/memory").asText()).getNumber().longValueExact();
    assertThat(limit).isGreaterThanOrEqualTo((1L << 30) + (512L << 20));
    assertThat(hub.at("/resources/requests/memory").asText()).isEqualTo(hub.at("/resources/limits/memory").asText());
  }

  @Test
  void noSecretValueIsCommitted() throws IOException {
    assertThat(manifests()).extracting(Manifest::kind).doesNotContain("Secret");
    assertThat(kustomization().has("secretGenerator")).isFalse();
    Set<String> secretish = Set.of("PASSWORD", "SECRET", "TOKEN", "KEY");
    only("ConfigMap").path("data").fieldNames().forEachRemaining(k ->
        assertThat(secretish.stream().noneMatch(k::contains)).as("ConfigMap key " + k).isTrue());
    var containers = new ArrayList<JsonNode>();
    podSpec().path("initContainers").forEach(containers::add);
    podSpec().path("containers").forEach(containers::add);
    for (var c : containers) {
      for (var e : c.path("env")) {
        String name = e.path("name").asText();
        if (secretish.stream().anyMatch(name::contains))
          assertThat(e.at("/valueFrom/secretKeyRef/name").isTextual()).as(name + " from a Secret").isTrue();
      }
    }
  }

  @Test
  void theKeyFileComesFromASecretReadOnlyAndOwnerOnly() throws IOException {
    var volume = stream(podSpec().path("volumes")).filter(v -> v.has("secret")).findFirst().orElseThrow();
    assertThat(volume.at("/secret/defaultMode").asInt()).isEqualTo(0400);
    assertThat(stream(volume.at("/secret/items")).map(i -> i.path("path").asText())).containsExactly(HubKeys.FILE_NAME);
    var mounts = new ArrayList<JsonNode>();
    for (var c : podSpec().path("initContainers")) c.path("volumeMounts").forEach(mounts::add);
    for (var c : podSpec().path("containers")) c.path("volumeMounts").forEach(mounts::add);
    var keyMounts = mounts.stream().filter(m -> m.path("name").asText().equals(volume.path("name").asText())).toList();
    assertThat(keyMounts).isNotEmpty().allSatisfy(m -> assertThat(m.path("readOnly").asBoolean()).isTrue());
    // The init container copies it into the data directory, where the hub reads it.
    String dataDir = setting("SANWANG_DATA_DIR");
    String copy = String.join(" ", stream(podSpec().at("/initContainers/0/command")).map(JsonNode::asText).toList());
    assertThat(copy).contains("umask 077").contains(dataDir + "/" + HubKeys.FILE_NAME);
  }
}
