package io.warden.supervisor.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a watch never reacts to: the defaults (the state dir, {@code .git}, {@code __pycache__},
 * {@code node_modules}, editors' swap and backup files), the service's {@code watch.ignore}
 * globs, and what the workdir's {@code .gitignore} (and the checkout's top-level one) ignore.
 * A restart on the service's own writes (its log, its bytecode cache) would loop forever.
 *
 * <p>Paths are relative to the workdir, with {@code /}. A rule without a slash matches a file or
 * folder name at any depth ({@code *.log}); a rule with one is anchored at the workdir
 * ({@code build/**}); a path is ignored when it or any folder above it is. Of gitignore's syntax,
 * {@code !negation} re-includes a file (not one inside an ignored folder, as in git); nested
 * {@code .gitignore} files below the workdir are not read. Immutable, so thread safe.
 */
final class IgnoreRules {

    static final List<String> DEFAULTS = List.of(".git", "__pycache__", "node_modules", "*.pyc", "*.swp", "*.swx",
            "*~", ".#*", "4913");

    private record Rule(Glob glob, boolean anchored, boolean negated, boolean folderOnly) {
    }

    private final List<Rule> rules;
    private final List<Path> ignoredTrees;

    private IgnoreRules(List<Rule> rules, List<Path> ignoredTrees) {
        this.rules = List.copyOf(rules);
        this.ignoredTrees = List.copyOf(ignoredTrees);
    }

    /**
     * @param globs        the service's {@code watch.ignore}
     * @param ignoredTrees absolute folders ignored whole (the state dir)
     * @param gitignore    whether to read {@code .gitignore} files
     */
    static IgnoreRules load(Path workdir, List<String> globs, List<Path> ignoredTrees, boolean gitignore) {
        List<Rule> rules = new ArrayList<>();
        DEFAULTS.forEach(line -> add(rules, line));
        if (gitignore) {
            Path top = Checkout.topLevel(workdir).orElse(null);
            if (top != null && !top.equals(workdir)) {
                String below = relative(top, workdir);
                for (String line : read(top.resolve(".gitignore"))) {
                    // anchored rules of the top-level file are re-anchored at the workdir when they reach into it
                    String rule = line.startsWith("/") ? line.substring(1) : line;
                    if (rule.contains("/") && !rule.endsWith("/") || line.startsWith("/")) {
                        if (rule.startsWith(below + "/")) {
                            add(rules, rule.substring(below.length() + 1));
                        }
                    } else {
                        add(rules, line);
                    }
                }
            }
            read(workdir.resolve(".gitignore")).forEach(line -> add(rules, line));
        }
        globs.forEach(line -> add(rules, line));
        List<Path> trees = ignoredTrees.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        return new IgnoreRules(rules, trees);
    }

    private static List<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // unreadable: nothing ignored beyond the defaults
        }
    }

    private static void add(List<Rule> rules, String line) {
        String rule = line.strip();
        if (rule.isEmpty() || rule.startsWith("#")) {
            return;
        }
        boolean negated = rule.startsWith("!");
        rule = negated ? rule.substring(1) : rule;
        boolean folderOnly = rule.endsWith("/");
        rule = folderOnly ? rule.substring(0, rule.length() - 1) : rule;
        boolean anchored = rule.contains("/");
        rule = rule.startsWith("/") ? rule.substring(1) : rule;
        if (!rule.isEmpty()) {
            rules.add(new Rule(Glob.of(rule), anchored, negated, folderOnly));
        }
    }

    /** Whether {@code path} (absolute, under {@code workdir}) is ignored; {@code folder} when it is one. */
    boolean ignored(Path workdir, Path path, boolean folder) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path tree : ignoredTrees) {
            if (absolute.startsWith(tree)) {
                return true;
            }
        }
        if (!absolute.startsWith(workdir)) {
            return false;
        }
        String relative = relative(workdir, absolute);
        if (relative.isEmpty()) {
            return false;
        }
        // A path inside an ignored folder is ignored, whatever a later negation says (as in git).
        int slash = relative.indexOf('/');
        while (slash > 0) {
            if (decide(relative.substring(0, slash), true)) {
                return true;
            }
            slash = relative.indexOf('/', slash + 1);
        }
        return decide(relative, folder);
    }

    /** The last rule that matches decides, as in gitignore. */
    private boolean decide(String relative, boolean folder) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        boolean ignored = false;
        for (Rule rule : rules) {
            if (rule.folderOnly && !folder) {
                continue;
            }
            if (rule.glob.matches(rule.anchored ? relative : name)) {
                ignored = !rule.negated;
            }
        }
        return ignored;
    }

    static String relative(Path base, Path path) {
        return base.relativize(path).toString().replace('\\', '/');
    }
}
