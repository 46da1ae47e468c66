package io.warden.supervisor.watch;

import io.warden.supervisor.spec.WatchSpec;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files that make up a service's code: its watched paths, or the source, library and
 * configuration files of its workdir when it has no watch, less what the ignore rules leave out. Answers "when did its code last change on disk",
 * bounded: at most {@code cap} files are looked at, ignored folders are not entered.
 * Immutable, so thread safe.
 */
public final class SourceTree {

    /** The newest file found; {@code capped} when the walk stopped at the cap before the end. */
    public record Newest(Instant modified, String path, int files, boolean capped) {

        /** A process start instant from the OS is rounded (10 ms ticks on Linux): a file that close is not newer. */
        private static final java.time.Duration TOLERANCE = java.time.Duration.ofSeconds(1);

        /** Whether this file changed clearly after a process started at {@code processStart}. */
        public boolean newerThan(Instant processStart) {
            return modified.isAfter(processStart.plus(TOLERANCE));
        }
    }

    /**
     * Without {@code watch.paths} nothing says which files are code, and a service's own output
     * in its workdir (a log, a database, the file a shell redirect writes) would always look
     * newer than the process: then only source, bytecode, library and configuration files count.
     */
    static final Set<String> CODE_EXTENSIONS = Set.of("py", "pyx", "js", "mjs", "cjs", "ts", "mts", "jsx", "tsx",
            "vue", "svelte", "java", "kt", "kts", "scala", "groovy", "clj", "go", "rs", "rb", "php", "pl", "pm", "sh",
            "bash", "c", "h", "cc", "cpp", "hpp", "cs", "fs", "swift", "dart", "lua", "r", "jl", "ex", "exs", "erl",
            "hs", "ml", "zig", "nim", "html", "css", "scss", "jar", "class", "so", "dylib", "dll", "wasm", "toml",
            "yaml", "yml", "ini", "cfg", "conf", "properties", "env");

    private final Path workdir;
    private final WatchTargets targets;
    private final IgnoreRules ignore;
    private final boolean codeOnly;

    private SourceTree(Path workdir, WatchTargets targets, IgnoreRules ignore, boolean codeOnly) {
        this.workdir = workdir;
        this.targets = targets;
        this.ignore = ignore;
        this.codeOnly = codeOnly;
    }

    /**
     * @param watch        the service's watch, null when it has none (the workdir is then the tree)
     * @param ignoredTrees folders ignored whole (the state dir)
     * @throws WatchException when a watched path does not exist
     */
    public static SourceTree of(WatchSpec watch, Path workdir, List<Path> ignoredTrees) {
        Path base = workdir.toAbsolutePath().normalize();
        WatchSpec spec = watch == null ? WatchSpec.of(List.of(".")) : watch;
        return new SourceTree(base, WatchTargets.of(base, spec.paths()),
                IgnoreRules.load(base, spec.ignore(), ignoredTrees, spec.gitignore()), watch == null);
    }

    private static boolean isCode(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && CODE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** The newest modified file of the tree, walking at most {@code cap} files; empty when it has none. */
    public Optional<Newest> newest(int cap) {
        Path[] newestPath = {null};
        long[] newestMillis = {Long.MIN_VALUE};
        int[] files = {0};
        boolean[] capped = {false};
        for (Path root : targets.roots()) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && ignore.ignored(workdir, dir, true) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (!attrs.isRegularFile() || codeOnly && !isCode(file) || !targets.covers(file)
                                || ignore.ignored(workdir, file, false)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (++files[0] > cap) {
                            capped[0] = true;
                            return FileVisitResult.TERMINATE;
                        }
                        long modified = attrs.lastModifiedTime().toMillis();
                        if (modified > newestMillis[0]) {
                            newestMillis[0] = modified;
                            newestPath[0] = file;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // a root removed meanwhile: the others still count
            }
            if (capped[0]) {
                break;
            }
        }
        if (newestPath[0] == null) {
            return Optional.empty();
        }
        Path found = newestPath[0].toAbsolutePath().normalize();
        return Optional.of(new Newest(Instant.ofEpochMilli(newestMillis[0]),
                found.startsWith(workdir) ? IgnoreRules.relative(workdir, found) : found.toString(),
                Math.min(files[0], cap), capped[0]));
    }
}
