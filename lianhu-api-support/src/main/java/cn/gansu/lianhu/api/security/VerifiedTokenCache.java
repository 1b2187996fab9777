package cn.gansu.lianhu.api.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

import javax.crypto.SecretKey;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

/**
 * Verifies each distinct bearer token once, not on every request (DESIGN.md §5; issue 7: the RSA signature check
 * was a quarter of visit-service's CPU when a cadre logs visits). It stands in for SmallRye JWT's parser: a token
 * string seen before, whose {@code exp} has not passed, gets the {@link JsonWebToken} its first verification gave;
 * any other string is verified in full by {@link DefaultJWTParser} (signature, issuer, expiry with the configured
 * skew: {@code mp.jwt.verify.clock.skew}, SmallRye's default 60 s after {@code exp}) and, when that passes,
 * remembered. A token past its {@code exp} is never answered from the cache. A token that fails is never remembered, so a tampered or expired token
 * is refused exactly as before.
 * <p>
 * The key is the whole token, signature included. An entry lives until the earliest of the token's {@code exp}
 * (wall-clock, as the verifier reads it), {@code lianhu.security.token-cache.max-age} after it was verified
 * (default 5 minutes) and its eviction when {@code lianhu.security.token-cache.max-entries} (default 10,000; 0 turns
 * the cache off) are held. Memory: about 2 KB per entry, so 20 MB at most by default.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {
    @Inject
    DefaultJWTParser verifier;

    @ConfigProperty(name = "lianhu.security.token-cache.max-entries", defaultValue = "10000")
    long maxEntries;

    @ConfigProperty(name = "lianhu.security.token-cache.max-age", defaultValue = "PT5M")
    Duration maxAge;

    private Cache<String, JsonWebToken> verified;

    @PostConstruct
    void init() {
        verified = Caffeine.newBuilder().maximumSize(Math.max(maxEntries, 0))
                .expireAfter(Expiry.<String, JsonWebToken> creating(
                        (token, jwt) -> lifetime(jwt.getExpirationTime(), System.currentTimeMillis(), maxAge)))
                .build();
    }

    /**
     * How long a token verified at {@code nowMillis} may be reused: until its {@code exp} (epoch seconds), at most
     * {@code maxAge}, never negative.
     */
    public static Duration lifetime(long expSeconds, long nowMillis, Duration maxAge) {
        Duration untilExp = Duration.ofMillis(Math.max(0, expSeconds * 1000 - nowMillis));
        return untilExp.compareTo(maxAge) < 0 ? untilExp : maxAge;
    }

    /** The token's claims, from the cache when this exact token was verified before and is not expired. */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (maxEntries <= 0 || token == null) {
            return verifier.parse(token);
        }
        JsonWebToken hit = verified.getIfPresent(token);
        if (hit != null && hit.getExpirationTime() * 1000 > System.currentTimeMillis()) {
            return hit;
        }
        JsonWebToken fresh = verifier.parse(token);
        verified.put(token, fresh);
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
