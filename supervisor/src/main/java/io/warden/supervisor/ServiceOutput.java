package io.warden.supervisor;

import io.warden.supervisor.logs.LogSettings;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a service's output goes. The log-capture package provides the real one (rotation,
 * timestamps, follow); the composition root adapts it with a lambda. The stand-in
 * {@link #appendToFile} appends both streams to {@code logs/NAME.log} in the state directory,
 * written by the OS directly, so the child never blocks on a pipe and outlives the daemon.
 */
public interface ServiceOutput extends AutoCloseable {

    /** Sets the child's stdin, stdout and stderr before it starts. */
    void attach(ProcessBuilder builder);

    /** Resumes capture for a child adopted after a daemon restart. */
    void adopt(long pid);

    @Override
    void close();

    /** Opens a service's output. */
    @FunctionalInterface
    interface Factory {
        ServiceOutput open(Path stateDir, String service, LogSettings settings);
    }

    /** The stand-in: both streams appended to {@code logs/NAME.log}, no rotation. */
    static Factory appendToFile() {
        return (stateDir, service, settings) -> {
            Path file = stateDir.resolve("logs").resolve(service + ".log");
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + file.getParent(), e);
            }
            return new ServiceOutput() {
                @Override
                public void attach(ProcessBuilder builder) {
                    File nul = new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
                    builder.redirectInput(ProcessBuilder.Redirect.from(nul))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()));
                }

                @Override
                public void adopt(long pid) {
                    // The adopted child still appends to the same file by itself.
                }

                @Override
                public void close() {
                }
            };
        };
    }
}
