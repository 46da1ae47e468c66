package io.warden.governance.approval;

import io.warden.governance.ValidationException;
import java.util.List;
import java.util.Locale;

/**
 * A person acting on assessments, with the roles they hold ({@code lead}, {@code qa}...). The API
 * maps bearer tokens to these; every actor (author, reviewer, deployer) is one.
 *
 * @param user  the user name
 * @param roles the roles, lower case, without duplicates
 */
public record Approver(String user, List<String> roles) {

    /** Validates and normalises; a refusal names the field. */
    public Approver {
        user = ValidationException.requireText("user", user);
        roles = ValidationException.texts("roles", roles).stream()
                .map(role -> role.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }

    /** A user with the given roles. */
    public static Approver of(String user, String... roles) {
        return new Approver(user, List.of(roles));
    }

    /** Whether this is {@code other} user (user names compare without case). */
    public boolean is(String other) {
        return user.equalsIgnoreCase(other);
    }
}
