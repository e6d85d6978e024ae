package dev.flights.localhost.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.discovery.AppDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is valid OpenAPI 3.1, describes exactly the routes the functions' annotations declare, and
 * says who may call each. Every check is also run on a broken copy of the document, to show it notices.
 */
class OpenApiDocumentTest {

    private static final List<RouteCoverage.Route> FUNCTIONS =
            RouteCoverage.routesOf(new AppDiscovery("dev.flights").discover());
    private static final String TEXT = ApiContract.classPathText(ApiContract.RESOURCE);
    /** Open to anyone on purpose: the page (it asks to sign in), signing in and out, and this document. */
    private static final Set<String> PUBLIC = Set.of("reservationPage", "localHostPage", "openApiDocument", "devSignIn",
            "authLogout");

    @Test
    void isAValidOpenApi31DocumentByTheSpecificationsOwnSchema() {
        assertThat(specificationErrors(TEXT)).isEmpty();

        assertThat(specificationErrors(mutated(d -> ((ObjectNode) operation(d, "/api/notifications", "get")
                .path("responses").path("200")).remove("description")))).as("a response without description").isNotEmpty();
        assertThat(specificationErrors(mutated(d -> ((ObjectNode) d).put("openapi", "3.0.3"))))
                .as("another version").isNotEmpty();
    }

    @Test
    void describesEveryRouteAndMethodTheFunctionsServeAndNoOther() {
        assertThat(FUNCTIONS).as("the functions' routes were found").hasSizeGreaterThanOrEqualTo(16);

        assertThat(RouteCoverage.mismatches(FUNCTIONS, ApiContract.of(TEXT))).isEmpty();
    }

    @Test
    void noticesARouteTheDocumentLeftOut() {
        String withoutNotifications = mutated(d -> ((ObjectNode) d.path("paths")).remove("/api/notifications"));

        assertThat(RouteCoverage.mismatches(FUNCTIONS, ApiContract.of(withoutNotifications)))
                .contains("a function serves GET /api/notifications (listNotifications in notify) but the "
                        + "document does not describe it");
    }

    @Test
    void noticesARouteNoFunctionServesAWrongMethodAndAWrongApp() {
        String withExtraRoute = mutated(d -> ((ObjectNode) d.path("paths")).set("/api/flights",
                d.path("paths").path("/api/notifications").deepCopy()));
        String withWrongMethod = mutated(d -> {
            ObjectNode account = path(d, "/api/accounts/{userId}");
            account.set("put", account.remove("get"));
        });
        String withWrongApp = mutated(d -> operation(d, "/api/page", "get").put("x-served-by", "reserve"));

        assertThat(RouteCoverage.mismatches(FUNCTIONS, ApiContract.of(withExtraRoute)))
                .contains("the document describes GET /api/flights (listNotifications in notify) but no function serves it");
        assertThat(RouteCoverage.mismatches(FUNCTIONS, ApiContract.of(withWrongMethod)))
                .contains("the document describes PUT /api/accounts/{userId} (getAccount in pay) but no function serves it",
                        "a function serves GET /api/accounts/{userId} (getAccount in pay) but the document does not describe it");
        assertThat(RouteCoverage.mismatches(FUNCTIONS, ApiContract.of(withWrongApp))).contains(
                "the document describes GET /api/page (reservationPage in reserve) but no function serves it",
                "a function serves GET /api/page (reservationPage in reservation-view) but the document does not describe it");
    }

    @Test
    void everyReferenceLeadsSomewhere() {
        assertThat(danglingReferences(ApiContract.of(TEXT).document())).isEmpty();

        String broken = mutated(d -> ((ObjectNode) d.path("components").path("schemas")).remove("Account"));
        assertThat(danglingReferences(ApiContract.of(broken).document())).contains("#/components/schemas/Account");
    }

