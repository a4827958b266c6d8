package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The resident's big-button page ({@code /call/{token}}, plain ES5, no framework) in Debian's headless
 * Chromium at phone size: a personal link opens it with the resident's name, one press raises the
 * call in the hub, and the page says it was received. No page errors, no CSP refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallPageBrowserIT {
  private HubNode node;
  private ChromeDriver browser;

  @BeforeAll
  void start() throws Exception {
    String chromium = HubFixture.requiredEnv("SANWANG_TEST_CHROMIUM");
    String chromedriver = HubFixture.requiredEnv("SANWANG_TEST_CHROMEDRIVER");
    node = HubNode.start(HubNode.load(HubFixture.embedded(HubFixture.tempDir())));
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
    var options = new ChromeOptions();
    options.setBinary(chromium);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=390,844",
        "--force-device-scale-factor=1", "--user-data-dir=" + Files.createTempDirectory("chromium"));
    var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(390, 844));
  }

  @AfterAll
  void stop() {
    if (browser != null) browser.quit();
    if (node != null) node.close();
  }

  @Test
  void theResidentsBigButtonPageCallsFromTheBrowser() throws Exception {
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    var link = admin.post("/api/v1/residents/r-001/call-links", Map.of());
    assertThat(link.status()).as(link.raw()).isEqualTo(201);
    browser.get("http://127.0.0.1:" + node.httpPort() + link.body().get("url").asText());
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("who")).getText().contains("李大爷"));
    screenshot("call-page-390.png");

    browser.findElement(By.id("call")).click();

    await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/v1/alerts?state=open").body().get("alerts")
        .findValuesAsText("deviceId").contains("phone-r-001"));
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("state")).getText().contains("已收到"));
    screenshot("call-page-pressed-390.png");
    assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
        .isLessThanOrEqualTo(0L);
    var problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue() || e.getMessage().contains("Content Security Policy"))
        .map(LogEntry::toString).toList();
    assertThat(problems).isEmpty();
  }

  private void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
