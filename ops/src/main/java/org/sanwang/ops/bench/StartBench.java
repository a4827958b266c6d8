package org.sanwang.ops.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.sanwang.ops.bench.ConnectionBench.Opts;

/**
 * Start-up and crash recovery, from outside: the packaged hub as its own process on the bench's
 * PostgreSQL, timed from the process start to {@code /health/ready} answering 200:
 *
 * <ol>
 *   <li>a first start on an empty database (schema created), writing a class-data-sharing archive
 *       of the classes it loaded when it stops ({@code -XX:ArchiveClassesAtExit}, as {@code ops/run} does);
 *   <li>{@code --start-alerts} residents (default 1,000) each press their device over HTTP, so as
 *       many alerts are open; then {@code kill -9};
 *   <li>started again on the same data, without and then with the archive, each killed once ready:
 *       ready, and the time until every open alert is back on {@code GET /api/v1/alerts?state=open}.
 * </ol>
 *
 * Not a test: {@code ops/bench/run --only=start}.
 */
public final class StartBench {
  private StartBench() {}

  public static void main(String[] args) throws Exception {
    var opts = Opts.parse(args);
    Path jar = Path.of(opts.string("jar", "ops/target/sanwang-hub.jar"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    int alerts = opts.integer("start-alerts", 1_000);
    int buildings = Math.max(1, alerts / 10);
    String heap = opts.string("start-heap", "2g");
    var owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    Path dir = Files.createTempDirectory("sanwang-start", owner);
    Path archive = Files.createTempDirectory("sanwang-cds", owner).resolve("hub.jsa");
    int port = LocalHub.freePort();
    var env = System.getenv();
    try {
      long t0 = System.nanoTime();
      try (var hub = LocalHub.start(jar, java, heap, List.of("-XX:ArchiveClassesAtExit=" + archive), env, dir, port)) {
        System.out.printf("first start, empty database (schema created): ready in %.2f s%n", (System.nanoTime() - t0) / 1e9);
        String admin = hub.login();
        hub.send("POST", "/api/v1/org/import", CallPathBench.document(buildings, (alerts + buildings - 1) / buildings));
        long t1 = System.nanoTime();
        press(hub.base, alerts);
        System.out.printf("%,d residents pressed their device: %,d alerts open (%.1f s)%n", alerts, openAlerts(hub.base, admin),
            (System.nanoTime() - t1) / 1e9);
      } // stopped, not killed: the archive is written at exit
      System.out.printf("class-data-sharing archive: %,d MB%n", Files.size(archive) / 1_000_000);

      for (var run : List.of(List.<String>of(), List.of("-XX:SharedArchiveFile=" + archive))) {
        String label = run.isEmpty() ? "without the archive" : "with the archive";
        long t2 = System.nanoTime();
        var hub = LocalHub.start(jar, java, heap, run, env, dir, port);
        double ready = (System.nanoTime() - t2) / 1e9;
        String admin = hub.login();
        LocalHub.until(Duration.ofSeconds(120), () -> openAlerts(hub.base, admin) >= alerts, "every open alert listed");
        double listed = (System.nanoTime() - t2) / 1e9;
        System.out.printf("after kill -9 with %,d open alerts, %s: ready in %.2f s, every open alert listed in %.2f s%n", alerts, label,
            ready, listed);
        System.out.printf("RESULT start=%s ready_s=%.2f alerts_listed_s=%.2f%n", run.isEmpty() ? "plain" : "cds", ready, listed);
        hub.kill();
      }
    } finally {
      LocalHub.deleteTree(dir);
      LocalHub.deleteTree(archive.getParent());
    }
  }

  /** One press on the first (HTTP) device of each of {@code n} residents, 32 at a time; each must be 202. */
  private static void press(String base, int n) throws Exception {
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    var permits = new Semaphore(32);
    var all = new ArrayList<CompletableFuture<?>>();
    for (int i = 0; i < n; i++) {
      String device = CallPathBench.deviceId(i, false);
      permits.acquire();
      var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/" + device + "/call")).timeout(Duration.ofSeconds(60))
          .header("Authorization", "Device " + CallPathBench.secret(device)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"at\":\"" + java.time.Instant.now() + "\",\"seq\":1,\"battery\":90}")).build();
      all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        permits.release();
        if (e != null || r.statusCode() != 202) throw new IllegalStateException("press " + device + ": " + (e != null ? e : r.body()));
      }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
  }

  private static int openAlerts(String base, String token) {
    try {
      var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts?state=open"))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? LocalHub.JSON.readTree(r.body()).path("alerts").size() : 0;
    } catch (Exception e) {
      return 0;
    }
  }
}
