package dev.flights.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallerIdentityTest {

    // what App Service Authentication sends after a Microsoft Entra ID sign-in (claim types after its mapping)
    private static final String ENTRA_PRINCIPAL = """
            {"auth_typ":"aad","claims":[
             {"typ":"aud","val":"6f1e3b2a-0000-4000-8000-000000000001"},
             {"typ":"iss","val":"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0"},
             {"typ":"name","val":"Alice Kim"},
             {"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier",
              "val":"3f2c1d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f"},
             {"typ":"preferred_username","val":"alice@contoso.com"},
             {"typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier",
              "val":"AAAAAAAAAAAAAAAAAAAAAGxpY2UtcGFpcndpc2Utc3Vi"},
             {"typ":"roles","val":"admin"},
             {"typ":"http://schemas.microsoft.com/identity/claims/tenantid","val":"72f988bf-86f1-41af-91ab-2d7cd011db47"}],
             "name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
             "role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}""";

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCustomerIsTheEntraObjectIdAndTheRolesComeFromTheRolesClaim() {
        Caller caller = CallerIdentity.from(Map.of("x-ms-client-principal", base64(ENTRA_PRINCIPAL),
                "x-ms-client-principal-name", "alice@contoso.com")).orElseThrow();

        assertThat(caller.userId()).isEqualTo(new UserId("3f2c1d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f"));
        assertThat(caller.name()).isEqualTo("alice@contoso.com");
        assertThat(caller.roles()).containsExactly("admin");
        assertThat(caller.isAdmin()).isTrue();
    }

    @Test
    void theUnmappedOidClaimAndTheRoleClaimTypeAreReadToo() {
        String json = """
                {"auth_typ":"aad","claims":[{"typ":"oid","val":"bob-1"},
                 {"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"auditor"}],
                 "role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}""";

        Caller caller = CallerIdentity.from(Map.of("X-MS-CLIENT-PRINCIPAL", base64(json))).orElseThrow();

        assertThat(caller.userId()).isEqualTo(new UserId("bob-1"));
        assertThat(caller.roles()).containsExactly("auditor");
        assertThat(caller.isAdmin()).isFalse();
    }

    @Test
    void noPrincipalHeaderIsNobodyWhateverTheOtherHeadersSay() {
        assertThat(CallerIdentity.from(Map.of())).isEmpty();
        assertThat(CallerIdentity.from(null)).isEmpty();
        assertThat(CallerIdentity.from(Map.of("x-ms-client-principal-id", "alice",
                "x-ms-client-principal-name", "alice"))).isEmpty();
    }

    @Test
    void aPrincipalThatIsNotBase64JsonOrHasNoUsableObjectIdIsNobody() {
        for (String header : List.of("not base64!", base64("not json"), base64("[]"), base64("{\"claims\":[]}"),
                base64("{\"claims\":[{\"typ\":\"name\",\"val\":\"alice\"}]}"),
                base64("{\"claims\":[{\"typ\":\"oid\",\"val\":\"a b\"}]}"),
                base64("{\"claims\":[{\"typ\":\"oid\",\"val\":\"\"}]}"),
                // garbage of every other shape: the wrong types, nulls, nesting past the parser's limit, a value
                // that is Base64 of bytes that are no text, a header of odd Unicode
                base64("null"), base64("{\"claims\":\"oid\"}"), base64("{\"claims\":[1,null,[]]}"),
                base64("{\"claims\":[{\"typ\":[],\"val\":{}}]}"), base64("{\"claims\":[{\"typ\":\"oid\"}]}"),
                base64("{\"claims\":[{\"typ\":\"oid\",\"val\":\"alice\"},{\"typ\":\"oid\"}],\"role_typ\":[]}"),
                base64("{\"claims\":" + "[".repeat(3000) + "]".repeat(3000) + "}"),
                java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}),
                "\u00e9\u202e\ud83d\ude00", "====", " ")) {
            assertThat(CallerIdentity.from(Map.of("x-ms-client-principal", header))).as(header).isEmpty();
        }
    }

    @Test
    void aPrincipalBuiltWithEntrasClaimTypesMapsBackToTheSameCaller() {
        ClientPrincipal principal = ClientPrincipal.entra("alice", "alice", List.of("admin"));

        Caller caller = CallerIdentity.from(PrincipalHeaders.of(principal, "alice", "alice")).orElseThrow();

        assertThat(caller).isEqualTo(new Caller(new UserId("alice"), "alice", java.util.Set.of("admin")));
        assertThat(PrincipalHeaders.of(principal, "alice", "alice")).containsEntry("X-MS-CLIENT-PRINCIPAL-IDP", "aad");
    }
}
