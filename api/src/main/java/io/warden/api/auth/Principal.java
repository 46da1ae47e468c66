package io.warden.api.auth;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller: a user, the scope the token grants, and the roles the user holds (the
 * approver roles of the risk approval matrix).
 *
 * @param user  the user name
 * @param scope what the token allows
 * @param roles the user's roles, for example {@code lead}, {@code qa}
 */
public record Principal(String user, Scope scope, Set<String> roles) {

    /** The caller of a public route that sent no token. */
    public static final Principal ANONYMOUS = new Principal("anonymous", Scope.PUBLIC, Set.of());

    public Principal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(scope, "scope");
        roles = Set.copyOf(roles == null ? Set.of() : roles);
    }
}
