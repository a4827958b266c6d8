package org.sanwang.ops;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this node finds the other nodes of its hub ({@code SANWANG_CLUSTER_DISCOVERY}, management.conf).
 * {@code none}: the seed nodes ({@code SANWANG_SEED_NODES}), or a cluster of one when there are none; the
 * caller joins. {@code kubernetes}: Pekko Management serves this node's contact point on
 * {@code SANWANG_CLUSTER_HOST}:{@code SANWANG_MANAGEMENT_PORT}, and Cluster Bootstrap finds the hub's other
 * pods through the Kubernetes API, joins the cluster they run or, when none runs and enough pods agree,
 * forms it; the caller must not join.
 */
public final class Management {
  private static final Logger log = LoggerFactory.getLogger(Management.class);
  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

  private Management() {}

  public enum Discovery { NONE, KUBERNETES }

  /** The settings of management.conf, checked: every refusal names the environment variable to fix. */
  public record Settings(Discovery discovery, String hostname, int port) {
    public static Settings from(Config config) {
      String name = config.getString("sanwang.cluster.discovery").trim().toLowerCase(Locale.ROOT);
      var discovery = switch (name) {
        case "none" -> Discovery.NONE;
        case "kubernetes" -> Discovery.KUBERNETES;
        default -> throw new IllegalArgumentException("SANWANG_CLUSTER_DISCOVERY (sanwang.cluster.discovery) must be "
            + "none or kubernetes, not '" + config.getString("sanwang.cluster.discovery") + "'");
      };
      int port = port(config);
      if (discovery == Discovery.KUBERNETES) {
        if (config.hasPath("sanwang.cluster.seed-nodes") && !config.getString("sanwang.cluster.seed-nodes").isBlank())
          throw new IllegalArgumentException("SANWANG_SEED_NODES and SANWANG_CLUSTER_DISCOVERY=kubernetes exclude each "
              + "other: Cluster Bootstrap finds the nodes itself, leave SANWANG_SEED_NODES unset");
        for (String other : new String[] {"sanwang.http.port", "sanwang.cluster.port"}) {
          if (config.hasPath(other) && config.getInt(other) == port)
            throw new IllegalArgumentException("SANWANG_MANAGEMENT_PORT (" + port + ") is taken by "
                + (other.equals("sanwang.http.port") ? "SANWANG_HTTP_PORT" : "SANWANG_CLUSTER_PORT") + ": give it a port of its own");
        }
      }
      return new Settings(discovery, config.getString("pekko.management.http.hostname"), port);
    }

    private static int port(Config config) {
      int port;
      try {
        port = config.getInt("sanwang.management.port");
      } catch (ConfigException.WrongType e) {
        throw new IllegalArgumentException("SANWANG_MANAGEMENT_PORT (sanwang.management.port) must be a port number, not '"
            + config.getValue("sanwang.management.port").unwrapped() + "'");
      }
      if (port < 1 || port > 65535)
        throw new IllegalArgumentException("SANWANG_MANAGEMENT_PORT (sanwang.management.port) must be 1 to 65535, not " + port);
      return port;
    }
  }

  /**
   * Starts Pekko Management and Cluster Bootstrap when discovery is {@code kubernetes} (true: the node
   * joins through the bootstrap, so the caller must not join it), or nothing for {@code none} (false).
   * Refuses bad settings (IllegalArgumentException naming the variable), and a node outside a pod (no service
   * account token) or a management port it cannot bind (IllegalStateException), before anything joins.
   */
  public static boolean start(ActorSystem<?> system, Config config) {
    var settings = Settings.from(config);
    if (settings.discovery() == Discovery.NONE) return false;
    requireServiceAccount(config);
    try {
      var uri = PekkoManagement.get(system).start().toCompletableFuture()
          .get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      log.info("Pekko Management at {}; Cluster Bootstrap looks for the pods {} through the Kubernetes API", uri,
          String.format(config.getString("pekko.discovery.kubernetes-api.pod-label-selector"),
              config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting Pekko Management", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("Pekko Management could not bind " + settings.hostname() + ":" + settings.port()
          + " (SANWANG_CLUSTER_HOST, SANWANG_MANAGEMENT_PORT): " + cause, cause);
    }
    ClusterBootstrap.get(system).start();
    return true;
  }

  /** The Kubernetes API discovery reads these files when it starts; without them it fails obscurely, later. */
  private static void requireServiceAccount(Config config) {
    if (!config.getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method").equals("kubernetes-api"))
      return;
    for (String key : List.of("pekko.discovery.kubernetes-api.api-ca-path", "pekko.discovery.kubernetes-api.api-token-path")) {
      Path file = Path.of(config.getString(key));
      if (!Files.isReadable(file))
        throw new IllegalStateException("SANWANG_CLUSTER_DISCOVERY=kubernetes finds the hub's pods through the Kubernetes "
            + "API with the pod's service account, but " + file + " cannot be read: run it in a pod whose service "
            + "account token is mounted (automountServiceAccountToken, ops/k8s/rbac.yaml), or use none");
    }
  }
}
