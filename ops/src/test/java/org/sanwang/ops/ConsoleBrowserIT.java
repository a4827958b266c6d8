package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real headless Chromium (Debian's, driven by Selenium): log in, see the district,
 * a call raised through the device API appears on the alert board, acknowledging it in the browser
 * changes it in the API and on the device's ack topic, and the language switches. Screenshots go to
 * target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {
  private HubNode node;
  private ChromeDriver browser;
  private MqttClient device;
  private final List<JsonNode> acks = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    String chromium = HubFixture.requiredEnv("SANWANG_TEST_CHROMIUM");
    String chromedriver = HubFixture.requiredEnv("SANWANG_TEST_CHROMEDRIVER");
    String broker = HubFixture.requiredEnv("SANWANG_TEST_MQTT_URL");
    var settings = HubFixture.postgres(HubFixture.tempDir());
    settings.put("sanwang.mqtt.url", broker);
    settings.put("sanwang.mqtt.client-id", "sanwang-hub-browser-" + System.nanoTime());
    node = HubNode.start(HubNode.load(settings));
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    assertThat(admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.shuangan())).status()).isEqualTo(200);

    device = new MqttClient(broker, "dev-0001-browser-" + System.nanoTime(), new MemoryPersistence());
    device.connect();
    device.subscribe("sanwang/v1/devices/dev-0001/ack", 1, (topic, msg) -> acks.add(HubClient.JSON.readTree(msg.getPayload())));

    var options = new ChromeOptions();
    options.setBinary(chromium);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
        "--user-data-dir=" + Files.createTempDirectory("chromium"));
    var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) browser.quit();
    if (device != null && device.isConnected()) device.disconnect();
    if (node != null) node.close();
  }

  private void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Each test starts with no open call. */
  @org.junit.jupiter.api.BeforeEach
  void resolveOpenCalls() {
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    for (var id : admin.get("/api/v1/alerts?state=open").body().get("alerts").findValuesAsText("id"))
      admin.post("/api/v1/alerts/" + id + "/resolve", Map.of("note", "test set-up"));
  }

  /** The pages run under the hub's Content-Security-Policy (no inline script or style): the browser refuses nothing. */
  @org.junit.jupiter.api.AfterEach
  void theBrowserRefusedNothingUnderTheContentSecurityPolicy() {
    var refused = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .map(org.openqa.selenium.logging.LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy")).toList();
    assertThat(refused).isEmpty();
  }

  /** Presses dev-0001; right after the set-up resolved its call this opens a new alert. */
  private String raiseCall() {
    var r = new HubClient(node.httpPort()).device("dev-0001", "device-secret-0001-abcdef", "call", "");
    assertThat(r.status()).isEqualTo(202);
    var body = r.body();
    assertThat(body.get("state").asText()).isEqualTo("raised");
    return body.get("alertId").asText();
  }

  private boolean shown(By by) {
    return !browser.findElements(by).isEmpty() && browser.findElement(by).isDisplayed();
  }

  @Test
  void aCallAppearsOnTheBoardAndIsAcknowledgedInTheBrowser() throws Exception {
    browser.get("http://127.0.0.1:" + node.httpPort() + "/");
    browser.findElement(By.id("username")).sendKeys("admin");
    browser.findElement(By.id("password")).sendKeys(HubFixture.ADMIN_PASSWORD);
    browser.findElement(By.cssSelector("#login button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(15)).until(() -> shown(By.cssSelector("#tree button"))
        && browser.findElement(By.cssSelector("#tree button")).getText().contains("双滦区"));
    assertThat(browser.findElement(By.id("alerts")).getText()).contains("目前没有未处理的呼叫");
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("figures-table")).getText().contains("双安社区"));

    // The live traffic counter moves while the simulator posts.
    org.sanwang.ops.demo.TrafficSimulator.start(node.system(), node.directory(), 20);
    await().atMost(Duration.ofSeconds(15)).until(() -> Integer.parseInt(browser.findElement(By.id("traffic-total")).getText()) > 5);
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.cssSelector("#traffic-messages li")).size() > 3);
    int before = Integer.parseInt(browser.findElement(By.id("traffic-total")).getText());
    await().atMost(Duration.ofSeconds(10)).until(() -> Integer.parseInt(browser.findElement(By.id("traffic-total")).getText()) != before);

    acks.clear();
    String alertId = raiseCall();

    By card = By.cssSelector("li[data-alert='" + alertId + "']");
    await().atMost(Duration.ofSeconds(10)).until(() -> shown(card));
    assertThat(browser.findElement(card).getText()).contains("李大爷").contains("待响应");
    assertThat(browser.findElement(By.id("alert-announce")).getAttribute("textContent")).contains("李大爷");
    screenshot("console-alert.png");

    browser.findElement(card).findElement(By.cssSelector("button[data-action=acknowledge]")).click();
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        admin.get("/api/v1/alerts/" + alertId).body().get("state").asText().equals("acknowledged"));
    await().atMost(Duration.ofSeconds(10)).until(() -> acks.stream().anyMatch(a -> a.get("state").asText().equals("acknowledged")));
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(card).getText().contains("已响应"));

    // The organisation: a community shows its escalation policy, which the admin edits; a building its residents.
    browser.findElement(By.cssSelector("#tree button")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> shown(By.cssSelector("#tree ul button")));
    browser.findElement(By.cssSelector("#tree ul button")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> shown(By.cssSelector("#tree ul ul button")));
    browser.findElement(By.cssSelector("#tree ul ul button")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> shown(By.id("policy")));
    var arrive = browser.findElement(By.id("policy-arrive"));
    assertThat(arrive.getDomProperty("value")).isEqualTo("15");
    arrive.clear();
    arrive.sendKeys("20");
    browser.findElement(By.cssSelector("#policy button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("policy-result")).getText().contains("已保存"));
    assertThat(admin.get("/api/v1/communities/130803001001/escalation-policy").body().get("arriveWithin").asText()).isEqualTo("PT20M");
    await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElements(By.xpath("//button[text()='7号楼']")).size() == 1);
    browser.findElement(By.xpath("//button[text()='7号楼']")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> shown(By.id("node-info")));
    browser.findElement(By.cssSelector("#node-info summary")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("node-body")).getText().contains("独居"));
    assertThat(browser.findElement(By.id("node-body")).getText()).contains("李大爷").contains("dev-0001").contains("王芳");

    browser.findElement(By.id("lang")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("alerts-title")).getText().contains("One-key calls"));
    assertThat(browser.findElement(By.id("tree-title")).getText()).isEqualTo("Organisation");
    screenshot("console-alert-en.png");
    browser.findElement(By.id("lang")).click();
  }

  @Test
  void theResponderAppPutsACallOnTopAndActsInOneTap() throws Exception {
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    browser.get("http://127.0.0.1:" + node.httpPort() + "/app");
    browser.findElement(By.id("username")).sendKeys("wangfang");
    browser.findElement(By.id("password")).sendKeys(OrgDocuments.PASSWORD);
    browser.findElement(By.cssSelector("#login button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(15)).until(() -> shown(By.id("home")));
    assertThat(shown(By.id("login"))).as("the login form is gone once signed in").isFalse();
    assertThat(browser.findElement(By.tagName("link")).getDomAttribute("href")).isEqualTo("/app/manifest.webmanifest");
    assertThat(new HubClient(node.httpPort()).get("/app/manifest.webmanifest").raw()).contains("\"start_url\": \"/app\"");

    String[] alertId = {raiseCall()};
    By card = By.cssSelector("#alerts li[data-alert='" + alertId[0] + "']");
    await().atMost(Duration.ofSeconds(10)).until(() -> shown(card));
    assertThat(browser.findElement(card).getText()).contains("李大爷").contains("李娜");
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve("app-alert.png"), StandardCopyOption.REPLACE_EXISTING);
    browser.findElement(card).findElement(By.cssSelector("button[data-action=acknowledge]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        admin.get("/api/v1/alerts/" + alertId[0]).body().get("state").asText().equals("acknowledged"));
    assertThat(admin.get("/api/v1/alerts/" + alertId[0]).body().at("/acknowledgedBy/name").asText()).isEqualTo("王芳");
  }

  @Test
  void theResidentsBigButtonPageCallsFromTheBrowser() {
    var admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    var link = admin.post("/api/v1/residents/r-001/call-links", Map.of());
    assertThat(link.status()).as(link.raw()).isEqualTo(201);
    browser.get("http://127.0.0.1:" + node.httpPort() + link.body().get("url").asText());
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("who")).getText().contains("李大爷"));
    browser.findElement(By.id("call")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/v1/alerts?state=open").body().get("alerts")
        .findValuesAsText("deviceId").contains("phone-r-001"));
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("state")).getText().contains("已收到"));
  }
}
