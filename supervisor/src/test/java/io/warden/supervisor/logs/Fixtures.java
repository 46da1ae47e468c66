package io.warden.supervisor.logs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Commands that run test fixture programs as real JVM processes on this build's class path. */
final class Fixtures {

    private Fixtures() {
    }

    static ProcessBuilder java(Class<?> main, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
