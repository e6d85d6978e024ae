package dev.flights.platform.auth;

import dev.flights.platform.spring.MissingSettingsException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The app settings that choose how callers are authenticated. {@value #APP_SERVICE} (the default) trusts the
 * principal headers, which holds only where App Service Authentication runs in front of the app and strips client
 * copies; {@value #ENTRA_TOKEN} trusts nothing but a Microsoft Entra token of {@value #TENANT_ID}'s tenant for
 * {@value #CLIENT_ID}'s app registration, validated by the app itself, for a plan where that is not certain.
 */
public final class AuthSettings {

    public static final String MODE = "FLIGHTS_AUTH";
    public static final String TENANT_ID = "FLIGHTS_AUTH_ENTRA_TENANT_ID";
    public static final String CLIENT_ID = "FLIGHTS_AUTH_ENTRA_CLIENT_ID";
    public static final String APP_SERVICE = "app-service";
    public static final String ENTRA_TOKEN = "entra-token";

    private static final String LOGIN = "https://login.microsoftonline.com/";
    // a tenant id or a verified domain: it becomes a path segment of the issuer and of the keys' address
    private static final String TENANT_PATTERN = "[A-Za-z0-9.-]{1,100}";

    private AuthSettings() {
    }

    /** Every setting this class reads, as the infrastructure must set them. */
    public static List<String> names() {
        return List.of(MODE, TENANT_ID, CLIENT_ID);
    }

    /**
     * The authentication the settings choose.
     *
     * @throws MissingSettingsException naming what is missing or wrong, so that the app does not start
     */
    public static CallerAuthentication from(Function<String, String> settings) {
        String mode = text(settings.apply(MODE));
        if (mode == null || mode.toLowerCase(Locale.ROOT).equals(APP_SERVICE)) {
            return CallerAuthentication.appService();
        }
        if (!mode.toLowerCase(Locale.ROOT).equals(ENTRA_TOKEN)) {
            throw refusal(List.of(MODE + " (" + APP_SERVICE + " or " + ENTRA_TOKEN + ", not '" + mode + "')"));
        }
        String tenant = text(settings.apply(TENANT_ID));
        String client = text(settings.apply(CLIENT_ID));
        List<String> missing = new ArrayList<>();
        if (tenant == null || !tenant.matches(TENANT_PATTERN)) {
            missing.add(TENANT_ID + " (the Entra tenant id)");
        }
        if (client == null) {
            missing.add(CLIENT_ID + " (the app registration's client id)");
        }
        if (!missing.isEmpty()) {
            throw refusal(missing);
        }
        return new EntraTokenAuthentication(tenant, client,
                EntraSigningKeys.fetchedFrom(URI.create(LOGIN + tenant + "/discovery/v2.0/keys"), Clock.systemUTC()));
    }

    /** The issuer of the tenant's v2.0 tokens, as Entra writes it in {@code iss}. */
    static String issuer(String tenant) {
        return LOGIN + tenant + "/v2.0";
    }

    /**
     * Reads the settings and makes {@link Access} use what they choose; done when an app starts, so a wrong
     * setting fails the start.
     */
    public static CallerAuthentication install(Function<String, String> settings) {
        CallerAuthentication authentication = from(settings);
        Access.authenticateWith(authentication);
        return authentication;
    }

    private static MissingSettingsException refusal(List<String> settings) {
        return new MissingSettingsException(settings, "Without them this app cannot tell who calls it; leave "
                + MODE + " unset (or " + APP_SERVICE + ") only where App Service Authentication runs in front of it");
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
