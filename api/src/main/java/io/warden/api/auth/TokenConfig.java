package io.warden.api.auth;

import java.util.List;

/**
 * One API token in {@code warden.yaml}: {@code auth.tokens[]}. Give the token's SHA-256 (hex)
 * rather than the token itself where the config is shared.
 *
 * @param user   who uses the token
 * @param token  the token itself (at least 16 characters), or empty when {@code sha256} is given
 * @param sha256 the SHA-256 of the token in hex, or empty
 * @param scope  {@code read} or {@code admin}; default {@code read}
 * @param roles  approver roles, for example {@code [lead, qa]}
 */
public record TokenConfig(String user, String token, String sha256, Scope scope, List<String> roles) {

    public TokenConfig {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user is required");
        }
        token = token == null ? "" : token;
        sha256 = sha256 == null ? "" : sha256.toLowerCase(java.util.Locale.ROOT);
        if (token.isEmpty() == sha256.isEmpty()) {
            throw new IllegalArgumentException("give exactly one of token or sha256 for user " + user);
        }
        if (!token.isEmpty() && token.length() < 16) {
            throw new IllegalArgumentException("the token of user " + user + " is shorter than 16 characters");
        }
        if (!sha256.isEmpty() && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 of user " + user + " is not 64 hex digits");
        }
        scope = scope == null ? Scope.READ : scope;
        if (scope == Scope.PUBLIC) {
            throw new IllegalArgumentException("a token's scope is read or admin");
        }
        roles = List.copyOf(roles == null ? List.of() : roles);
    }
}
