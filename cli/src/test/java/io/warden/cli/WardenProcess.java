package io.warden.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code warden} process started from this build's class path, with its output in files so
 * a chatty child never blocks on a full pipe.
 */
final class WardenProcess implements AutoCloseable {

    final Process process;
    private final Path out;
    private final Path err;

    private WardenProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static WardenProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, java.util.Map.of(), args);
    }

    /** As above, with {@code env} added to the child's environment. */
    static WardenProcess start(Path workDir, java.util.Map<String, String> env, String... args) throws IOException {
        return start(workDir, env, List.of(), args);
    }

    /** As above, the process started under {@code ulimit -n descriptors} (through bash). */
    static WardenProcess startWithDescriptorLimit(Path workDir, int descriptors, String... args) throws IOException {
        return start(workDir, java.util.Map.of(), List.of("bash", "-c", "ulimit -n " + descriptors + " && exec \"$@\"",
                "bash"), args);
    }

    private static WardenProcess start(Path workDir, java.util.Map<String, String> env, List<String> prefix,
                                       String... args) throws IOException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlagsFor(args.length == 0 ? "" : args[0]));
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                "-cp", classPathFor(args.length == 0 ? "" : args[0], List.of(args).contains("--watch")),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        return new WardenProcess(process, out, err);
    }

    /**
     * The JVM flags the launcher ({@code warden}) gives a command, so the tests' daemon runs with
     * the heap and trimming a user's does: full JIT for {@code up}, C1 only for the rest.
     */
    static List<String> jvmFlagsFor(String command) {
        return command.equals("up")
                ? List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms16m", "-Xmx256m", "-XX:NewSize=8m", "-XX:MaxNewSize=16m",
                        "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TrimNativeHeapInterval=5000")
                : List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");
    }

    /**
     * The class path the launcher gives a command: the lean one for the commands that must start
     * fast (only cli, os, lock, config, supervisor, JNA and Jackson's annotations), so a class missing
     * from it fails these tests rather than a user's shell.
     */
    static String classPathFor(String command, boolean watch) {
        String full = System.getProperty("java.class.path");
        if (!LEAN_COMMANDS.contains(command)) {
            return full;
        }
        List<String> entries = watch ? java.util.stream.Stream.concat(LEAN_ENTRIES.stream(),
                java.util.stream.Stream.of("directory-watcher", "slf4j-api")).toList() : LEAN_ENTRIES;
        return java.util.Arrays.stream(full.split(java.io.File.pathSeparator))
                .filter(entry -> entries.stream().anyMatch(entry::contains))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static final java.util.Set<String> LEAN_COMMANDS = java.util.Set.of("run", "status", "start", "stop",
            "restart", "logs", "alerts", "silence");
    private static final List<String> LEAN_ENTRIES = List.of("/cli/target/classes", "/os/target/", "/lock/target/",
            "/config/target/", "/supervisor/target/", "jna-jpms", "jackson-annotations");

    /** Runs to completion (at most 60 s) and returns the exit code. */
    int await() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("warden did not exit within 60 s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    String stdout() {
        return read(out);
    }

    String stderr() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
