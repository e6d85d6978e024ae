package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.localhost.LocalHostRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reservation list page (N4) in headless Chromium, as a customer uses it: deposit, reserve, watch the
 * reservation get its ticket, cancel, watch the refund, and see the API's answer to bad input. Uses the system
 * Chromium and chromedriver (Debian's {@code chromium} and {@code chromium-driver}) and touches no network but
 * localhost. Without them the test fails and says how to install them: a skipped test would prove nothing.
 */
class ReservationPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target", "reservation-page.png");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final LocalHostRuntime host = SharedLocalHost.get();

    @TempDir
    Path profile;

    private ChromeDriver browser;

    @BeforeEach
    void startTheSystemChromium() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the page's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": apt-get install chromium chromium-driver")
                .isTrue();
        // the driver is given, so Selenium Manager is never asked to find or download one
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,960", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCustomerDepositsReservesIsTicketedCancelsIsRefundedAndSeesBadInputExplained_N4() throws Exception {
        String customer = Api.newCustomer();
        browser.get(host.baseUri().resolve("/").toString());
        assertThat(browser.getTitle()).isEqualTo("Flight reservations");

        type("user-id", customer);
        click("user-button");
        await(b -> text("balance").contains("No account yet"), "the page to show that there is no account yet");

        type("deposit-amount", "150");
        click("deposit-button");
        await(b -> balance().equals("150"), "the balance to be 150");

        type("flight-id", "KE123");
        click("reserve-button");
        WebElement first = await(b -> onlyRow(), "the reservation to be listed");
        String id = first.getDomAttribute("data-reservation-id");
        await(b -> status(id).equals("TICKETED") && ticketNumber(id).startsWith("TK-"),
                "reservation " + id + " to show TICKETED with a ticket number");
        assertThat(row(id).findElement(By.cssSelector(".badge")).getText()).isEqualTo("Ticketed");
        await(b -> balance().equals("50"), "the balance to be 50 after the payment");

        row(id).findElement(By.cssSelector("button[data-action=cancel]")).click();
        await(b -> status(id).equals("CANCELLED") && "true".equals(row(id).getDomAttribute("data-refunded")),
                "reservation " + id + " to show CANCELLED and refunded");
        assertThat(row(id).findElement(By.cssSelector(".money")).getText()).isEqualTo("refunded 100");
        assertThat(row(id).findElements(By.cssSelector("button[data-action=cancel]")))
                .allSatisfy(button -> assertThat(button.isDisplayed()).isFalse());
        await(b -> balance().equals("150"), "the balance to be 150 again after the refund");
        await(b -> !browser.findElements(By.cssSelector("#notification-list li[data-type=TicketVoided]")).isEmpty(),
                "the notification that the ticket was voided");

        type("deposit-amount", "0");
        click("deposit-button");
        WebElement error = await(b -> browser.findElements(By.cssSelector("#errors .error[data-source=deposit]"))
                .stream().findFirst().orElse(null), "the deposit's validation error");
        assertThat(error.getDomAttribute("data-field")).isEqualTo("amount");
        assertThat(error.getDomAttribute("data-status")).isEqualTo("400");
        assertThat(error.getText()).contains("amount must be a whole number from 1 to 1000000", "field: amount");
        assertThat(browser.findElement(By.id("deposit-amount")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(balance()).as("nothing was deposited").isEqualTo("150");

        type("flight-id", "OZ201");
        click("reserve-button");
        await(b -> rows().size() == 2 && status(rows().get(0).getDomAttribute("data-reservation-id")).equals("TICKETED"),
                "a second reservation, newest first, to be ticketed");

        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }

    private <T> T await(Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(browser, PATIENCE)
                .withMessage(() -> what + "; the page shows " + browser.findElement(By.tagName("main")).getText())
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

    private String balance() {
        return browser.findElement(By.id("balance")).getDomAttribute("data-balance");
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#reservation-list tr[data-reservation-id]"));
    }

    private WebElement onlyRow() {
        List<WebElement> rows = rows();
        return rows.size() == 1 ? rows.get(0) : null;
    }

    private WebElement row(String reservationId) {
        return browser.findElement(By.cssSelector("#reservation-list tr[data-reservation-id='" + reservationId + "']"));
    }

    private String status(String reservationId) {
        return row(reservationId).getDomAttribute("data-status");
    }

    private String ticketNumber(String reservationId) {
        return row(reservationId).findElement(By.cssSelector(".ticket")).getDomAttribute("data-ticket-number");
    }
}
