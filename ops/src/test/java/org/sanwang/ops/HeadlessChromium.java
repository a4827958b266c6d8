package org.sanwang.ops;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium for the browser tests (binary and driver from SANWANG_TEST_CHROMIUM and
 * SANWANG_TEST_CHROMEDRIVER): starting it, screenshots into target/screenshots, and what in its log
 * counts as a page problem.
 */
final class HeadlessChromium {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private HeadlessChromium() {}

  /** A fresh browser (its own profile, the whole browser log kept) with a window of {@code width}×{@code height}. */
  static ChromeDriver start(int width, int height, String... extraArguments) throws IOException {
    String chromium = HubFixture.requiredEnv("SANWANG_TEST_CHROMIUM");
    String chromedriver = HubFixture.requiredEnv("SANWANG_TEST_CHROMEDRIVER");
    var options = new ChromeOptions();
    options.setBinary(chromium);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=" + width + "," + height, "--user-data-dir=" + Files.createTempDirectory("chromium"));
    options.addArguments(extraArguments);
    // Not usingAnyFreePort(): Selenium's PortProber picks below the ephemeral range, and where that range starts
    // at 1024 (as on this machine) it tries port 1024 alone, five times, and fails while any client holds it.
    int port;
    try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).usingPort(port).build();
    var browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(width, height));
    return browser;
  }

  /** What the page shows now, as target/screenshots/{@code name}. */
  static void screenshot(ChromeDriver browser, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The browser log since it was last read (reading empties it), entries that are problems only:
   * refusals under the Content-Security-Policy, SEVERE entries, uncaught script errors and Vue warnings.
   */
  static List<String> problems(ChromeDriver browser) {
    var problems = new ArrayList<String>();
    for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER).getAll()) {
      String m = entry.getMessage();
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
          || m.contains("Content Security Policy") || m.contains("Content-Security-Policy")
          || m.contains("Uncaught") || m.contains("TypeError") || m.contains("SyntaxError")
          || m.contains("ReferenceError") || m.contains("[Vue warn]"))
        problems.add(entry.toString());
    }
    return problems;
  }
}
