package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.localhost.discovery.AppDiscovery;
import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.localhost.discovery.FunctionDefinition;
import dev.flights.platform.auth.ClientPrincipal;
import dev.flights.platform.auth.PrincipalHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Identity end to end, on every HTTP route the apps declare: nobody signed in is a 401, principal headers a client
 * forges are dropped, another customer is a 403 (their account, their list) or a 404 (their reservation) and nothing
 * is stored or sent, an operator reads everything and operates; the dev sign-in, /.auth/me and sign-out behave as
 * App Service's.
 */
class SignInIT {

    private static final String PAGE_FUNCTION = "reservationPage";

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    /** A customer with money, one reservation through the saga and notifications about it. */
    private record Victim(String userId, String reservationId) {
    }

    private Victim aVictim() {
        String userId = Api.newCustomer();
        api.deposit(userId, 150);
        String id = api.reserve(userId, "KE7");
        api.awaitStatus(id, "TICKETED");
        host.awaitQuiet(Duration.ofSeconds(20));
        return new Victim(userId, id);
    }

    @TestFactory
    Stream<DynamicTest> everyRouteButThePageRefusesAnAnonymousOrForgedCallerWith401AndDoesNothing() {
        Victim victim = aVictim();
        String forgedAdmin = ClientPrincipal.entra(victim.userId(), victim.userId(), List.of("admin")).encode();
        return customerAndOperatorRoutes().map(route -> DynamicTest.dynamicTest(route.describe(), () -> {
            int messagesBefore = host.topic().acceptedMessages().size();
            Api.Response anonymous = call(api.anonymous(), route, victim, null);
            Api.Response forged = call(api.anonymous(), route, victim, Map.of(PrincipalHeaders.PRINCIPAL, forgedAdmin,
                    PrincipalHeaders.ID, victim.userId(), PrincipalHeaders.NAME, victim.userId(),
                    PrincipalHeaders.IDP, "aad"));

            for (Api.Response response : List.of(anonymous, forged)) {
                assertThat(response.status()).as("%s", route.describe()).isEqualTo(401);
                assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            }
            assertUntouched(victim, messagesBefore);
        }));
    }

    @TestFactory
    Stream<DynamicTest> anotherCustomerIsRefusedOnEveryRouteAndNothingIsStoredOrSent() {
        Victim victim = aVictim();
        Api mallory = api.as(Api.newCustomer());
        return customerAndOperatorRoutes().map(route -> DynamicTest.dynamicTest(route.describe(), () -> {
            int messagesBefore = host.topic().acceptedMessages().size();

            Api.Response response = call(mallory, route, victim, null);

            // another's reservation is not found (its existence is not revealed); another's account or list is 403,
            // as are the operator routes to a customer
            int expected = trigger(route).route().startsWith("reservations/{id}") ? 404 : 403;
            assertThat(response.status()).as("%s: %s", route.describe(), response.body()).isEqualTo(expected);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertUntouched(victim, messagesBefore);
        }));
    }

    @Test
    void anOperatorReadsAnyAccountListAndReservationAndUsesTheOperatorRoutesButSpendsNobodysMoney() {
        Victim victim = aVictim();

        assertThat(api.get("/api/accounts/" + victim.userId()).body().path("balance").asLong()).isEqualTo(50);
        assertThat(api.get("/api/reservations/" + victim.reservationId()).status()).isEqualTo(200);
        assertThat(api.get("/api/reservations?userId=" + victim.userId()).body().path("items")).hasSize(1);
        assertThat(api.get("/api/notifications?userId=" + victim.userId()).body().path("items")).isNotEmpty();
        for (String subscription : List.of("reserve", "pay", "issue-ticket", "notify")) {
            assertThat(api.get("/api/ops/dead-letters/" + subscription).status()).isEqualTo(200);
        }
        assertThat(api.get("/admin/status").status()).isEqualTo(200);
        assertThat(api.post("/api/accounts/" + victim.userId() + "/deposits", "{\"amount\":10}", Map.of()).status())
                .isEqualTo(403);
        assertThat(api.post("/api/reservations/" + victim.reservationId() + "/cancel", null, Map.of()).status())
                .as("an operator does not cancel for a customer").isEqualTo(404);
        assertUntouched(victim, host.topic().acceptedMessages().size());
    }

