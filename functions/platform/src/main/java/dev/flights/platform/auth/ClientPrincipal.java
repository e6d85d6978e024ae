package dev.flights.platform.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flights.contract.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The decoded {@code X-MS-CLIENT-PRINCIPAL} header, as App Service Authentication writes it: Base64 of
 * {@code {"auth_typ":"aad","claims":[{"typ":..,"val":..}],"name_typ":..,"role_typ":..}}. Claim types are the ones
 * after App Service's default claim mapping (so {@code oid} arrives as {@link #OBJECT_ID}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientPrincipal(@JsonProperty("auth_typ") String authType, List<Claim> claims,
        @JsonProperty("name_typ") String nameType, @JsonProperty("role_typ") String roleType) {

    /** Entra ID's object id after App Service's claim mapping; {@code oid} as it is in the token. */
    public static final String OBJECT_ID = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    public static final String OBJECT_ID_SHORT = "oid";
    public static final String ROLES = "roles";
    public static final String ENTRA_ROLE_TYPE = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    public static final String ENTRA_NAME_TYPE = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    public static final String ENTRA = "aad";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Claim(String typ, String val) {
    }

    public ClientPrincipal {
        claims = claims == null ? List.of() : claims.stream().filter(c -> c != null && c.typ() != null).toList();
    }

    /**
     * A principal with the claim types App Service gives for a Microsoft Entra ID sign-in (after its claim mapping),
     * so that whoever builds one (the local host's sign-in emulation, tests) exercises the same mapping as Azure.
     */
    public static ClientPrincipal entra(String objectId, String name, Collection<String> roles) {
        List<Claim> claims = new ArrayList<>();
        claims.add(new Claim(OBJECT_ID, objectId));
        claims.add(new Claim("name", name));
        claims.add(new Claim("preferred_username", name));
        roles.forEach(role -> claims.add(new Claim(ROLES, role)));
        return new ClientPrincipal(ENTRA, claims, ENTRA_NAME_TYPE, ENTRA_ROLE_TYPE);
    }

    /** Empty when the header is not Base64 of a principal object. */
    public static Optional<ClientPrincipal> decode(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getDecoder().decode(header.trim());
            return Optional.ofNullable(EventCodec.json().readValue(json, ClientPrincipal.class));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    public String encode() {
        try {
            return Base64.getEncoder().encodeToString(EventCodec.json().writeValueAsBytes(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a principal is strings and lists", e);
        }
    }

    public Optional<String> first(String... types) {
        for (String type : types) {
            Optional<String> value = claims.stream().filter(c -> c.typ().equals(type)).map(Claim::val)
                    .filter(v -> v != null && !v.isBlank()).findFirst();
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** Values of the role claim type and of {@code roles}: Entra's app roles arrive under the latter. */
    public List<String> roles() {
        return claims.stream()
                .filter(c -> c.typ().equals(ROLES) || c.typ().equals(roleType))
                .map(Claim::val).filter(v -> v != null && !v.isBlank()).distinct().toList();
    }
}
