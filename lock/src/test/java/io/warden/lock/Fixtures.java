package io.warden.lock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Starts test fixture programs as real JVM processes on this build's class path. */
final class Fixtures {

    private Fixtures() {
    }

    static Process java(Class<?> main, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new java.util.ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classPath(), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * This JVM's classes as a child JVM's {@code -cp}: when the tests run on the module path, the
     * module and its libraries are on {@code jdk.module.path}, not on the class path.
     */
    static String classPath() {
        String classes = System.getProperty("java.class.path");
        String modules = System.getProperty("jdk.module.path");
        return modules == null ? classes : classes + java.io.File.pathSeparator + modules;
    }

    static String firstLine(Process process) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? "" : line;
    }
}
