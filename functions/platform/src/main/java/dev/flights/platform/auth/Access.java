package dev.flights.platform.auth;

import com.microsoft.azure.functions.HttpRequestMessage;
import dev.flights.contract.UserId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks an HTTP function makes before it touches anything: who is calling (401 when nobody is, so a deployment
 * whose platform sign-in is missing fails closed), whether that caller may act for or read a customer (403), whether
 * it operates (the {@code admin} app role). A reservation of someone else is the caller's 404, decided where the
 * reservation is read, with {@link Caller#mayRead}.
 */
public final class Access {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> CROSS_SITE = Set.of("cross-site", "same-site");

    // set when an app starts (AuthSettings.install); read from the environment should nothing have started one
    private static volatile CallerAuthentication authentication;

    private Access() {
    }

    /**
     * Refuses (403) a state-changing request a browser made from another site ({@code Sec-Fetch-Site}
     * {@code cross-site} or {@code same-site}). On Azure App Service Authentication keeps the page's sign-in in a cookie that goes with such
     * requests; the page calls the API on its own origin, so a legitimate call is {@code same-origin} (or has no such
     * header: not a browser). {@code Origin} is not compared here: behind a front door the app's host name differs
     * from the one the browser used.
     */
    public static void refuseCrossSite(HttpRequestMessage<?> request) {
        if (request.getHttpMethod() == null || SAFE_METHODS.contains(request.getHttpMethod().name())) {
            return;
        }
        String site = header(request, "Sec-Fetch-Site");
        if (site != null && CROSS_SITE.contains(site.trim().toLowerCase(Locale.ROOT))) {
            throw AccessRefusedException.forbidden("a " + request.getHttpMethod() + " from another site is refused");
        }
    }

    public static Caller signedIn(HttpRequestMessage<?> request) {
        return authentication().caller(request.getHeaders()).orElseThrow(() -> AccessRefusedException.unauthenticated(
                "sign in first: this route needs a signed-in customer"));
    }

    /** Deposits, reservations, cancellations: only for oneself, whatever one's roles. */
    public static void requireSelf(Caller caller, UserId customer) {
        if (!caller.is(customer)) {
            throw AccessRefusedException.forbidden("you are signed in as another customer than " + customer);
        }
    }

    /** Accounts and lists: one's own, or any for an operator. */
    public static void requireReader(Caller caller, UserId customer) {
        if (!caller.mayRead(customer)) {
            throw AccessRefusedException.forbidden("you are signed in as another customer than " + customer);
        }
    }

    public static Caller requireAdmin(HttpRequestMessage<?> request) {
        Caller caller = signedIn(request);
        if (!caller.isAdmin()) {
            throw AccessRefusedException.forbidden("this operator route needs the " + Caller.ADMIN + " role");
        }
        return caller;
    }

    static void authenticateWith(CallerAuthentication chosen) {
        authentication = chosen;
    }

    /**
     * The authentication the app settings chose. An app's start installs it; should a function run without that
     * start, the same settings are read from the environment (where Azure puts app settings) rather than falling back
     * to trusting the principal headers.
     */
    private static CallerAuthentication authentication() {
        CallerAuthentication chosen = authentication;
        if (chosen == null) {
            chosen = AuthSettings.from(System::getenv);
            authentication = chosen;
        }
        return chosen;
    }

    private static String header(HttpRequestMessage<?> request, String name) {
        if (request.getHeaders() == null) {
            return null;
        }
        return request.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
