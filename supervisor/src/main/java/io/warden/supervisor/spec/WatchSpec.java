package io.warden.supervisor.spec;

import java.time.Duration;
import java.util.List;

/**
 * Restart on change (the development loop): a change under {@code paths} that no ignore rule
 * covers restarts the service after {@code debounce} of quiet. Off unless {@code watch:} is given.
 *
 * @param paths     files, folders or globs ({@code src/**}{@code /*.py}), relative to the workdir;
 *                  default the workdir
 * @param ignore    globs never to react to, relative to the workdir, matched against the path and
 *                  each of its folders ({@code *.log}, {@code build/**}); added to the defaults
 *                  (the state dir, {@code .git}, {@code __pycache__}, {@code node_modules})
 * @param debounce  quiet time after the last change before the restart; default 200ms
 * @param gitignore also ignore what the workdir's {@code .gitignore} files ignore; default true
 */
public record WatchSpec(List<String> paths, List<String> ignore, Duration debounce, Boolean gitignore) {

    /** The debounce when none is given: a burst of writes (an editor's save, a checkout) is one change. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);

    public WatchSpec {
        paths = paths == null || paths.isEmpty() ? List.of(".") : List.copyOf(paths);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        for (String path : paths) {
            if (path.isBlank()) {
                throw new IllegalArgumentException("paths contains an empty path; write . for the workdir");
            }
        }
        for (String glob : ignore) {
            if (glob.isBlank()) {
                throw new IllegalArgumentException("ignore contains an empty glob");
            }
        }
        debounce = debounce == null ? DEFAULT_DEBOUNCE : debounce;
        if (debounce.isNegative() || debounce.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("debounce must be 0ms..1m, was " + debounce.toMillis() + "ms");
        }
        gitignore = gitignore == null || gitignore;
    }

    /** Watch the workdir with every default. */
    public static WatchSpec of(List<String> paths) {
        return new WatchSpec(paths, null, null, null);
    }
}
