package io.warden.supervisor.doctor;

import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.StopSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A configured service's command, resolved once so that matching it against a process is pure:
 * the executable through PATH (or the workdir for a relative path) to its real path, and the
 * spellings under which a script appears in its interpreter's command line.
 *
 * @param name       the service name
 * @param command    the configured command, program first
 * @param executable the program's real path, empty when it cannot be found
 * @param spellings  how the program may appear as a process's first argument (as configured,
 *                   as found on PATH, its real path)
 * @param script     whether the program is a {@code #!} script: then its interpreter runs it, and
 *                   the process's command line is the interpreter's, followed by the script and its
 *                   arguments
 * @param workdir    the real path of the working directory the service runs in
 * @param port       the declared port, 0 when none
 * @param stop       how to stop its processes
 */
record ServiceTarget(String name, List<String> command, String executable, Set<String> spellings, boolean script,
                     String workdir, int port, StopSpec stop) {

    /** The interpreter and at most one argument of its {@code #!} line come before the script. */
    private static final int MAX_INTERPRETER_WORDS = 2;
    private static final String DELETED = " (deleted)";

    ServiceTarget {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a service's command cannot be empty");
        }
        executable = Objects.requireNonNullElse(executable, "");
        spellings = Set.copyOf(spellings);
        workdir = Objects.requireNonNullElse(workdir, "");
        stop = stop == null ? StopSpec.DEFAULT : stop;
    }

    /** Resolves a spec's program and workdir on this host (file system reads only). */
    static ServiceTarget resolve(String name, ServiceSpec spec, Path baseDir) {
        Path workdir = realOrAbsolute(spec.workdir() == null ? baseDir : baseDir.resolve(spec.workdir()));
        String program = spec.command().getFirst();
        Path found = find(program, workdir, spec.env().getOrDefault("PATH", System.getenv("PATH")));
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(program);
        String executable = "";
        boolean script = false;
        if (found != null) {
            spellings.add(found.toString());
            Path real = realOrAbsolute(found);
            spellings.add(real.toString());
            executable = real.toString();
            script = isScript(real);
        }
        return new ServiceTarget(name, spec.command(), executable, spellings, script, workdir.toString(), spec.port(),
                spec.stop());
    }

    /**
     * Whether the process runs this command: the same executable (real path; the first argument
     * when the OS does not name the image) and the same arguments, in the same working directory
     * when the OS tells it.
     */
    boolean matches(ProcessRow row) {
        List<String> args = row.arguments();
        int size = command.size();
        if (args.size() < size) {
            return false;
        }
        if (!workdir.isEmpty() && !row.workdir().isEmpty() && !row.workdir().equals(workdir)) {
            return false;
        }
        List<String> rest = command.subList(1, size);
        if (script) {
            int at = args.size() - size;
            return at <= MAX_INTERPRETER_WORDS && spellings.contains(args.get(at))
                    && args.subList(at + 1, args.size()).equals(rest);
        }
        if (args.size() != size || !args.subList(1, size).equals(rest)) {
            return false;
        }
        String image = row.executable().endsWith(DELETED)
                ? row.executable().substring(0, row.executable().length() - DELETED.length()) : row.executable();
        if (!executable.isEmpty() && !image.isEmpty()) {
            return image.equals(executable);
        }
        return spellings.contains(args.getFirst());
    }

    private static Path find(String program, Path workdir, String pathVariable) {
        try {
            if (program.indexOf('/') >= 0 || program.indexOf(File.separatorChar) >= 0) {
                Path path = workdir.resolve(program);
                return Files.exists(path) ? path : null;
            }
            for (String dir : (pathVariable == null ? "" : pathVariable).split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                for (String candidate : new String[] {program, program + ".exe"}) {
                    Path path = Path.of(dir, candidate);
                    if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                        return path;
                    }
                }
            }
        } catch (InvalidPathException e) {
            // A program name the file system cannot hold: nothing on disk runs it.
        }
        return null;
    }

    private static Path realOrAbsolute(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static boolean isScript(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }
}
