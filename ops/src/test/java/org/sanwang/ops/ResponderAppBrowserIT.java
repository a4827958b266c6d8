package org.sanwang.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogType;

/**
 * The responder app at /app in a real headless Chromium (Debian's, driven by Selenium) on a phone's
 * screen, against an in-process hub on H2: a call comes on top and is taken in one tap, another
 * responder's acknowledgement shows within a second, dismissing the 办结 dialog changes nothing, no
 * sideways scrolling at 360 px, inbox items stay unread until opened, and a reload offline keeps the
 * login and the cached inbox. Screenshots of every screen at 390×844 and 1440×900 go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResponderAppBrowserIT {
  private static final String B07_DEVICE = "dev-0001";
  private static final String B07_SECRET = "device-secret-0001-abcdef";

  private HubNode node;
  private final String partySecret = NetworkConnectorContract.secret();
  private ChromeDriver browser;
  private HubClient admin;
  private HubClient wang;
  private final AtomicInteger seq = new AtomicInteger(1);

  @BeforeAll
  void start() throws Exception {
    var settings = HubFixture.embedded(HubFixture.tempDir());
    settings.put("sanwang.network-secrets.party", partySecret);
    node = HubNode.start(HubNode.load(settings));
    admin = new HubClient(node.httpPort());
    admin.login("admin", HubFixture.ADMIN_PASSWORD);
    var imported = admin.post("/api/v1/org/import", HubClient.JSON.valueToTree(OrgDocuments.everyRole()));
    assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
    wang = new HubClient(node.httpPort());
    wang.login("wangfang", OrgDocuments.PASSWORD);
    browser = HeadlessChromium.start(1440, 900, "--autoplay-policy=no-user-gesture-required", "--lang=zh-CN");
    phone(390, 844);
    browser.get(url("/app"));
  }

  @AfterAll
  void stop() {
    if (browser != null) browser.quit();
    if (node != null) node.close();
  }

  /** Each test starts with no open call and on the phone-sized screen. */
  @BeforeEach
  void closeOpenCalls() {
    admin.resolveOpenAlerts("test set-up");
    phone(390, 844);
  }

  /** No script error, and the Content-Security-Policy (no inline script or style) refused nothing. */
  @AfterEach
  void theBrowserLoggedNoPageErrorAndNoRefusal() {
    assertThat(HeadlessChromium.problems(browser)).as("browser log").isEmpty();
  }

  // ---- the tests, in the order a building head meets them -------------------------------------

  @Test
  @Order(1)
  void aCallAppearsOnTopAndIsAcknowledgedInOneTap() throws Exception {
    await().atMost(Duration.ofSeconds(15)).until(() -> shown(By.id("login")));
    screenshots("app-login");
    signIn();
    assertThat(browser.findElement(By.cssSelector("link[rel=manifest]")).getDomAttribute("href")).isEqualTo("/app/manifest.webmanifest");
    var manifest = new HubClient(node.httpPort()).get("/app/manifest.webmanifest").body();
    assertThat(manifest.get("start_url").asText()).isEqualTo("/app");
    assertThat(manifest.get("name").asText()).isEqualTo("三网枢纽响应");

    String id = raiseCall();
    By card = card(id);
    await().atMost(Duration.ofSeconds(10)).until(() -> shown(card) && text(card).contains("李娜"));
    assertThat(browser.findElement(By.cssSelector("#alerts > li:first-child article")).getDomAttribute("data-alert")).isEqualTo(id);
    assertThat(text(card)).contains("李大爷", "7号楼2单元302", "独居", "85岁以上", "待响应", "已等待");
    assertThat(text(card)).doesNotContain("living_alone", "raised", "daughter");
    assertThat(browser.findElement(card).findElement(By.cssSelector("a.tel")).getDomAttribute("href")).isEqualTo("tel:+8613900000001");
    assertThat(actions(card)).containsExactly("acknowledge", "cancel");
    for (var button : browser.findElement(card).findElements(By.cssSelector("button[data-action]"))) {
      assertThat(button.getRect().getHeight()).as("button height").isGreaterThanOrEqualTo(48);
      assertThat(Double.parseDouble(button.getCssValue("font-size").replace("px", ""))).as("button text").isGreaterThanOrEqualTo(18);
    }
    screenshots("app-calls");

    browser.findElement(card).findElement(By.cssSelector("button[data-action=acknowledge]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(id).equals("acknowledged"));
    assertThat(admin.get("/api/v1/alerts/" + id).body().at("/acknowledgedBy/name").asText()).isEqualTo("王芳");
    await().atMost(Duration.ofSeconds(5)).until(() -> text(card).contains("已响应") && text(card).contains("王芳"));
    assertThat(actions(card)).containsExactly("arrive", "resolve", "cancel");
    screenshots("app-call-acknowledged");
  }

  @Test
  @Order(2)
  void anotherRespondersAcknowledgementShowsOnTheCardWithinASecond() {
    signIn();
    String id = raiseCall();
    By card = card(id);
    await().atMost(Duration.ofSeconds(10)).until(() -> shown(card) && text(card).contains("待响应"));

    var gridMember = new HubClient(node.httpPort());
    gridMember.login("gridmember", OrgDocuments.PASSWORD);
    assertThat(gridMember.post("/api/v1/alerts/" + id + "/acknowledge", Map.of()).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
        .until(() -> text(card).contains("已响应") && text(card).contains("何网格员"));
    assertThat(actions(card)).containsExactly("arrive", "resolve", "cancel");

    // 王芳 arrives: the responder stays 何网格员, the arrival is hers (never credited to the acknowledger).
    browser.findElement(card).findElement(By.cssSelector("button[data-action=arrive]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(id).equals("arrived"));
    await().atMost(Duration.ofSeconds(5)).until(() -> shown(By.cssSelector("article[data-alert='" + id + "'] [data-field=arrivedBy]")));
    assertThat(browser.findElement(card).findElement(By.cssSelector("[data-field=acknowledgedBy]")).getText()).isEqualTo("何网格员");
    assertThat(browser.findElement(card).findElement(By.cssSelector("[data-field=arrivedBy]")).getText()).isEqualTo("王芳");
    assertThat(actions(card)).containsExactly("resolve", "cancel");

    // Someone else closes it: the card says so at once and offers nothing more.
    assertThat(gridMember.post("/api/v1/alerts/" + id + "/resolve", Map.of()).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() -> text(card).contains("已办结"));
    assertThat(actions(card)).isEmpty();
  }

  @Test
  @Order(3)
  void dismissingTheResolveOrCancelDialogChangesNothing() throws Exception {
    signIn();
    String id = raiseCall();
    By card = card(id);
    await().atMost(Duration.ofSeconds(10)).until(() -> shown(card));
    browser.findElement(card).findElement(By.cssSelector("button[data-action=acknowledge]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> actions(card).contains("resolve"));

    for (String action : List.of("resolve", "cancel")) {
      browser.findElement(card).findElement(By.cssSelector("button[data-action=" + action + "]")).click();
      By dialog = By.cssSelector(".van-dialog.confirm-dialog");
      await().atMost(Duration.ofSeconds(5)).until(() -> shown(dialog));
      assertThat(browser.findElement(By.cssSelector(".van-dialog__confirm")).getText())
          .isEqualTo(action.equals("resolve") ? "确认办结" : "确认取消呼叫");
      assertThat(browser.findElement(By.cssSelector(".van-dialog__cancel")).getText()).isEqualTo("返回");
      if (action.equals("resolve")) screenshots("app-confirm");
      browser.findElement(By.cssSelector(".van-dialog__cancel")).click();
      await().atMost(Duration.ofSeconds(5)).until(() -> !shown(dialog));
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> stateOf(id).equals("acknowledged"));
      assertThat(text(card)).contains("已响应");
    }

    browser.findElement(card).findElement(By.cssSelector("button[data-action=resolve]")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> shown(By.cssSelector(".van-dialog__confirm")));
    browser.findElement(By.cssSelector(".van-dialog__confirm")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(id).equals("resolved"));
    await().atMost(Duration.ofSeconds(5)).until(() -> text(card).contains("已办结"));
  }

  @Test
  @Order(4)
  void inboxItemsStayUnreadUntilOpened() throws Exception {
    signIn();
    String id = raiseCall();
    await().atMost(Duration.ofSeconds(10)).until(() -> shown(card(id)));
    long offset = await().atMost(Duration.ofSeconds(10)).until(() -> inboxItemOf(id), item -> item != null).get("offset").asLong();

    browser.findElement(By.cssSelector("[data-tab=inbox]")).click();
    By item = By.cssSelector("#inbox li[data-offset='" + offset + "']");
    await().atMost(Duration.ofSeconds(10)).until(() -> shown(item));
    assertThat(browser.findElement(item).getDomAttribute("data-read")).isEqualTo("false");
    assertThat(text(item)).contains("未读", "紧急呼叫");
    // Shown is not read: the hub gets no receipt while the item sits in the list.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !inboxItemOf(id).hasNonNull("readAt"));
    screenshots("app-inbox");

    browser.findElement(item).findElement(By.cssSelector("button.item-head")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> inboxItemOf(id).hasNonNull("readAt"));
    assertThat(browser.findElement(item).getDomAttribute("data-read")).isEqualTo("true");
    assertThat(text(item)).contains("按下了呼叫按钮");
    screenshots("app-inbox-open");
  }

  @Test
  @Order(5)
  void noScreenScrollsSidewaysOnA360PixelPhone() throws Exception {
    signIn();
    var b07 = wang.post("/api/v1/groups/130803001001-B07/messages", Map.of("text", "3单元楼道灯坏了，已报物业维修。", "clientMsgId", "it-1"));
    assertThat(b07.status()).as(b07.raw()).isEqualTo(201);
    org.sanwang.ops.demo.TrafficSimulator.start(node.system(), node.directory(), 10);
    // The community channel carries what the networks send: a signed Party-building notice, as ops/netsim sends them.
    var notice = new NetworkSender(new HubClient(node.httpPort()), "party", partySecret).send(NetworkSender.event(
        "urn:party:dj-platform", "it-notice-1", "party.notice", "130803001001", Map.of("title", "本周六志愿服务", "body", "请在职党员到社区报到")));
    assertThat(notice.status()).as(notice.raw()).isEqualTo(202);
    String id = raiseCall();
    await().atMost(Duration.ofSeconds(10)).until(() -> shown(card(id)) && text(card(id)).contains("李娜"));
    for (int width : new int[] {360, 390}) {
      phone(width, 780);
      for (String tab : List.of("calls", "inbox", "group", "me")) {
        browser.findElement(By.cssSelector("[data-tab=" + tab + "]")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.cssSelector("[data-tab=" + tab + "]"))
            .getDomAttribute("class").contains("van-tabbar-item--active"));
        assertThat((Boolean) browser.executeScript(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")).as(tab + " at " + width).isTrue();
      }
    }
    phone(390, 844);
    browser.findElement(By.cssSelector("[data-tab=group]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> text(By.id("group-title")).contains("7号楼")
        && text(By.id("messages")).contains("3单元楼道灯坏了"));
    assertThat(text(By.id("group-title"))).doesNotContain("130803001001");
    assertThat(text(By.id("messages"))).contains("王芳 · 楼栋长");
    screenshots("app-group");
    browser.findElement(By.xpath("//button[contains(@class,'chip') and text()='双安社区']")).click();
    await().atMost(Duration.ofSeconds(15)).until(() -> text(By.id("group-title")).contains("双安社区")
        && text(By.id("messages")).matches("(?s).*(党建网|社会治理网|社区管理网).*"));
    assertThat(text(By.id("messages"))).doesNotContainPattern("\\b(party|governance|system)\\b");
    screenshots("app-community");
    browser.findElement(By.cssSelector("[data-tab=me]")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> text(By.cssSelector(".roles")).contains("楼栋长 · 7号楼"));
    screenshots("app-me");

    // English throughout, then back.
    browser.findElement(By.id("lang")).click();
    try {
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(text(By.cssSelector(".roles"))).contains("Building head"));
      browser.findElement(By.cssSelector("[data-tab=calls]")).click();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(text(card(id))).contains("Waiting", "Lives alone", "Daughter"));
      screenshots("app-calls-en");
    } finally {
      browser.findElement(By.id("lang")).click();
    }
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(text(card(id))).contains("待响应"));
  }

  @Test
  @Order(6)
  void aReloadOfflineKeepsTheLoginAndShowsTheCachedInbox() throws Exception {
    signIn();
    browser.findElement(By.cssSelector("[data-tab=inbox]")).click();
    await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector("#inbox li")).isEmpty());
    int items = browser.findElements(By.cssSelector("#inbox li")).size();
    // The service worker has the app shell (it took control of this page when it activated).
    await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(browser.executeScript(
        "return !!navigator.serviceWorker.controller")));

    var offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    browser.setNetworkConditions(offline);
    try {
      browser.navigate().refresh();
      await().atMost(Duration.ofSeconds(15)).until(() -> shown(By.id("home")) && shown(By.id("conn")));
      assertThat(text(By.id("conn"))).contains("离线");
      assertThat(browser.findElements(By.id("login"))).isEmpty();
      browser.findElement(By.cssSelector("[data-tab=inbox]")).click();
      await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElements(By.cssSelector("#inbox li")).size() == items);
      assertThat(browser.executeScript("return localStorage.getItem('sanwang.app.session') !== null")).isEqualTo(true);
      screenshots("app-offline");
    } finally {
      browser.deleteNetworkConditions();
    }
    // Back online: live again without logging in.
    browser.executeScript("window.dispatchEvent(new Event('online'))");
    await().atMost(Duration.ofSeconds(20)).until(() -> !shown(By.id("conn")));
    assertThat(shown(By.id("home"))).isTrue();
    browser.manage().logs().get(LogType.BROWSER); // the offline reload's failed requests are expected
  }

  // ---- helpers ------------------------------------------------------------------------------

  private String url(String path) {
    return "http://127.0.0.1:" + node.httpPort() + path;
  }

  /** The page as a phone shows it (CSS pixels, touch, the viewport meta honoured). */
  private void phone(int width, int height) {
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
  }

  private void desktop() {
    browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 1440, "height", 900, "deviceScaleFactor", 1, "mobile", false));
  }

  private void signIn() {
    if (!browser.getCurrentUrl().contains("/app")) browser.get(url("/app"));
    await().atMost(Duration.ofSeconds(15)).until(() -> shown(By.id("login")) || shown(By.id("home")));
    if (shown(By.id("login"))) {
      browser.findElement(By.id("username")).sendKeys("wangfang");
      browser.findElement(By.id("password")).sendKeys(OrgDocuments.PASSWORD);
      browser.findElement(By.cssSelector("#login button[type=submit]")).click();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> shown(By.id("home")) && !shown(By.id("conn")));
    browser.findElement(By.cssSelector("[data-tab=calls]")).click();
  }

  /** Presses B07's device (李大爷); right after the set-up closed its call this opens a new one. */
  private String raiseCall() {
    var r = new HubClient(node.httpPort()).device(B07_DEVICE, B07_SECRET, "call", "{\"seq\":" + seq.incrementAndGet() + "}");
    assertThat(r.status()).as(r.raw()).isEqualTo(202);
    assertThat(r.body().get("state").asText()).isEqualTo("raised");
    return r.body().get("alertId").asText();
  }

  private String stateOf(String id) {
    return admin.get("/api/v1/alerts/" + id).body().get("state").asText();
  }

  private JsonNode inboxItemOf(String alertId) {
    for (var item : wang.get("/api/v1/me/inbox?after=0&limit=500").body().get("items"))
      if (item.at("/ref/id").asText().equals(alertId)) return item;
    return null;
  }

  private static By card(String id) {
    return By.cssSelector("article[data-alert='" + id + "']");
  }

  private List<String> actions(By card) {
    return browser.findElement(card).findElements(By.cssSelector("button[data-action]")).stream()
        .map(b -> b.getDomAttribute("data-action")).toList();
  }

  private String text(By by) {
    try {
      var found = browser.findElements(by);
      return found.isEmpty() ? "" : found.get(0).getText();
    } catch (org.openqa.selenium.StaleElementReferenceException replacedWhileLooking) {
      return "";
    }
  }

  private boolean shown(By by) {
    try {
      return browser.findElements(by).stream().anyMatch(WebElement::isDisplayed);
    } catch (org.openqa.selenium.StaleElementReferenceException replacedWhileLooking) {
      return false;
    }
  }

  /** The screen now at phone size and at desktop size: {@code name-390.png} and {@code name-1440.png}. */
  private void screenshots(String name) throws Exception {
    HeadlessChromium.screenshot(browser, name + "-390.png");
    desktop();
    HeadlessChromium.screenshot(browser, name + "-1440.png");
    phone(390, 844);
  }
}
