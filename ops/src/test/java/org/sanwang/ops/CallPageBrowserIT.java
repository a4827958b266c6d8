package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

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
    node = HubNode.start(HubNode.load(HubFixture.embedded(HubFixture.tempDir())));
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);
    browser = HeadlessChromium.start(390, 844, "--force-device-scale-factor=1");
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
    HeadlessChromium.screenshot(browser, "call-page-390.png");

    browser.findElement(By.id("call")).click();

    await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/v1/alerts?state=open").body().get("alerts")
        .findValuesAsText("deviceId").contains("phone-r-001"));
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("state")).getText().contains("已收到"));
    HeadlessChromium.screenshot(browser, "call-page-pressed-390.png");
    assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
        .isLessThanOrEqualTo(0L);
    assertThat(HeadlessChromium.problems(browser)).as("browser log").isEmpty();
  }
}
