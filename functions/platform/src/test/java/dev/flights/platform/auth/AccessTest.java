package dev.flights.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flights.contract.UserId;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {

    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final Caller ALICE_SIGNED_IN = new Caller(ALICE, "alice", Set.of());
    private static final Caller OPERATOR = new Caller(new UserId("ops"), "ops", Set.of("admin"));

    private static InProcessHttpRequest signedIn(String userId, String... roles) {
        return InProcessHttpRequest.get("/api/x", Map.of())
                .withHeaders(PrincipalHeaders.of(ClientPrincipal.entra(userId, userId, List.of(roles)), userId, userId));
    }

    private static int refusal(Runnable check) {
        return catchThrowableOfType(AccessRefusedException.class, check::run).status();
    }

    @Test
    void aRequestWithoutAPrincipalIsUnauthenticated() {
        assertThat(refusal(() -> Access.signedIn(InProcessHttpRequest.get("/api/x", Map.of())))).isEqualTo(401);
        assertThat(refusal(() -> Access.requireAdmin(InProcessHttpRequest.get("/api/x", Map.of())))).isEqualTo(401);
    }

    @Test
    void theSignedInCallerIsTheOneThePrincipalNames() {
        assertThat(Access.signedIn(signedIn("alice")).userId()).isEqualTo(ALICE);
    }

    @Test
    void nobodyActsForAnotherCustomerNotEvenAnOperator() {
        assertThatCode(() -> Access.requireSelf(ALICE_SIGNED_IN, ALICE)).doesNotThrowAnyException();
        assertThat(refusal(() -> Access.requireSelf(ALICE_SIGNED_IN, BOB))).isEqualTo(403);
        assertThat(refusal(() -> Access.requireSelf(OPERATOR, BOB))).isEqualTo(403);
    }

    @Test
    void aCustomerReadsOnlyTheirOwnAndAnOperatorReadsAny() {
        assertThatCode(() -> Access.requireReader(ALICE_SIGNED_IN, ALICE)).doesNotThrowAnyException();
        assertThat(refusal(() -> Access.requireReader(ALICE_SIGNED_IN, BOB))).isEqualTo(403);
        assertThatCode(() -> Access.requireReader(OPERATOR, BOB)).doesNotThrowAnyException();
    }

    @Test
    void aStateChangeABrowserSentFromAnotherSiteIsRefusedAndReadsOrNonBrowsersAreNot() {
        for (String site : List.of("cross-site", "same-site", "Cross-Site")) {
            InProcessHttpRequest post = InProcessHttpRequest.post("/api/x", "{}", Map.of("Sec-Fetch-Site", site));
            assertThat(refusal(() -> Access.refuseCrossSite(post))).as(site).isEqualTo(403);
        }
        for (String site : List.of("same-origin", "none")) {
            InProcessHttpRequest post = InProcessHttpRequest.post("/api/x", "{}", Map.of("Sec-Fetch-Site", site));
            assertThatCode(() -> Access.refuseCrossSite(post)).as(site).doesNotThrowAnyException();
        }
        assertThatCode(() -> Access.refuseCrossSite(InProcessHttpRequest.post("/api/x", "{}", Map.of())))
                .doesNotThrowAnyException();
        assertThatCode(() -> Access.refuseCrossSite(InProcessHttpRequest.get("/api/x", Map.of())
                .withHeaders(Map.of("Sec-Fetch-Site", "cross-site")))).doesNotThrowAnyException();
    }

    @Test
    void operatorRoutesNeedTheAdminRole() {
        assertThat(refusal(() -> Access.requireAdmin(signedIn("alice")))).isEqualTo(403);
        assertThat(refusal(() -> Access.requireAdmin(signedIn("alice", "auditor")))).isEqualTo(403);
        assertThat(Access.requireAdmin(signedIn("ops", "admin")).isAdmin()).isTrue();
    }
}