    @Test
    void aSignedInCustomerLeavesOutTheirUserIdAndGetsTheirOwnThings() {
        String customer = Api.newCustomer();
        Api own = api.as(customer);
        api.deposit(customer, 100);

        Api.Response reserved = own.post("/api/reservations", "{\"flightId\":\"KE9\"}", Map.of());

        assertThat(reserved.status()).isEqualTo(202);
        assertThat(reserved.body().path("userId").asText()).isEqualTo(customer);
        api.awaitStatus(reserved.body().path("reservationId").asText(), "TICKETED");
        Api.await(() -> own.get("/api/reservations").body().path("items"), items -> items.size() == 1,
                "the customer's own list");
        assertThat(own.get("/api/notifications").body().path("items")).isNotEmpty();
    }

    @Test
    void theDevSignInAnswersAsAClientDirectedSignInAndMeListsThePrincipalWithEntrasClaims() {
        String customer = Api.newCustomer();
        Api.Response signedIn = api.anonymous().post("/.auth/login/dev",
                "{\"userId\":\"" + customer + "\",\"roles\":[\"auditor\"]}", Map.of());

        assertThat(signedIn.status()).isEqualTo(200);
        String token = signedIn.body().path("authenticationToken").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{43,}");
        assertThat(signedIn.body().path("user").path("userId").asText()).isEqualTo(customer);
        assertThat(signedIn.header("Set-Cookie")).startsWith("AppServiceAuthSession=" + token + ";")
                .contains("HttpOnly", "SameSite=Strict", "Path=/");

        JsonNode me = withToken(HttpRequest.newBuilder(host.baseUri().resolve("/.auth/me")).GET(), "X-ZUMO-AUTH",
                token).body();
        assertThat(me.isArray()).isTrue();
        assertThat(me.get(0).path("provider_name").asText()).isEqualTo("aad");
        assertThat(me.get(0).path("user_id").asText()).isEqualTo(customer);
        assertThat(me.get(0).path("expires_on").asText()).isNotBlank();
        assertThat(me.get(0).path("id_token").asText()).as("a bearer token for the API").isEqualTo(token);
        assertThat(me.get(0).path("user_claims").findValuesAsText("typ"))
                .contains("http://schemas.microsoft.com/identity/claims/objectidentifier", "roles");
    }

    @Test
    void theTokenWorksAsBearerOrCookieAndNoLongerAfterSignOut() {
        String customer = Api.newCustomer();
        String token = api.signIn(customer, "[]");
        String path = "/api/reservations?userId=" + customer;

        assertThat(withToken(get(path), "Authorization", "Bearer " + token).status()).isEqualTo(200);
        assertThat(withToken(get(path), "Cookie", "AppServiceAuthSession=" + token).status()).isEqualTo(200);
        Api.Response signedOut = withToken(HttpRequest.newBuilder(host.baseUri().resolve("/.auth/logout")).GET(),
                "X-ZUMO-AUTH", token);

        assertThat(signedOut.status()).isEqualTo(200);
        assertThat(signedOut.header("Set-Cookie")).startsWith("AppServiceAuthSession=;").contains("Max-Age=0");
        assertThat(withToken(get(path), "X-ZUMO-AUTH", token).status()).as("a presented token that ended")
                .isEqualTo(401);
        assertThat(withToken(get(path), "Cookie", "AppServiceAuthSession=" + token).status())
                .as("a stale cookie is nobody").isEqualTo(401);
        assertThat(withToken(get("/.auth/me"), "X-ZUMO-AUTH", token).status()).isEqualTo(401);
        assertThat(withToken(get(path), "X-ZUMO-AUTH", "made-up-" + UUID.randomUUID()).status()).isEqualTo(401);
    }

    @Test
    void aBadSignInIsA400NamingTheField() {
        for (String[] bad : new String[][] {{"{}", "userId"}, {"{\"userId\":\"a b\"}", "userId"},
                {"{\"userId\":\"ok\",\"roles\":\"admin\"}", "roles"}, {"{\"userId\":\"ok\",\"roles\":[\"a b\"]}", "roles"},
                {"not json", "body"}}) {
            Api.Response response = api.anonymous().post("/.auth/login/dev", bad[0], Map.of());

            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo(bad[1]);
        }
    }

