package io.warden.supervisor.watch;

import java.util.Objects;

/**
 * The changes that trigger one restart.
 *
 * @param first the path that changed first (relative to the workdir when below it), the one a
 *              restart's reason names
 * @param count how many changes were seen before the restart, the first included
 */
public record Change(String first, int count) {

    public Change {
        Objects.requireNonNull(first, "first");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
    }

    Change plusOne() {
        return new Change(first, count + 1);
    }

    /** {@code changed: src/app.py} or {@code changed: src/app.py and 49 more}. */
    public String reason() {
        return "changed: " + first + (count > 1 ? " and " + (count - 1) + " more" : "");
    }
}
