package dev.flights.platform.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The headers App Service Authentication sets on a signed-in request, and strips from what a client sends. */
public final class PrincipalHeaders {

    public static final String PRINCIPAL = "X-MS-CLIENT-PRINCIPAL";
    public static final String ID = "X-MS-CLIENT-PRINCIPAL-ID";
    public static final String NAME = "X-MS-CLIENT-PRINCIPAL-NAME";
    public static final String IDP = "X-MS-CLIENT-PRINCIPAL-IDP";

    private PrincipalHeaders() {
    }

    public static List<String> all() {
        return List.of(PRINCIPAL, ID, NAME, IDP);
    }

    /** The headers as the platform sets them for a signed-in principal. */
    public static Map<String, String> of(ClientPrincipal principal, String objectId, String name) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(PRINCIPAL, principal.encode());
        headers.put(ID, objectId);
        headers.put(NAME, name);
        headers.put(IDP, principal.authType());
        return headers;
    }

    /** Every header App Service owns: the principal ones and the provider tokens ({@code X-MS-TOKEN-*}). */
    public static boolean isPlatformOwned(String header) {
        String name = header.toUpperCase(Locale.ROOT);
        return name.startsWith("X-MS-CLIENT-PRINCIPAL") || name.startsWith("X-MS-TOKEN-");
    }
}
