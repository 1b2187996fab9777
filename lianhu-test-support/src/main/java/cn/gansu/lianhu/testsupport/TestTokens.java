package cn.gansu.lianhu.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * JWT bearer tokens for tests (issue 6), signed by a key pair made once per test JVM. The services under
 * test trust its public key and {@link #ISSUER} through {@link LianhuTestResource}. Every REST Assured
 * request sends {@link #provinceAdmin()} (with the {@code pii} claim) unless a test sets its own
 * {@code Authorization} header, which then replaces it.
 */
public final class TestTokens {
    /** The issuer the services under test trust. */
    public static final String ISSUER = "https://sso.lianhu.test";

    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();
    private static Path publicKeyFile;

    private TestTokens() {
    }

    /** A token builder for one role; add scope claims, then {@link Builder#sign()}. */
    public static Builder role(String role) {
        return new Builder(role);
    }

    /** PROVINCE_ADMIN with full personal numbers ({@code pii}); the default of every request. */
    public static String provinceAdmin() {
        return role("PROVINCE_ADMIN").name("test-province-admin").pii(true).sign();
    }

    public static String regionAdmin(String regionPrefix) {
        return role("REGION_ADMIN").name("test-region-admin-" + regionPrefix).claim("region", regionPrefix).sign();
    }

    public static String unitAdmin(UUID unit) {
        return role("UNIT_ADMIN").name("test-unit-admin").claim("unit", unit.toString()).sign();
    }

    public static String cadre(UUID cadre) {
        return role("CADRE").name("test-cadre").claim("cadre", cadre.toString()).sign();
    }

    public static String auditor() {
        return role("AUDITOR").name("test-auditor").sign();
    }

    public static String integration() {
        return role("INTEGRATION").name("test-integration").sign();
    }

    /** A province admin's token that expired an hour ago. */
    public static String expired() {
        return role("PROVINCE_ADMIN").name("test-expired").expiresAt(System.currentTimeMillis() / 1000 - 3600).sign();
    }

    /** A province admin's token from an issuer the services do not trust. */
    public static String wrongIssuer() {
        return role("PROVINCE_ADMIN").name("test-wrong-issuer").issuer("https://sso.elsewhere.test").sign();
    }

    /** A province admin's token signed by a key the services do not know. */
    public static String wrongKey() {
        return role("PROVINCE_ADMIN").name("test-wrong-key").signWith(OTHER_KEYS.getPrivate()).sign();
    }

    /** Not a JWT at all. */
    public static String malformed() {
        return "not.a.jwt";
    }

    /** {@code "Bearer " + token}, for {@code .header("Authorization", ...)}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The public key as PEM. */
    public static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A file holding {@link #publicKeyPem()}, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("lianhu-test-jwt-", ".pem");
                Files.writeString(publicKeyFile, publicKeyPem());
                publicKeyFile.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    /**
     * Makes every REST Assured request send this token unless the request sets its own Authorization
     * header (which then replaces it).
     */
    public static synchronized void useByDefault(String token) {
        defaultToken = token;
        if (!filterInstalled) {
            RestAssured.filters(DEFAULT_TOKEN);
            filterInstalled = true;
        }
    }

    private static volatile String defaultToken;
    private static boolean filterInstalled;
    /** Adds the default token to a request that names no Authorization header of its own. */
    private static final Filter DEFAULT_TOKEN = (request, response, context) -> {
        if (defaultToken != null && !request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", bearer(defaultToken));
        }
        return context.next(request, response);
    };

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token being built. */
    public static final class Builder {
        private final JwtClaimsBuilder claims;
        private String issuer = ISSUER;
        private PrivateKey key = KEYS.getPrivate();
        private long expiresAt = System.currentTimeMillis() / 1000 + 3600;

        private Builder(String role) {
            claims = Jwt.claims().groups(Set.of(role)).subject("test-" + role.toLowerCase());
        }

        public Builder name(String name) {
            claims.preferredUserName(name).upn(name);
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Builder pii(boolean pii) {
            claims.claim("pii", pii);
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder expiresAt(long epochSeconds) {
            this.expiresAt = epochSeconds;
            return this;
        }

        public Builder signWith(PrivateKey key) {
            this.key = key;
            return this;
        }

        public String sign() {
            return claims.issuer(issuer).issuedAt(Math.min(expiresAt - 60, System.currentTimeMillis() / 1000))
                    .expiresAt(expiresAt).sign(key);
        }
    }
}
