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

    /** Points the builder's stdout and stderr at the log's next spool files, as a spawner would. */
    static ProcessBuilder attached(ServiceLog log, ProcessBuilder builder) {
        OutputFiles files = log.attach();
        return builder.redirectOutput(ProcessBuilder.Redirect.appendTo(files.stdout().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(files.stderr().toFile()));
    }
}
