package dev.flights.platform.auth;

import dev.flights.contract.UserId;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the platform's principal headers to a {@link Caller}, and nothing else: no {@code userId} a client sends ever
 * names the caller. On Azure App Service Authentication sets these headers after validating the Entra ID token and
 * removes any copy a client sent; on the local host its sign-in emulation does the same. Where that is not certain,
 * {@code FLIGHTS_AUTH=entra-token} ({@link AuthSettings}) makes the apps ignore these headers altogether.
 *
 * <p>The customer's {@code UserId} is the Entra object id ({@code oid}, mapped by App Service to
 * {@value ClientPrincipal#OBJECT_ID}): it is a GUID, unique in the tenant, never reassigned and unchanged when the
 * person's name, e-mail or UPN changes. {@code sub} is stable too but pairwise per application, so the five apps (or a
 * future one behind another registration) would see different ids for one customer; {@code name},
 * {@code preferred_username} and {@code email} are mutable and may be reused, so money could follow a renamed
 * address to someone else. A principal without an object id is refused rather than keyed on a weaker claim.
 */
public final class CallerIdentity {

    private CallerIdentity() {
    }

    /** The caller named by the headers, or empty when there is no usable principal. */
    public static Optional<Caller> from(Map<String, String> headers) {
        return header(headers, PrincipalHeaders.PRINCIPAL).flatMap(ClientPrincipal::decode).flatMap(principal -> {
            Optional<String> objectId = principal.first(ClientPrincipal.OBJECT_ID, ClientPrincipal.OBJECT_ID_SHORT);
            if (objectId.isEmpty() || !UserId.isValid(objectId.get())) {
                return Optional.empty();
            }
            String name = header(headers, PrincipalHeaders.NAME)
                    .or(() -> principal.first(principal.nameType() == null ? "name" : principal.nameType(), "name"))
                    .orElse(objectId.get());
            return Optional.of(new Caller(new UserId(objectId.get()), name, new LinkedHashSet<>(principal.roles())));
        });
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .filter(v -> v != null && !v.isBlank()).findFirst();
    }
}
