package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.junit.jupiter.api.Test;
import org.sanwang.connectors.push.WebPushConnector;
import org.sanwang.console.auth.Tokens;
import org.sanwang.hub.access.HubSecrets;
import org.sanwang.hub.access.Passwords;
import org.slf4j.LoggerFactory;

/**
 * The data directory and the keys at rest, seen from outside a running embedded hub: the directory
 * and its files are the hub user's alone, the database holds no key that signs anything, an old
 * install's keys that the journal held in clear stop being trusted, and a data directory others may
 * read stops the start.
 */
class KeysAtRestH2Test {
  static final SecureRandom RANDOM = new SecureRandom();

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return true;
    }
    return false;
  }

  /** The embedded database's file, whatever the database is named. */
  static Path h2File(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).findFirst().orElseThrow();
    }
  }

  static Tokens signingWith(String base64Key) {
    return new Tokens(List.of(base64Key), Duration.ofHours(1), Clock.systemUTC());
  }

  @Test
  void aFreshHubKeepsItsDataOwnerOnlyAndNoKeyThatSignsAnythingInItsDatabase() throws Exception {
    Path dir = HubFixture.tempDir();
    try (var node = HubNode.start(HubNode.load(HubFixture.embedded(dir)))) {
      assertThat(mode(dir)).isEqualTo("rwx------");
      try (var all = Files.walk(dir)) {
        var files = all.filter(Files::isRegularFile).toList();
        assertThat(files).contains(HubKeys.file(dir), h2File(dir));
        for (Path f : files) assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------");
      }

      var keys = HubKeys.read(HubKeys.file(dir)).orElseThrow();
      String tokenKey = keys.tokenKeys().get(0);
      Path db = h2File(dir);
      // What the journal records about the keys reaches the file: the scan below would see a key stored there.
      await().atMost(Duration.ofSeconds(30)).until(() -> contains(Files.readAllBytes(db), ascii(keys.vapidPublicKey())));
      byte[] stored = Files.readAllBytes(db);
      assertThat(contains(stored, ascii(tokenKey))).as("the token key in base64").isFalse();
      assertThat(contains(stored, Base64.getDecoder().decode(tokenKey))).as("the token key's bytes").isFalse();
      assertThat(contains(stored, ascii(keys.vapidPrivateKey()))).as("the VAPID private key in base64url").isFalse();
      assertThat(contains(stored, Base64.getUrlDecoder().decode(keys.vapidPrivateKey()))).as("the VAPID private key's bytes")
          .isFalse();
      for (var secret : keys.networkSecrets().entrySet())
        assertThat(contains(stored, ascii(secret.getValue()))).as("the " + secret.getKey() + " network secret").isFalse();

      // The old place of the keys, the hub's secrets in the journal, has nothing left to forge a token with.
      var recorded = ClusterSharding.get(node.system()).entityRefFor(HubSecrets.ENTITY_KEY, HubSecrets.ID)
          .<HubSecrets.State>ask(HubSecrets.GetSecrets::new, Duration.ofSeconds(10)).toCompletableFuture().get();
      assertThat(recorded.toString()).doesNotContain(tokenKey).doesNotContain(keys.vapidPrivateKey());
      assertThat(recorded.tokenKeyFingerprint()).isEqualTo(keys.tokenKeyFingerprints().get(0));

      var withTheKeyFilesKey = new HubClient(node.httpPort()).as(signingWith(tokenKey).issue("admin", HubClient.adminStamp(node.httpPort())).token());
      assertThat(withTheKeyFilesKey.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status())
          .isEqualTo(200);
    }
  }

  @Test
  void anOldInstallsKeysThatTheJournalHeldInClearAreReplacedAndATokenForgedWithTheOldKeyIsRefused() throws Exception {
    Path dir = HubFixture.tempDir();
    var settings = HubFixture.embedded(dir);
    byte[] oldKey = new byte[32];
    RANDOM.nextBytes(oldKey);
    String oldTokenKey = Base64.getEncoder().encodeToString(oldKey);
    var oldVapid = WebPushConnector.generateKeys();
    writeAsTheOlderVersionDid(settings, List.of(
        new HubSecrets.SecretsCreated(oldTokenKey, Passwords.hash(HubFixture.ADMIN_PASSWORD),
            Map.of("party", "p-secret", "governance", "g-secret", "community", "c-secret")),
        new HubSecrets.VapidKeysCreated(oldVapid.publicKey(), oldVapid.privateKey())));
    // The older version left its database as readable as the umask made it: the upgrade first asks for a chmod.
    Path db = h2File(dir);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> HubNode.start(HubNode.load(settings))).hasMessageContaining("chmod 600 " + db.toRealPath());
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));

    var log = new ListAppender<ILoggingEvent>();
    log.start();
    var hubLog = (Logger) LoggerFactory.getLogger(HubNode.class);
    hubLog.addAppender(log);
    try (var node = HubNode.start(HubNode.load(settings))) {
      var forged = new HubClient(node.httpPort()).as(signingWith(oldTokenKey).issue("admin", HubClient.adminStamp(node.httpPort())).token());
      var refused = forged.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan()));
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.contentType()).startsWith("application/problem+json");

      var admin = new HubClient(node.httpPort());
      admin.login("admin", HubFixture.ADMIN_PASSWORD);
      assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
      assertThat(admin.get("/api/v1/push/public-key").body().get("publicKey").asText()).isNotEqualTo(oldVapid.publicKey());

      var keys = HubKeys.read(HubKeys.file(dir)).orElseThrow();
      assertThat(keys.tokenKeys()).doesNotContain(oldTokenKey);
      assertThat(keys.vapidPrivateKey()).isNotEqualTo(oldVapid.privateKey());
      assertThat(keys.networkSecrets().values()).doesNotContain("p-secret", "g-secret", "c-secret");
      assertThat(log.list).filteredOn(e -> e.getLevel().toString().equals("WARN"))
          .extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(line -> assertThat(line).contains("in clear").contains("no longer trusted")
              .contains(HubKeys.file(dir).toString()));
    } finally {
      hubLog.detachAppender(log);
    }
  }

  @Test
  void aHubWhoseDataDirectoryWasMadeReadableByOthersRefusesToStartNamingThePath() throws Exception {
    Path dir = HubFixture.tempDir();
    var settings = HubFixture.embedded(dir);
    try (var node = HubNode.start(HubNode.load(settings))) {
      assertThat(node.httpPort()).isPositive();
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> HubNode.start(HubNode.load(settings)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.toRealPath() + " (rwxr-xr-x)")
        .hasMessageContaining("chmod 700 " + dir.toRealPath());

    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path keyFile = HubKeys.file(dir);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> HubNode.start(HubNode.load(settings)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(keyFile.toRealPath() + " (rw-r--r--)")
        .hasMessageContaining("chmod 600 " + keyFile.toRealPath());
  }

  /** Writes the hub's secrets into a fresh data directory's journal as the version before this one did. */
  static void writeAsTheOlderVersionDid(Map<String, Object> overrides, List<HubSecrets.Event> events) throws Exception {
    Config loaded = HubNode.load(overrides).resolve();
    var settings = HubSettings.from(loaded);
    DataDirectory.prepare(settings.dataDir());
    Database.migrate(settings);
    Config config = ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(Database.persistenceConfig(settings)).withFallback(loaded);
    var kit = ActorTestKit.create("older-version", config);
    try {
      var written = kit.<Done>createTestProbe();
      kit.spawn(new OlderHubSecrets()).tell(new OlderHubSecrets.Write(events, written.ref()));
      written.expectMessage(Duration.ofSeconds(30), Done.getInstance());
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** The HubSecrets entity's journal as an older version wrote it: whatever events it is given. */
  static final class OlderHubSecrets extends EventSourcedBehavior<OlderHubSecrets.Write, HubSecrets.Event, Integer> {
    record Write(List<HubSecrets.Event> events, ActorRef<Done> replyTo) {}

    OlderHubSecrets() {
      super(PersistenceId.of(HubSecrets.ENTITY_KEY.name(), HubSecrets.ID));
    }

    @Override
    public Integer emptyState() {
      return 0;
    }

    @Override
    public CommandHandler<Write, HubSecrets.Event, Integer> commandHandler() {
      return newCommandHandlerBuilder().forAnyState()
          .onCommand(Write.class, (s, c) -> Effect().persist(c.events()).thenRun(after -> c.replyTo().tell(Done.getInstance())))
          .build();
    }

    @Override
    public EventHandler<Integer, HubSecrets.Event> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent((s, e) -> s + 1);
    }
  }
}
