package io.warden.api;

import io.warden.api.auth.TokenConfig;
import java.util.List;
import java.util.Set;

/**
 * {@code auth} in {@code warden.yaml}.
 *
 * @param tokens       bearer tokens mapped to users, scopes and roles (the admin token in the
 *                     state dir is always valid too)
 * @param publicRoutes GET paths that answer without a token; default {@code [/health]}
 */
public record AuthSettings(List<TokenConfig> tokens, Set<String> publicRoutes) {

    public AuthSettings {
        tokens = List.copyOf(tokens == null ? List.of() : tokens);
        publicRoutes = Set.copyOf(publicRoutes == null ? Set.of("/health") : publicRoutes);
    }

    /** The defaults: only the admin token; {@code /health} open. */
    public static AuthSettings defaults() {
        return new AuthSettings(null, null);
    }
}
