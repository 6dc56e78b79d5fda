package io.kessai.app.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kessai.app.wallet.WalletWorld.Enrolled;
import io.kessai.app.wallet.WalletWorld.Reply;
import io.kessai.center.wallet.WebhookSignature;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wallet's web pages in a real headless Chromium (Debian's chromium and chromium-driver): the
 * enrolment page, the phone app with the POS page beside it, and an online checkout whose webhook
 * reaches a test HTTP server. The phone and the POS are two tabs of one browser.
 */
@EnabledIf("chromiumInstalled")
class WalletBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(20);

    static WalletWorld world;
    static HttpServer shopSite;
    static final List<String[]> webhooks = new CopyOnWriteArrayList<>();
    static WebDriver driver;
    static Path profile;

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void start() throws Exception {
        shopSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shopSite.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            webhooks.add(new String[] {exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        shopSite.createContext("/thanks", exchange -> {
            byte[] page = "<!doctype html><title>thanks</title><h1 id=thanks>Thank you</h1>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        shopSite.start();
        world = new WalletWorld(Map.of());
        world.registerShops("http://127.0.0.1:" + shopSite.getAddress().getPort() + "/hooks");

        profile = Files.createTempDirectory("kessai-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        options.setAcceptInsecureCerts(true); // the center's self-signed certificate
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (world != null) {
            world.close();
        }
        if (shopSite != null) {
            shopSite.stop(0);
        }
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    static WebElement visible(String id) {
        return waiting().until(d -> {
            WebElement element = d.findElement(By.id(id));
            return element.isDisplayed() ? element : null;
        });
    }

    static void type(String id, String text) {
        WebElement element = visible(id);
        element.clear();
        element.sendKeys(text);
    }

    static String url(String path) {
        return world.center.baseUri() + path;
    }

    /** The phone tab signed in as this wallet (what enrolment on this phone would have left). */
    static void useWallet(Enrolled wallet) {
        driver.get(url("/wallet"));
        ((JavascriptExecutor) driver).executeScript("localStorage.setItem('kessai.deviceToken', arguments[0])", wallet.token());
        driver.get(url("/wallet"));
        visible("show-code");
    }

    @Test
    void enrolmentOnTheMobilePage() throws Exception {
        driver.get(url("/wallet/enrol"));
        type("phone", "090-5555-0001");
        type("email", "hanako@example.jp");
        visible("send-code").click();
        waiting().until(d -> world.codes.containsKey("+819055550001"));
        type("code", world.codes.get("+819055550001"));
        visible("confirm-code").click();
        type("name", "山田 花子");
        type("address", "東京都渋谷区道玄坂1-22-7");
        type("delivery", "東京都渋谷区道玄坂1-22-7");
        type("card-number-0", WalletWorld.VISA);
        type("card-expiry-0", "12/30");
        visible("add-card").click();
        type("card-number-1", WalletWorld.JCB);
        type("card-expiry-1", "12/30");
        type("pin", "2580");
        visible("enrol").click();
        String done = visible("done-text").getText();
        assertThat(done).contains("Visa Card Co. 411111******1111").contains("JCB Card Co. 353011******0000");
        String token = (String) ((JavascriptExecutor) driver).executeScript("return localStorage.getItem('kessai.deviceToken')");
        assertThat(token).startsWith("wdt_");
        assertThat(driver.getPageSource()).doesNotContain(WalletWorld.VISA);
    }

    @Test
    void aPosPaymentWithAChoiceOfCardAndInstallments() throws Exception {
        Enrolled wallet = world.enrol("+819055550002", "1470", WalletWorld.VISA, WalletWorld.JCB);
        useWallet(wallet);
        String phoneTab = driver.getWindowHandle();
        visible("show-code").click();
        String digits = visible("code-digits").getText().replace(" ", "");
        assertThat(digits).hasSize(12);
        assertThat(driver.findElement(By.cssSelector("#qr svg")).isDisplayed()).isTrue();

        driver.switchTo().newWindow(WindowType.TAB);
        String posTab = driver.getWindowHandle();
        driver.get(url("/pos"));
        type("merchant", WalletWorld.SHOP);
        type("api-key", world.shopKey);
        type("code", digits);
        type("amount", "24000");
        visible("send").click();
        waiting().until(d -> "waiting_for_owner".equals(d.findElement(By.id("state")).getAttribute("data-state")));

        driver.switchTo().window(phoneTab);
        type("pin", "1470");
        visible("verify").click();
        visible("card-" + wallet.cardIds().get(WalletWorld.JCB)).click();
        new Select(visible("method")).selectByValue("61");
        new Select(visible("installments")).selectByValue("6");
        visible("quote").click();
        assertThat(visible("amount").getText()).contains("24,000");
        visible("pay").click();
        waiting().until(d -> d.findElement(By.id("result-text")).getText().contains("Paid"));
        assertThat(visible("result-text").getText()).contains("353011******0000");
        assertThat(visible("slip").isDisplayed()).isTrue();

        driver.switchTo().window(posTab);
        waiting().until(d -> "completed".equals(d.findElement(By.id("state")).getAttribute("data-state")));
        assertThat(visible("slip").isDisplayed()).isTrue();
        driver.close();
        driver.switchTo().window(phoneTab);
        Reply list = world.call("GET", "/v1/shop/payments?limit=1", null, world.shopKey, Map.of());
        assertThat(list.json().get("data").get(0).get("installments").asInt()).isEqualTo(6);
        assertThat(list.json().get("data").get(0).get("paymentMethod").asText()).isEqualTo("61");
    }

    @Test
    void aDeclineThenAnotherCard() throws Exception {
        Enrolled wallet = world.enrol("+819055550003", "3690", WalletWorld.LOW_LIMIT, WalletWorld.VISA);
        useWallet(wallet);
        String code = world.counterCode(wallet);
        Reply asked = world.call("POST", "/v1/pos/requests", Map.of("merchantId", WalletWorld.SHOP, "code", code, "amountMinor", 8_000),
                world.shopKey, Map.of());
        assertThat(asked.status()).isEqualTo(201);
        type("pin", "3690");
        visible("verify").click();
        visible("card-" + wallet.cardIds().get(WalletWorld.LOW_LIMIT)).click();
        new Select(visible("method")).selectByValue("10");
        visible("quote").click();
        visible("pay").click();
        waiting().until(d -> d.findElement(By.id("request-state")).getText().contains("Declined"));
        WebElement declinedCard = driver.findElement(By.id("card-" + wallet.cardIds().get(WalletWorld.LOW_LIMIT)));
        WebElement otherCard = driver.findElement(By.id("card-" + wallet.cardIds().get(WalletWorld.VISA)));
        assertThat(declinedCard.isEnabled()).isFalse();
        assertThat(otherCard.isSelected()).isTrue();
        visible("quote").click();
        visible("pay").click();
        waiting().until(d -> d.findElement(By.id("result-text")).getText().contains("Paid"));
        assertThat(visible("result-text").getText()).contains("411111******1111");
    }

    @Test
    void aPasskeyApprovalWithChromesVirtualAuthenticator() throws Exception {
        Enrolled wallet = world.enrol("+819055550005", "7777", WalletWorld.VISA);
        // WebAuthn needs a host name as relying party ID (not an IP address): the page is opened on localhost.
        String base = "https://localhost:" + world.center.port();
        driver.get(base + "/wallet");
        ((JavascriptExecutor) driver).executeScript("localStorage.setItem('kessai.deviceToken', arguments[0])", wallet.token());
        driver.get(base + "/wallet");
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
        try {
            type("passkey-pin", "7777");
            visible("register-passkey").click();
            waiting().until(d -> d.findElement(By.id("passkey-status")).getText().contains("passkeys: 1"));
            assertThat(authenticator.getCredentials()).hasSize(1);

            String code = world.counterCode(wallet);
            Reply asked = world.call("POST", "/v1/pos/requests", Map.of("merchantId", WalletWorld.SHOP, "code", code, "amountMinor", 1_500),
                    world.shopKey, Map.of());
            assertThat(asked.status()).isEqualTo(201);
            visible("verify-passkey").click();
            new Select(visible("method")).selectByValue("10");
            visible("quote").click();
            visible("pay").click();
            waiting().until(d -> d.findElement(By.id("result-text")).getText().contains("Paid"));
            int stored = world.center.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM center.wallet_passkeys WHERE last_used_at IS NOT NULL").mapTo(Integer.class).one());
            assertThat(stored).isEqualTo(1);
        } finally {
            ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(authenticator);
        }
    }

    @Test
    void anOnlineCheckoutWhoseWebhookReachesTheShop() throws Exception {
        Enrolled wallet = world.enrol("+819055550004", "2222", WalletWorld.VISA);
        String returnUrl = "http://127.0.0.1:" + shopSite.getAddress().getPort() + "/thanks";
        Reply created = world.call("POST", "/v1/shop/payments", Map.of("amountMinor", 6_600, "returnUrl", returnUrl,
                "description", "2 scarves"), world.shopKey, Map.of("Idempotency-Key", "browser-order-1"));
        String id = created.json().get("id").asText();
        useWallet(wallet);
        String phoneTab = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(created.json().get("checkoutUrl").asText());
        assertThat(visible("amount").getText()).contains("6,600");
        type("phone", wallet.phone());
        visible("send").click();
        waiting().until(d -> d.findElement(By.id("state")).getText().contains("Approve on your phone"));
        String checkoutTab = driver.getWindowHandle();

        driver.switchTo().window(phoneTab);
        type("pin", "2222");
        visible("verify").click();
        new Select(visible("method")).selectByValue("10");
        visible("quote").click();
        visible("pay").click();
        waiting().until(d -> d.findElement(By.id("result-text")).getText().contains("Paid"));

        driver.switchTo().window(checkoutTab);
        waiting().until(d -> d.getCurrentUrl().startsWith(returnUrl));
        assertThat(driver.getCurrentUrl()).contains("payment_id=" + id).contains("state=completed");
        assertThat(visible("thanks").getText()).isEqualTo("Thank you");
        WalletApiTest.awaitTrue(() -> webhooks.stream().anyMatch(w -> w[1].contains(id)));
        String[] hook = webhooks.stream().filter(w -> w[1].contains(id)).findFirst().orElseThrow();
        assertThat(hook[1]).contains("payment.completed");
        assertThat(WebhookSignature.check(hook[0], hook[1], world.shopWebhookSecret, Instant.now(), WebhookSignature.DEFAULT_TOLERANCE)).isEmpty();
        driver.close();
        driver.switchTo().window(phoneTab);
    }
}