    @Test
    void stateChangesFromAnotherOriginAreRefusedEvenWithTheSessionCookieOrTheAdminRole() {
        String customer = Api.newCustomer();
        String token = api.signIn(customer, "[\"admin\"]");
        String deposit = "/api/accounts/" + customer + "/deposits";

        Api.Response crossSite = withToken(post(deposit).header("Sec-Fetch-Site", "cross-site"), "Cookie",
                "AppServiceAuthSession=" + token);
        Api.Response otherPort = withToken(post(deposit).header("Sec-Fetch-Site", "same-site")
                .header("Origin", "http://localhost:8000"), "Cookie", "AppServiceAuthSession=" + token);
        Api.Response otherOrigin = withToken(post("/admin/apps/pay/unavailable").header("Origin",
                "https://evil.example"), "X-ZUMO-AUTH", token);
        Api.Response signInFromElsewhere = api.anonymous().send(HttpRequest.newBuilder(host.baseUri()
                .resolve("/.auth/login/dev")).header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"attacker\"}")));
        Api.Response sameOrigin = withToken(post(deposit).header("Sec-Fetch-Site", "same-origin")
                .header("Origin", host.baseUri().toString().replaceAll("/$", "")), "Cookie",
                "AppServiceAuthSession=" + token);

        assertThat(List.of(crossSite, otherPort, otherOrigin, signInFromElsewhere))
                .allSatisfy(response -> assertThat(response.status()).isEqualTo(403));
        assertThat(api.get("/admin/status").body().path("apps").path("pay").path("available").asBoolean()).isTrue();
        assertThat(sameOrigin.status()).isEqualTo(200);
        assertThat(sameOrigin.body().path("balance").asLong()).as("only the same-origin deposit").isEqualTo(10);
    }

    @Test
    void theAdminRoutesNeedTheAdminRole() {
        Api customer = api.as(Api.newCustomer());

        assertThat(api.anonymous().get("/admin/status").status()).isEqualTo(401);
        assertThat(customer.get("/admin/status").status()).isEqualTo(403);
        assertThat(customer.post("/admin/apps/pay/unavailable", null, Map.of()).status()).isEqualTo(403);
        assertThat(api.get("/admin/status").body().path("apps").path("pay").path("available").asBoolean()).isTrue();
    }

    @Test
    void anUnsafeCorrelationIdIsReplacedNotEchoed() {
        String customer = Api.newCustomer();
        Api.Response response = api.as(customer).send(HttpRequest.newBuilder(host.baseUri()
                .resolve("/api/reservations?userId=" + customer)).header("X-Correlation-Id", "<script>alert(1)</script>")
                .GET());

        assertThat(response.status()).isEqualTo(200);
        assertThat(UUID.fromString(response.header("X-Correlation-Id"))).isNotNull();
    }

    private Api.Response withToken(HttpRequest.Builder request, String header, String value) {
        return api.anonymous().send(request.header(header, value));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(host.baseUri().resolve(path)).GET();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(host.baseUri().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":10}"));
    }

    /** Every HTTP function but the page (which anyone may load, to sign in), from the apps' own annotations. */
    private static Stream<FunctionDefinition> customerAndOperatorRoutes() {
        List<FunctionDefinition> routes = new ArrayList<>();
        for (FunctionApp app : new AppDiscovery("dev.flights").discover()) {
            app.functions().stream().filter(FunctionDefinition::isHttp)
                    .filter(f -> !f.name().equals(PAGE_FUNCTION)).forEach(routes::add);
        }
        assertThat(routes).hasSizeGreaterThanOrEqualTo(15);
        return routes.stream();
    }

    private static HttpTrigger trigger(FunctionDefinition function) {
        return (HttpTrigger) function.trigger();
    }

    /** The route with the victim's ids, a body that would be accepted, and the victim's userId in the query. */
    private Api.Response call(Api caller, FunctionDefinition function, Victim victim, Map<String, String> headers) {
        HttpTrigger trigger = trigger(function);
        String path = "/api/" + trigger.route().replace("{userId}", victim.userId())
                .replace("{id}", victim.reservationId()) + "?userId=" + victim.userId();
        String method = trigger.methods()[0].name();
        String body = switch (function.name()) {
            case "deposit" -> "{\"amount\":1000}";
            case "reserve" -> "{\"userId\":\"" + victim.userId() + "\",\"flightId\":\"KE8\"}";
            default -> method.equals("POST") ? "{\"all\":true}" : null;
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(host.baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers != null) {
            headers.forEach(request::header);
        }
        return caller.send(request);
    }

    private void assertUntouched(Victim victim, int messagesBefore) {
        host.awaitQuiet(Duration.ofSeconds(20));
        assertThat(host.topic().acceptedMessages()).as("nothing sent").hasSize(messagesBefore);
        assertThat(api.as(victim.userId()).balance(victim.userId())).isEqualTo(50);
        assertThat(api.as(victim.userId()).reservation(victim.reservationId()).path("status").asText())
                .isEqualTo("TICKETED");
        assertThat(api.list(victim.userId())).hasSize(1);
    }
}
