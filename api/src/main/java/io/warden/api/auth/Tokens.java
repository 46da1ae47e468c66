package io.warden.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens to principals. Tokens are kept only as SHA-256 digests; a presented token is
 * hashed and its digest compared with every known digest in constant time, so neither the time
 * nor the order of the comparisons depends on how much of a guess is right. Immutable and thread
 * safe.
 */
public final class Tokens {

    /**
     * Cloning a prototype skips the provider lookup of {@code getInstance} on every request. (A
     * digest per thread in a ThreadLocal was measured slower: the lookup on the server's virtual
     * threads cost more than the clone.)
     */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record Known(byte[] digest, Principal principal) {
    }

    /** Few entries (the configured users and the admin): a scan of all is cheaper than hashing a key. */
    private final Known[] known;

    private Tokens(List<Known> known) {
        this.known = known.toArray(Known[]::new);
    }

    /** The configured tokens plus the daemon's admin token (user {@code admin}, all roles none). */
    public static Tokens of(List<TokenConfig> configured, String adminToken) {
        List<Known> known = new ArrayList<>();
        for (TokenConfig token : configured) {
            byte[] digest = token.sha256().isEmpty() ? sha256(token.token()) : HexFormat.of().parseHex(token.sha256());
            Principal principal = new Principal(token.user(), token.scope(), Set.copyOf(token.roles()));
            Known same = find(known, digest);
            if (same != null) {
                throw new IllegalArgumentException("two users share one token: " + token.user() + " and "
                        + same.principal().user());
            }
            known.add(new Known(digest, principal));
        }
        if (adminToken != null) {
            byte[] digest = sha256(adminToken);
            if (find(known, digest) == null) {
                known.add(new Known(digest, new Principal("admin", Scope.ADMIN, Set.of())));
            }
        }
        return new Tokens(known);
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
        byte[] digest = sha256(token);
        Principal found = null;
        // Every digest is compared, also after a match: the time does not tell which entry matched.
        for (Known entry : known) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    private static Known find(List<Known> known, byte[] digest) {
        return known.stream().filter(entry -> MessageDigest.isEqual(entry.digest(), digest)).findFirst().orElse(null);
    }

    static byte[] sha256(String token) {
        try {
            MessageDigest digest = (MessageDigest) SHA_256.clone();
            return digest.digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }
}