    @Test
    void everyRouteOfACustomerOrOperatorNeedsASignInAndSaysWhatAStrangerGets() {
        assertThat(authGaps(ApiContract.of(TEXT))).isEmpty();

        String openStatement = mutated(d -> operation(d, "/api/accounts/{userId}/statement", "get")
                .set("security", EventCodec.json().createArrayNode()));
        String no403 = mutated(d -> ((ObjectNode) path(d, "/api/notifications").path("get").path("responses"))
                .remove("403"));
        String operatorWithoutRole = mutated(d -> ((ArrayNode) path(d, "/api/ops/dead-letters/pay").path("get")
                .path("security")).removeAll().addObject().putArray("bearer"));
        assertThat(authGaps(ApiContract.of(openStatement))).anyMatch(gap -> gap.contains("getStatement"));
        assertThat(authGaps(ApiContract.of(no403))).containsExactly(
                "GET /api/notifications (listNotifications) takes a userId but does not document 403");
        assertThat(authGaps(ApiContract.of(operatorWithoutRole))).containsExactly(
                "GET /api/ops/dead-letters/pay (listPayDeadLetters) is an operator route without the role admin");
    }

    /** Routes of the apps need a signed-in caller (401 without); a userId says 403; operator routes need admin. */
    private static List<String> authGaps(ApiContract contract) {
        List<String> gaps = new ArrayList<>();
        JsonNode globalSecurity = contract.document().path("security");
        for (Operation operation : contract.operations()) {
            JsonNode security = operation.node().has("security") ? operation.node().path("security") : globalSecurity;
            JsonNode responses = operation.node().path("responses");
            if (PUBLIC.contains(operation.operationId())) {
                continue;
            }
            if (security.isEmpty() || !responses.has("401")) {
                gaps.add(operation + " must need a signed-in caller and document 401");
            }
            boolean operator = operation.path().startsWith("/api/ops/") || operation.path().startsWith("/admin/");
            if (operator && !requiresAdmin(security)) {
                gaps.add(operation + " is an operator route without the role admin");
            }
            if ((operator || takesUserId(contract, operation)) && !responses.has("403")) {
                gaps.add(operation + " takes a userId but does not document 403");
            }
        }
        return gaps;
    }

    private static boolean requiresAdmin(JsonNode security) {
        for (JsonNode requirement : security) {
            for (JsonNode roles : requirement) {
                if (!roles.toString().contains("\"admin\"")) {
                    return false;
                }
            }
        }
        return !security.isEmpty();
    }

    private static boolean takesUserId(ApiContract contract, Operation operation) {
        String text = operation.node().toString() + contract.document().at(operation.pointer().replaceAll("/[a-z]+$", ""))
                .path("parameters");
        return text.contains("UserIdPath") || text.contains("UserIdQuery") || text.contains("ReserveRequest");
    }

    private static List<String> danglingReferences(JsonNode document) {
        List<String> dangling = new ArrayList<>();
        collectReferences(document, document, dangling);
        return dangling;
    }

    private static void collectReferences(JsonNode document, JsonNode node, List<String> dangling) {
        if (node.isObject() && node.path("$ref").isTextual()) {
            String ref = node.path("$ref").asText();
            if (!ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode()) {
                dangling.add(ref);
            }
        }
        node.forEach(child -> collectReferences(document, child, dangling));
    }

    private static List<String> specificationErrors(String documentText) {
        Schema specification = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(OpenApiDocumentTest.class.getResourceAsStream("/openapi/oas-3.1-schema.json"));
        return specification.validate(readTree(documentText)).stream().map(Object::toString).toList();
    }

    private static ObjectNode path(JsonNode document, String path) {
        return (ObjectNode) document.path("paths").path(path);
    }

    private static ObjectNode operation(JsonNode document, String path, String method) {
        return (ObjectNode) path(document, path).get(method);
    }

    private static String mutated(Consumer<JsonNode> change) {
        JsonNode copy = readTree(TEXT);
        change.accept(copy);
        return copy.toString();
    }

    private static JsonNode readTree(String text) {
        try {
            return EventCodec.json().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
