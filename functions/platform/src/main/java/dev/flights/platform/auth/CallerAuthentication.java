package dev.flights.platform.auth;

import java.util.Map;
import java.util.Optional;

/**
 * How an app learns who calls it, chosen by the app setting {@value AuthSettings#MODE}: from the principal App Service
 * Authentication injects ({@link CallerIdentity}) or from the caller's Microsoft Entra token
 * ({@link EntraTokenAuthentication}). Either way the functions see the same {@link Caller}.
 */
@FunctionalInterface
public interface CallerAuthentication {

    /**
     * The caller the request's headers prove, or empty when they prove none.
     *
     * @throws AccessRefusedException 401 for a credential that is present but not valid, 503 when it cannot be
     *         checked right now
     */
    Optional<Caller> caller(Map<String, String> headers);

    /** The platform's principal headers: App Service Authentication has validated the token and strips forgeries. */
    static CallerAuthentication appService() {
        return CallerIdentity::from;
    }
}
