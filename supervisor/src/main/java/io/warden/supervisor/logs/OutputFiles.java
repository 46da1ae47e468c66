package io.warden.supervisor.logs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a child's output goes: the spool files {@link ServiceLog#attach()} made for it, which the
 * child opens in append mode for its stdout and stderr.
 */
public record OutputFiles(Path stdout, Path stderr) {

    public OutputFiles {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
