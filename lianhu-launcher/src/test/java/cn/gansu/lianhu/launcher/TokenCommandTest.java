package cn.gansu.lianhu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code ./lianhu token} (issue 6 point 5): the local key pair, the claims of each role, and the refusals (exit 2).
 * The services' acceptance of these tokens is checked end to end by {@link SuiteEndToEndTest}.
 */
class TokenCommandTest {
    private static final String UNIT = "3f2b6f8e-51c4-4d7e-9a57-0c2f1b7d9e10";

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Launcher.token(List.of(args), home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void initMakesThePrivateKeyReadableByTheOwnerOnly() throws Exception {
        Run r = run("--init");
        assertEquals(0, r.code(), r.err());
        Path keys = home.resolve(".lianhu/keys");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("jwt-private.pem"))));
        assertTrue(Files.readString(keys.resolve("jwt-private.pem")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(keys.resolve("jwt-public.pem")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        String before = Files.readString(keys.resolve("jwt-public.pem"));
        assertEquals(0, run("--init").code());
        assertEquals(before, Files.readString(keys.resolve("jwt-public.pem")), "a second --init keeps the pair");
        // a lost public key is derived again from the private one
        Files.delete(keys.resolve("jwt-public.pem"));
        assertEquals(0, run("--init").code());
        assertEquals(before, Files.readString(keys.resolve("jwt-public.pem")));
    }

    @Test
    void aRegionAdminsTokenIsSignedByTheLocalKeyWithItsClaims() throws Exception {
        Run r = run("--role", "region_admin", "--region", "6211", "--name", "dingxi-office", "--hours", "2");
        assertEquals(0, r.code(), r.err());
        String token = r.out().trim();
        assertEquals(r.out(), token + System.lineSeparator(), "only the token on stdout");
        JsonNode claims = verified(token);
        assertEquals("https://sso.lianhu.local", claims.path("iss").asText());
        assertEquals("[\"REGION_ADMIN\"]", claims.path("groups").toString());
        assertEquals("6211", claims.path("region").asText());
        assertEquals("dingxi-office", claims.path("preferred_username").asText());
        assertEquals("dingxi-office", claims.path("upn").asText());
        assertFalse(claims.has("pii"));
        long now = Instant.now().getEpochSecond();
        assertTrue(Math.abs(claims.path("exp").asLong() - (now + 7200)) < 60, claims.toString());

        JsonNode admin = verified(run("--role", "PROVINCE_ADMIN", "--pii").out().trim());
        assertTrue(admin.path("pii").asBoolean(), admin.toString());
        assertEquals("local-province-admin", admin.path("sub").asText());
        assertTrue(Math.abs(admin.path("exp").asLong() - (now + 12 * 3600)) < 60, admin.toString());
        JsonNode unitAdmin = verified(run("--role=UNIT_ADMIN", "--unit=" + UNIT).out().trim());
        assertEquals(UNIT, unitAdmin.path("unit").asText());
    }

    @Test
    void wrongCommandLinesAreRefusedWithExitCode2() {
        List<List<String>> wrong = List.of(
                List.of(),
                List.of("--role", "VILLAGE_CHIEF"),
                List.of("--role", "REGION_ADMIN"),
                List.of("--role", "UNIT_ADMIN"),
                List.of("--role", "CADRE"),
                List.of("--role", "REGION_ADMIN", "--region", "6311"),
                List.of("--role", "REGION_ADMIN", "--region", "621"),
                List.of("--role", "REGION_ADMIN", "--region", "6200"),
                List.of("--role", "REGION_ADMIN", "--region", "620000"),
                List.of("--role", "UNIT_ADMIN", "--unit", "unit-1"),
                List.of("--role", "AUDITOR", "--region", "62"),
                List.of("--role", "AUDITOR", "--hours", "0"),
                List.of("--role", "AUDITOR", "--hours", "745"),
                List.of("--role", "AUDITOR", "--colour", "red"),
                List.of("--role"),
                List.of("--init", "--role", "AUDITOR"));
        List<String> expected = List.of("--role is required", "unknown role VILLAGE_CHIEF",
                "REGION_ADMIN needs --region", "UNIT_ADMIN needs --unit", "CADRE needs --cadre",
                "--region 6311 is not a Gansu NBS code", "--region 621 is not a Gansu NBS code",
                "--region 6200 ends in an all-zero level", "--region 620000 ends in an all-zero level",
                "--unit unit-1 is not a UUID", "--region is only for REGION_ADMIN", "--hours 0 is not",
                "--hours 745 is not", "unknown option --colour", "--role needs a value", "--init takes no other option");
        for (int i = 0; i < wrong.size(); i++) {
            Run r = run(wrong.get(i).toArray(String[]::new));
            assertEquals(2, r.code(), wrong.get(i) + ": " + r.out() + r.err());
            assertEquals("", r.out(), wrong.get(i).toString());
            assertTrue(r.err().startsWith("lianhu token: " + expected.get(i)), wrong.get(i) + ": " + r.err());
            assertTrue(r.err().contains("usage: ./lianhu token --role ROLE"), r.err());
        }
    }

    /** The claims of a token whose RS256 signature the local public key verifies. */
    private JsonNode verified(String token) throws Exception {
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, token);
        String pem = Files.readString(home.resolve(".lianhu/keys/jwt-public.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", ""));
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "signature");
        ObjectMapper mapper = new ObjectMapper();
        assertEquals("RS256", mapper.readTree(Base64.getUrlDecoder().decode(parts[0])).path("alg").asText());
        return mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
