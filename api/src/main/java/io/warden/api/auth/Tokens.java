package io.warden.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens to principals. Tokens are kept only as SHA-256 digests; lookup hashes the
 * presented token, so comparison time does not depend on how much of a guess is right.
 * Immutable and thread safe.
 */
public final class Tokens {

    private final Map<String, Principal> byDigest;

    private Tokens(Map<String, Principal> byDigest) {
        this.byDigest = Map.copyOf(byDigest);
    }

    /** The configured tokens plus the daemon's admin token (user {@code admin}, all roles none). */
    public static Tokens of(List<TokenConfig> configured, String adminToken) {
        Map<String, Principal> byDigest = new HashMap<>();
        for (TokenConfig token : configured) {
            String digest = token.sha256().isEmpty() ? sha256(token.token()) : token.sha256();
            Principal principal = new Principal(token.user(), token.scope(), Set.copyOf(token.roles()));
            if (byDigest.putIfAbsent(digest, principal) != null) {
                throw new IllegalArgumentException("two users share one token: " + token.user() + " and "
                        + byDigest.get(digest).user());
            }
        }
        if (adminToken != null) {
            byDigest.putIfAbsent(sha256(adminToken), new Principal("admin", Scope.ADMIN, Set.of()));
        }
        return new Tokens(byDigest);
    }

    /** The principal for an {@code Authorization} header value ({@code Bearer <token>}), if valid. */
    public Optional<Principal> fromAuthorization(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return fromToken(header.substring(7).strip());
    }

    /** The principal for a raw token, if valid. */
    public Optional<Principal> fromToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        return Optional.ofNullable(byDigest.get(sha256(token)));
    }

    /** Cloning a prototype skips the provider lookup of {@code getInstance} on every request. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256(String token) {
        try {
            MessageDigest digest = (MessageDigest) SHA_256.clone();
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }
}
