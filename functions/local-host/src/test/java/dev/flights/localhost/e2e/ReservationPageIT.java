package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.localhost.LocalHostRuntime;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reservation page in headless Chromium, as a customer uses it: signs in (the local host's dev sign-in), adds
 * money, reserves, cancels and sees the refund, signs out; on a 390 px phone with nothing cut off; in Korean; while
 * pay is failing; and with no serious accessibility violation (axe-core). Uses the system Chromium and chromedriver
 * (Debian's {@code chromium} and {@code chromium-driver}) and touches no network but localhost. Without them the test
 * fails and says how to install them: a skipped test would prove nothing. Screenshots go to target/.
 */
class ReservationPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int PHONE_WIDTH = 390;
    private static final String SESSION_COOKIE = "AppServiceAuthSession";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static ChromeDriver browser;
    private static String userAgent;

    private final LocalHostRuntime host = SharedLocalHost.get();

    @BeforeAll
    static void startTheSystemChromium(@TempDir Path profile) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the page's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": apt-get install chromium chromium-driver")
                .isTrue();
        // the driver is given, so Selenium Manager is never asked to find or download one
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,960", "--lang=en-US", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        userAgent = (String) browser.executeScript("return navigator.userAgent");
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void anEnglishDesktopBrowserWithNobodySignedIn() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        preferLanguages("en-US,en");
    }

    @Test
    void aCustomerSignsInAddsMoneyReservesCancelsSeesTheRefundAndSignsOut_F4_F6_F8() throws Exception {
        String customer = Api.newCustomer();
        openThePage();
        signIn(customer);
        assertThat(text("signed-in-as")).isEqualTo(customer);
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("focus moves to the page's first heading")
                .isEqualTo("account-title");
        assertThat(browser.findElements(By.id("user-id"))).as("nobody types whose data to show any more").isEmpty();
        await(b -> text("balance").equals("No money yet: add some to start."), "the page to say there is no money yet");

        deposit("150");
        await(b -> text("balance").equals("₩150"), "the balance to be ₩150");

        String id = reserve("ke123");
        String ref = id.replace("-", "").substring(0, 6).toUpperCase();
        await(b -> "TICKETED".equals(status(id)) && ticketNumber(id).startsWith("TK-"), id + " to be ticketed");
        String ticket = ticketNumber(id);
        assertThat(part(id, ".flight")).isEqualTo("Flight KE123");
        assertThat(part(id, ".ref")).isEqualTo("Ref. " + ref);
        assertThat(part(id, ".badge")).isEqualTo("Ticket issued");
        assertThat(part(id, ".money")).isEqualTo("Paid ₩100");
        assertThat(part(id, ".ticket")).isEqualTo("Ticket " + ticket);
        assertThat(part(id, ".when")).matches("Reserved \\d?\\d:\\d\\d:\\d\\d");
        await(b -> text("balance").equals("₩50"), "the balance to be ₩50 after the payment");
        await(b -> notification("TicketIssued").equals("Ticket " + ticket + " issued for flight KE123 (ref. " + ref + ")."),
                "the ticket's notification in plain words");

        reservation(id).findElement(By.cssSelector("button[data-action=cancel]")).click();
        await(b -> "CANCELLED".equals(status(id)) && "true".equals(reservation(id).getDomAttribute("data-refunded")),
                id + " to be cancelled and refunded");
        assertThat(part(id, ".money")).isEqualTo("₩100 refunded");
        assertThat(part(id, ".badge")).isEqualTo("Cancelled");
        assertThat(reservation(id).findElement(By.cssSelector("button[data-action=cancel]")).isDisplayed()).isFalse();
        await(b -> text("balance").equals("₩150"), "the balance to be ₩150 again after the refund");
        await(b -> notification("PaymentRefunded").equals("₩100 refunded for flight KE123 (ref. " + ref + ")."),
                "the refund's notification");
        await(b -> !notification("TicketVoided").isEmpty(), "the notification that the ticket was voided");
        assertThat(text("notification-list")).as("customers read no ids, event names or machine timestamps")
                .doesNotContainPattern(UUID_PATTERN).doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT")
                .doesNotContain("TicketIssued", "PaymentRefunded");

        deposit("0");
        WebElement error = await(b -> browser.findElements(By.cssSelector("#errors .error[data-source=deposit]"))
                .stream().findFirst().orElse(null), "the deposit's validation error");
        assertThat(error.getDomAttribute("data-field")).isEqualTo("amount");
        assertThat(error.getDomAttribute("data-status")).isEqualTo("400");
        assertThat(error.getText()).contains("The money was not added:", "Enter a whole amount from ₩1 to ₩1,000,000.");
        assertThat(browser.findElement(By.id("deposit-amount")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("balance")).as("nothing was added").isEqualTo("₩150");

        assertNoSeriousAccessibilityViolation("signed in, desktop");
        screenshot("reservation-page-desktop.png");

        String session = browser.manage().getCookieNamed(SESSION_COOKIE).getValue();
        assertThat(browser.executeScript("return document.cookie")).as("a script cannot read the session").isEqualTo("");
        click("sign-out");
        await(b -> browser.findElement(By.id("dev-user")).isDisplayed(), "the sign-in screen after signing out");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("focus is on the user name")
                .isEqualTo("dev-user");
        assertThat(browser.findElement(By.id("customer")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("session")).isDisplayed()).isFalse();
        assertThat(browser.manage().getCookieNamed(SESSION_COOKIE)).as("the session cookie is gone").isNull();
        assertThat(new Api(host.baseUri()).anonymous().send(HttpRequest.newBuilder(host.baseUri()
                .resolve("/api/accounts/" + customer)).header("X-ZUMO-AUTH", session).GET()).status())
                .as("the ended session opens nothing any more").isEqualTo(401);
        browser.navigate().refresh();
        await(b -> browser.findElement(By.id("dev-user")).isDisplayed(), "the sign-in screen after a reload");
    }

    @Test
    void onA390PixelPhoneNothingIsCutOffAndNothingScrollsSideways() throws Exception {
        phone();
        openThePage();
        assertFitsThePhone("the sign-in screen");

        String id = aNewCustomerWith150Reserves("OZ-1234567890123", "₩150");
        await(b -> "TICKETED".equals(status(id)), id + " to be ticketed");
        deposit("0");
        await(b -> !browser.findElements(By.cssSelector("#errors .error[data-source=deposit]")).isEmpty(),
                "the deposit's validation error");

        assertFitsThePhone("the signed-in page with a reservation and an error");
        assertNoSeriousAccessibilityViolation("signed in, phone");
        screenshot("reservation-page-phone.png");
    }

    @Test
    void aKoreanBrowserGetsThePageInKoreanWithAmountsInWonAndCanSwitchToEnglish() throws Exception {
        preferLanguages("ko-KR,ko;q=0.9");
        phone();
        openThePage();
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("ko");
        assertThat(browser.getTitle()).isEqualTo("항공편 예약");
        assertThat(text("dev-sign-in-button")).isEqualTo("로그인");

        String id = aNewCustomerWith150Reserves("KE123", "150원");
        String ref = id.replace("-", "").substring(0, 6).toUpperCase();
        await(b -> "TICKETED".equals(status(id)), id + " to be ticketed");
        String ticket = ticketNumber(id);
        assertThat(part(id, ".flight")).isEqualTo("KE123 항공편");
        assertThat(part(id, ".badge")).isEqualTo("발권 완료");
        assertThat(part(id, ".money")).isEqualTo("100원 결제됨");
        await(b -> text("balance").equals("50원"), "the balance to be 50원");
        await(b -> notification("TicketIssued").equals("KE123 항공편 예약(참조 " + ref + ")의 항공권 " + ticket
                + "이 발급되었습니다."), "the ticket's notification in Korean");
        assertNoSeriousAccessibilityViolation("signed in, Korean, phone");
        screenshot("reservation-page-phone-ko.png");

        browser.findElement(By.cssSelector("button[data-language=en]")).click();
        await(b -> part(id, ".badge").equals("Ticket issued") && text("balance").equals("₩50"), "the page in English");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        browser.navigate().refresh();
        await(b -> text("signed-in-as").length() > 0 && text("balance").equals("₩50"),
                "the page to stay in the chosen English after a reload");
    }

    @Test
    void whileAPartIsDownThePageSaysSoInsteadOfShowingStaleNumbersAndTellsWhenPaymentIsRetried_N3() {
        openThePage();
        signIn(Api.newCustomer());
        deposit("150");
        await(b -> text("balance").equals("₩150"), "the balance to be ₩150");
        String id;
        host.setFailing("pay", true);
        try {
            id = reserve("KE777");
            await(b -> "PAYMENT_PENDING".equals(status(id)), id + " to wait for its payment");
            await(b -> part(id, ".money").matches("Payment is being retried — we'll try again in (\\d+ s|a moment)"),
                    "the page to say when the payment is retried");
            await(b -> browser.findElement(By.id("balance-down")).isDisplayed(), "the balance to be shown as down");
            assertThat(browser.findElement(By.id("balance")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("content")).getText()).as("no stale balance").doesNotContain("₩150")
                    .contains("Your balance can't be shown right now.");
            assertThat(browser.findElement(By.id("deposit-button")).isEnabled()).isFalse();
        } finally {
            host.setFailing("pay", false);
        }
        await(b -> "TICKETED".equals(status(id)) && text("balance").equals("₩50"), "the payment to go through");
        assertThat(browser.findElement(By.id("balance-down")).isDisplayed()).isFalse();

        host.setAvailable("reservation-view", false);
        try {
            await(b -> browser.findElement(By.id("reservations-down")).isDisplayed(), "the list to be shown as down");
            assertThat(browser.findElement(By.id("reservation-list")).isDisplayed()).as("no stale list").isFalse();
            assertThat(text("balance")).as("the rest of the page goes on").isEqualTo("₩50");
        } finally {
            host.setAvailable("reservation-view", true);
        }
        await(b -> reservation(id).isDisplayed() && !browser.findElement(By.id("reservations-down")).isDisplayed(),
                "the list to be back");
    }

    @Test
    void thePageCallsTheApiWithTheBearerTokenAndAsksToSignInAgainWhenTheSessionEndsElsewhere() {
        openThePage();
        signIn(Api.newCustomer());
        deposit("150");
        await(b -> text("balance").equals("₩150"), "the balance to be ₩150");

        // behind one host name on Azure the apps know the customer by the bearer token from /.auth/me, not the cookie
        String session = browser.manage().getCookieNamed(SESSION_COOKIE).getValue();
        browser.manage().deleteCookieNamed(SESSION_COOKIE);
        deposit("1");
        await(b -> text("balance").equals("₩151"), "the page to go on with the bearer token alone");

        assertThat(new Api(host.baseUri()).anonymous().send(HttpRequest.newBuilder(host.baseUri()
                .resolve("/.auth/logout")).header("X-ZUMO-AUTH", session).GET()).status()).isEqualTo(200);

        await(b -> browser.findElement(By.id("dev-user")).isDisplayed(), "the sign-in screen");
        assertThat(browser.findElement(By.id("customer")).isDisplayed()).isFalse();
        assertThat(text("errors")).contains("Your sign-in has ended. Please sign in again.");
    }

    private void openThePage() {
        browser.get(host.baseUri().resolve("/").toString());
        browser.manage().deleteAllCookies();
        browser.executeScript("localStorage.clear();");
        browser.navigate().refresh();
        await(b -> browser.findElement(By.id("dev-user")).isDisplayed(), "the sign-in screen");
    }

    private void signIn(String customer) {
        type("dev-user", customer);
        click("dev-sign-in-button");
        await(b -> browser.findElement(By.id("customer")).isDisplayed() && !text("signed-in-as").isEmpty(),
                "the page of " + customer);
    }

    /** Signs a new customer in, adds 150 (the balance shows as given) and reserves the flight: its reservation id. */
    private String aNewCustomerWith150Reserves(String flightId, String balanceShown) {
        signIn(Api.newCustomer());
        deposit("150");
        await(b -> text("balance").equals(balanceShown), "the balance to be " + balanceShown);
        return reserve(flightId);
    }

    private String reserve(String flightId) {
        type("flight-id", flightId);
        click("reserve-button");
        return await(b -> onlyReservationId(), "the reservation of " + flightId + " to be listed");
    }

    private void deposit(String amount) {
        type("deposit-amount", amount);
        click("deposit-button");
    }

    private void preferLanguages(String acceptLanguage) {
        browser.executeCdpCommand("Emulation.setUserAgentOverride",
                Map.of("userAgent", userAgent, "acceptLanguage", acceptLanguage));
    }

    private void phone() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", PHONE_WIDTH, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    }

    private void assertFitsThePhone(String what) {
        Map<?, ?> layout = (Map<?, ?>) browser.executeScript("const root = document.documentElement;"
                + "const outside = [...document.querySelectorAll('button, input, a, .reservation, .error')]"
                + "  .filter(e => e.offsetParent !== null)"
                + "  .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > root.clientWidth; })"
                + "  .map(e => e.outerHTML.slice(0, 80));"
                + "return { clientWidth: root.clientWidth, scrollWidth: root.scrollWidth, outside: outside };");
        assertThat(((Number) layout.get("clientWidth")).intValue()).as(what + ": the viewport").isEqualTo(PHONE_WIDTH);
        assertThat(((Number) layout.get("scrollWidth")).intValue()).as(what + ": no sideways scrolling")
                .isLessThanOrEqualTo(PHONE_WIDTH);
        assertThat((List<?>) layout.get("outside")).as(what + ": controls cut off at the edges").isEmpty();
    }

    private void assertNoSeriousAccessibilityViolation(String where) throws Exception {
        assertThat(AxeCore.seriousViolations(browser)).as("axe-core's serious and critical violations, " + where)
                .isEmpty();
    }

    /** The whole page, not only the viewport, so the screenshot shows every card. */
    private void screenshot(String name) throws Exception {
        Files.createDirectories(TARGET);
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(TARGET.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
    }

    private <T> T await(Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(browser, PATIENCE)
                .withMessage(() -> what + "; the page shows " + browser.findElement(By.tagName("body")).getText())
                .until(condition);
    }

    private void type(String inputId, String text) {
        WebElement input = browser.findElement(By.id(inputId));
        input.clear();
        input.sendKeys(text);
    }

    private void click(String buttonId) {
        browser.findElement(By.id(buttonId)).click();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String onlyReservationId() {
        List<WebElement> entries = browser.findElements(By.cssSelector("#reservation-list li[data-reservation-id]"));
        return entries.size() == 1 ? entries.get(0).getDomAttribute("data-reservation-id") : null;
    }

    private WebElement reservation(String reservationId) {
        return browser.findElement(By.cssSelector("#reservation-list li[data-reservation-id='" + reservationId + "']"));
    }

    private String part(String reservationId, String selector) {
        return reservation(reservationId).findElement(By.cssSelector(selector)).getText();
    }

    private String status(String reservationId) {
        return reservation(reservationId).getDomAttribute("data-status");
    }

    private String ticketNumber(String reservationId) {
        return reservation(reservationId).findElement(By.cssSelector(".ticket")).getDomAttribute("data-ticket-number");
    }

    private String notification(String type) {
        return browser.findElements(By.cssSelector("#notification-list li[data-type=" + type + "] .message")).stream()
                .map(WebElement::getText).findFirst().orElse("");
    }
}
