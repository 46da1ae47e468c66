package io.warden.supervisor.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders a watch registers and the test of whether a changed file is one of its
 * {@code watch.paths}: a folder (everything below it), a file, or a glob, whose folder part
 * before the first wildcard is the folder registered ({@code src/**}{@code /*.py} watches
 * {@code src}). Immutable.
 */
final class WatchTargets {

    private record Target(Path root, Glob glob, Path file) {
        boolean covers(Path workdir, Path path) {
            if (file != null) {
                return path.equals(file);
            }
            if (!path.startsWith(root)) {
                return false;
            }
            return glob == null || path.startsWith(workdir) && glob.matches(IgnoreRules.relative(workdir, path));
        }
    }

    private final Path workdir;
    private final List<Target> targets;

    private WatchTargets(Path workdir, List<Target> targets) {
        this.workdir = workdir;
        this.targets = List.copyOf(targets);
    }

    /**
     * @throws WatchException when a plain path (no wildcard) does not exist: a typo would otherwise
     *                        watch nothing, silently
     */
    static WatchTargets of(Path workdir, List<String> paths) {
        Path base = workdir.toAbsolutePath().normalize();
        List<Target> targets = new ArrayList<>();
        for (String entry : paths) {
            String text = entry.replace('\\', '/');
            if (Glob.isPattern(text)) {
                int slash = text.lastIndexOf('/', firstWildcard(text));
                Path root = slash < 0 ? base : base.resolve(text.substring(0, slash)).normalize();
                if (!root.startsWith(base)) {
                    throw new WatchException("watch path '" + entry + "' leaves the workdir " + base
                            + "; a glob must stay below it");
                }
                String folder = IgnoreRules.relative(base, root);
                String rest = text.substring(slash + 1);
                targets.add(new Target(root, Glob.of(folder.isEmpty() ? rest : folder + "/" + rest), null));
                continue;
            }
            Path path = base.resolve(text).normalize();
            if (Files.isDirectory(path)) {
                targets.add(new Target(path, null, null));
            } else if (Files.exists(path)) {
                targets.add(new Target(path.getParent(), null, path));
            } else {
                throw new WatchException("watch path '" + entry + "' does not exist in " + base
                        + "; write a folder, a file or a glob such as src/**/*.py relative to the workdir");
            }
        }
        return new WatchTargets(base, targets);
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return i;
            }
        }
        return -1;
    }

    Path workdir() {
        return workdir;
    }

    /** The folders to register, none inside another. */
    List<Path> roots() {
        List<Path> all = targets.stream().map(Target::root).distinct().toList();
        return all.stream().filter(root -> all.stream().noneMatch(other -> !other.equals(root) && root.startsWith(other)))
                .toList();
    }

    /** Whether a change of {@code path} (absolute) is one this watch reacts to, ignore rules aside. */
    boolean covers(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return targets.stream().anyMatch(target -> target.covers(workdir, absolute));
    }
}
