package cn.gansu.lianhu.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * The local RSA key pair that signs the tokens of a local run (issue 6 point 5): {@code jwt-private.pem}
 * (PKCS#8, file mode 600) and {@code jwt-public.pem} (X.509 SubjectPublicKeyInfo) in {@code .lianhu/keys},
 * made once (RSA 2048) by {@code ./lianhu run} or {@code ./lianhu token --init} and kept between runs. The
 * services of a local run verify tokens with the public key ({@code mp.jwt.verify.publickey.location});
 * docker-compose mounts the same folder. A real deployment uses the provincial SSO's key instead
 * (README "Security").
 */
public final class LocalKeys {
    /** The issuer of local tokens: the default of {@code mp.jwt.verify.issuer} in every service. */
    public static final String DEFAULT_ISSUER = "https://sso.lianhu.local";
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private final Path dir;
    private final PrivateKey privateKey;

    private LocalKeys(Path dir, PrivateKey privateKey) {
        this.dir = dir;
        this.privateKey = privateKey;
    }

    /**
     * The issuer a local run uses: {@code LIANHU_JWT_ISSUER} if set (the services read the same variable),
     * else {@link #DEFAULT_ISSUER}.
     */
    public static String issuer() {
        String env = System.getenv("LIANHU_JWT_ISSUER");
        return env == null || env.isBlank() ? DEFAULT_ISSUER : env.trim();
    }

    /** Reads the key pair of {@code dir}; makes it first if the private key is missing. */
    public static LocalKeys loadOrCreate(Path dir) {
        try {
            Files.createDirectories(dir);
            Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
            Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
            if (!Files.isRegularFile(privateFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                writeAtomically(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "rw-------");
                writeAtomically(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-r--r--");
                return new LocalKeys(dir, pair.getPrivate());
            }
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(privateFile), "PRIVATE KEY")));
            if (!Files.isRegularFile(publicFile)) {
                // the public half of a PKCS#8 RSA key: modulus and public exponent
                RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
                PublicKey pub = KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
                writeAtomically(publicFile, pem("PUBLIC KEY", pub.getEncoded()), "rw-r--r--");
            }
            return new LocalKeys(dir, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the JWT keys in " + dir, e);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException(dir.resolve(PRIVATE_KEY_FILE) + " is not a PKCS#8 RSA private key in PEM "
                    + "(delete the folder " + dir + " to make a new pair): " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path publicKeyFile() {
        return dir.resolve(PUBLIC_KEY_FILE).toAbsolutePath();
    }

    public Path privateKeyFile() {
        return dir.resolve(PRIVATE_KEY_FILE).toAbsolutePath();
    }

    /** {@code file:<absolute path of jwt-public.pem>}, for {@code mp.jwt.verify.publickey.location}. */
    public String publicKeyLocation() {
        return "file:" + publicKeyFile();
    }

    /** Signs (RS256) a token for {@code spec}, issued now by {@code issuer}. */
    public String sign(TokenSpec spec, String issuer) {
        long now = Instant.now().getEpochSecond();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(issuer)
                .subject(spec.name())
                .preferredUserName(spec.name())
                .upn(spec.name())
                .groups(Set.of(spec.role()))
                .issuedAt(now)
                .expiresAt(now + spec.lifetime().toSeconds());
        spec.region().ifPresent(r -> claims.claim("region", r));
        spec.unit().ifPresent(u -> claims.claim("unit", u));
        spec.cadre().ifPresent(c -> claims.claim("cadre", c));
        if (spec.pii()) {
            claims.claim("pii", true);
        }
        return claims.jws().sign(privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    /** Writes to a temp file with the permissions from the start, then renames it into place. */
    private static void writeAtomically(Path file, String content, String permissions) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + tmp, e);
        }
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
