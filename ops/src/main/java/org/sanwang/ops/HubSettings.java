package org.sanwang.ops;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanwang.console.auth.Throttle;
import org.sanwang.console.auth.TrustedProxies;

/** The distribution's settings ({@code sanwang.*}), read and checked once at start. */
public record HubSettings(
    String httpInterface,
    int httpPort,
    Path dataDir,
    Optional<String> dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    Optional<String> adminPassword,
    boolean demo,
    double simulatorRate,
    Map<String, String> networkSecrets,
    List<String> seedNodes,
    Duration tokenTtl,
    int loginAttempts,
    Duration loginRefill,
    Duration readyProbeEvery,
    Duration importTimeout,
    Duration askTimeout,
    TrustedProxies trustedProxies,
    Throttle.Settings loginThrottle,
    Throttle.Settings deviceThrottle) {

  public boolean postgres() {
    return dbUrl.isPresent();
  }

  public static HubSettings from(Config root) {
    var c = root.getConfig("sanwang");
    try {
      var url = c.getString("db.url").trim();
      if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://"))
        throw new ConfigException.BadValue("sanwang.db.url", "SANWANG_DB_URL must be a jdbc:postgresql:// URL, got " + url);
      String demo = c.getString("demo").trim().toLowerCase();
      boolean demoOn = switch (demo) {
        case "on", "true", "yes", "1" -> true;
        case "off", "false", "no", "0" -> false;
        case "auto", "" -> url.isEmpty();
        default -> throw new ConfigException.BadValue("sanwang.demo", "SANWANG_DEMO must be on, off or auto, got " + demo);
      };
      double rate = c.getDouble("simulator.rate");
      if (rate < 0 || rate > 10_000) throw new ConfigException.BadValue("sanwang.simulator.rate", "must be 0 to 10000");
      int port = c.getInt("http.port");
      if (port < 0 || port > 65535) throw new ConfigException.BadValue("sanwang.http.port", "SANWANG_HTTP_PORT must be 0 to 65535");
      String admin = c.getString("admin-password");
      if (!admin.isEmpty() && admin.length() < 10)
        throw new ConfigException.BadValue("sanwang.admin-password", "SANWANG_ADMIN_PASSWORD must be at least 10 characters");
      var secrets = c.getConfig("network-secrets");
      String seeds = c.getString("cluster.seed-nodes").trim();
      return new HubSettings(
          c.getString("http.interface"),
          port,
          Path.of(c.getString("data-dir")).toAbsolutePath().normalize(),
          url.isEmpty() ? Optional.empty() : Optional.of(url),
          c.getString("db.user"),
          c.getString("db.password"),
          c.getInt("db.pool-size"),
          admin.isEmpty() ? Optional.empty() : Optional.of(admin),
          demoOn,
          rate,
          Map.of("party", secrets.getString("party"), "governance", secrets.getString("governance"),
              "community", secrets.getString("community")),
          seeds.isEmpty() ? List.of() : Arrays.stream(seeds.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
          c.getDuration("http.token-ttl"),
          c.getInt("http.login-attempts"),
          c.getDuration("http.login-refill"),
          c.getDuration("http.ready-probe-every"),
          c.getDuration("http.import-timeout"),
          c.getDuration("ask-timeout"),
          trustedProxies(c.getString("http.trusted-proxies")),
          throttle(c, "login-attempts", "login-attempts-per-address", "login-refill"),
          throttle(c, "device-attempts", "device-attempts-per-address", "device-refill"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("Bad setting: " + e.getMessage(), e);
    }
  }

  private static TrustedProxies trustedProxies(String list) {
    try {
      return TrustedProxies.parse(list);
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue("sanwang.http.trusted-proxies", e.getMessage());
    }
  }

  private static Throttle.Settings throttle(Config c, String attempts, String perAddress, String refill) {
    try {
      return Throttle.Settings.of(c.getInt("http." + attempts), c.getInt("http." + perAddress), c.getDuration("http." + refill),
          c.getDuration("http.lockout"), c.getDuration("http.max-lockout"), c.getInt("http.throttle-max-keys"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue("sanwang.http." + attempts, e.getMessage());
    }
  }
}
