package cn.gansu.lianhu.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Tokens (issue 6 points 1 and 6): what a caller without a valid one gets, on the shared audit endpoint. */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class AuthenticationTest {
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void noTokenIs401ProblemWithBearerChallenge() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/audit")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(r.body().contains("\"rule\":\"token.missing\""), r.body());
    }

    @Test
    void expiredMalformedWronglySignedAndWrongIssuerTokensAre401() {
        for (String token : new String[] { TestTokens.expired(), TestTokens.malformed(), TestTokens.wrongKey(),
                TestTokens.wrongIssuer() }) {
            given().header("Authorization", TestTokens.bearer(token))
                    .when().get("/api/v1/audit")
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer realm=\"lianhu\"")
                    .body("type", equalTo("urn:lianhu:problem:unauthenticated"))
                    .body("errors[0].field", equalTo("Authorization"))
                    .body("errors[0].rule", equalTo("token.invalid"));
        }
    }

    @Test
    void theAuditTrailIsForProvinceAdminsAndAuditorsOnly() {
        given().when().get("/api/v1/audit").then().statusCode(200).body("page", equalTo(0));
        given().header("Authorization", TestTokens.bearer(TestTokens.auditor()))
                .when().get("/api/v1/audit").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(TestTokens.regionAdmin("6211")))
                .when().get("/api/v1/audit")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:lianhu:problem:forbidden"))
                .body("errors[0].rule", equalTo("role.not-allowed"));
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerSchemeAndTheSecurityAnswers() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                // issue 9: an HTTP bearer requirement carries no scopes (Spectral); the roles are in x-roles
                .body("paths.'/api/v1/audit'.get.security[0].bearer", equalTo(java.util.List.of()))
                .body("paths.'/api/v1/audit'.get.x-roles", equalTo(java.util.List.of("PROVINCE_ADMIN", "AUDITOR")))
                .body("paths.'/api/v1/audit'.get.responses.'401'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/audit'.get.responses.'403'.content.'application/problem+json'.examples"
                        + ".'role not allowed'.value.errors[0].rule", equalTo("role.not-allowed"));
    }

    @Test
    void aTokenNamingNoKnownRoleOrSeveralIs403TokenRoleEvenWhereAnyRoleMayRead() {
        String[] tokens = { TestTokens.role("SUPERUSER").name("someone").sign(),
                TestTokens.role("REGION_ADMIN").claim("groups", java.util.List.of("REGION_ADMIN", "PROVINCE_ADMIN"))
                        .claim("region", "6211").name("two-hats").sign() };
        for (String token : tokens) {
            for (String path : new String[] { "/api/v1/regions/62", "/api/v1/households", "/api/v1/audit" }) {
                given().header("Authorization", TestTokens.bearer(token))
                        .when().get(path)
                        .then().statusCode(403).contentType("application/problem+json")
                        .body("type", equalTo("urn:lianhu:problem:forbidden"))
                        .body("errors[0].field", equalTo("groups"))
                        .body("errors[0].rule", equalTo("token.role"));
            }
        }
    }

    @Test
    void aRegionClaimEndingInAnAllZeroLevelIs403TokenScopeNotTheWholeProvince() {
        for (String region : new String[] { "6200", "620000", "6299x", "6311" }) {
            given().header("Authorization", TestTokens.bearer(TestTokens.regionAdmin(region)))
                    .when().get("/api/v1/households")
                    .then().statusCode(403)
                    .body("errors[0].field", equalTo("region"))
                    .body("errors[0].rule", equalTo("token.scope"));
        }
        for (String region : new String[] { "6211", "621100000000", "62" }) {
            given().header("Authorization", TestTokens.bearer(TestTokens.regionAdmin(region)))
                    .when().get("/api/v1/households")
                    .then().statusCode(200);
        }
    }

    @jakarta.inject.Inject
    io.smallrye.jwt.auth.principal.JWTParser parser;

    /**
     * Verified tokens are kept (issue 7, {@link cn.gansu.lianhu.api.security.VerifiedTokenCache}) by their whole
     * string: after a good token was verified and kept, the same token with another signature is still refused,
     * and the good one still accepted.
     */
    @Test
    void aKeptTokenIsReusedOnlyAsTheExactSameString() {
        assertTrue(parser instanceof cn.gansu.lianhu.api.security.VerifiedTokenCache, parser.getClass().getName());
        String good = TestTokens.auditor();
        String sig = good.substring(good.lastIndexOf('.') + 1);
        String forged = good.substring(0, good.lastIndexOf('.') + 1) + new StringBuilder(sig).reverse();
        for (String token : new String[] { good, forged, good, forged }) {
            given().header("Authorization", TestTokens.bearer(token))
                    .when().get("/api/v1/audit")
                    .then().statusCode(token.equals(good) ? 200 : 401);
        }
    }

    @Test
    void aKeptTokenLivesUntilItsExpAtMostTheMaxAge() {
        java.time.Duration fiveMinutes = java.time.Duration.ofMinutes(5);
        assertEquals(java.time.Duration.ofSeconds(90),
                cn.gansu.lianhu.api.security.VerifiedTokenCache.lifetime(1_000_090, 1_000_000_000L, fiveMinutes));
        assertEquals(fiveMinutes,
                cn.gansu.lianhu.api.security.VerifiedTokenCache.lifetime(1_003_600, 1_000_000_000L, fiveMinutes));
        assertEquals(java.time.Duration.ZERO,
                cn.gansu.lianhu.api.security.VerifiedTokenCache.lifetime(999_000, 1_000_000_000L, fiveMinutes));
    }
}
