package io.warden.supervisor.doctor;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Commands and processes for the doctor's tests with real processes. */
final class Fixtures {

    private Fixtures() {
    }

    /** {@code java ... MAIN PORT}: the same interpreter for every fixture, small and quick to start. */
    static List<String> java(Class<?> main, int port) {
        try {
            String classes = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx24m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss256k", "-cp", classes, main.getName(),
                    Integer.toString(port));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code command} by hand (outside any supervisor) in {@code workdir} with extra variables. */
    static Process start(List<String> command, Path workdir, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        return builder.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
