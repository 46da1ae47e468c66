package io.warden.supervisor.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import io.methvin.watcher.visitor.FileTreeVisitor;
import io.warden.supervisor.spec.WatchSpec;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.helpers.NOPLogger;

/**
 * One running watch: the folders of a {@link WatchSpec} watched recursively (directory-watcher,
 * file hashing off: a restart needs no content diff, and hashing would read every file at
 * start), changes filtered by the ignore rules, restarts debounced and coalesced
 * ({@link RestartCoalescer}). Ignored folders ({@code .git}, {@code node_modules}, the state dir)
 * are not even registered, so a big tree costs only the watches of its sources.
 *
 * <p>Thread safety: {@link #close()} from any thread; the restart callback runs on a virtual
 * thread, one at a time.
 */
public final class ChangeWatch implements AutoCloseable {

    private final WatchSpec spec;
    private final Path base;
    private final List<Path> ignoredTrees;
    private final WatchTargets targets;
    private final RestartCoalescer coalescer;
    private final ScheduledExecutorService timer;
    /** Read again when a .gitignore changes, so what it now ignores stops restarting the service. */
    private volatile IgnoreRules ignore;
    private DirectoryWatcher watcher;

    private ChangeWatch(WatchSpec spec, Path base, List<Path> ignoredTrees, Consumer<Change> restart) {
        this.spec = spec;
        this.base = base;
        this.ignoredTrees = List.copyOf(ignoredTrees);
        this.targets = WatchTargets.of(base, spec.paths());
        this.ignore = IgnoreRules.load(base, spec.ignore(), ignoredTrees, spec.gitignore());
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("warden-watch-timer").factory());
        this.coalescer = new RestartCoalescer(spec.debounce(), timer, restart);
    }

    /**
     * Registers the watch and returns once every folder is registered: a change made after this
     * returns is seen.
     *
     * @param workdir      the service's working directory, against which paths and globs resolve
     * @param ignoredTrees folders ignored whole besides the rules (the state dir, with the logs)
     * @param restart      called with the changes of each burst, never twice at once
     * @throws WatchException when a path does not exist or the OS refuses a watch
     */
    public static ChangeWatch start(WatchSpec spec, Path workdir, List<Path> ignoredTrees, Consumer<Change> restart) {
        ChangeWatch watch = new ChangeWatch(spec, workdir.toAbsolutePath().normalize(), ignoredTrees, restart);
        watch.register();
        return watch;
    }

    private void register() {
        List<Path> roots = targets.roots();
        try {
            watcher = DirectoryWatcher.builder()
                    .paths(roots)
                    .fileHashing(false)
                    .fileTreeVisitor(this::visit)
                    .logger(NOPLogger.NOP_LOGGER)
                    .listener(this::onEvent)
                    .build();
            ExecutorService loop = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().daemon().name("warden-watch").factory());
            // Registers every folder before it returns; a failure comes back as a failed future.
            CompletableFuture<Void> watching = watcher.watchAsync(loop);
            loop.shutdown(); // its one thread ends with the event loop, at close
            if (watching.isCompletedExceptionally()) {
                watching.join();
            }
        } catch (IOException | RuntimeException e) {
            timer.shutdownNow();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new WatchException("cannot watch " + roots + ": " + cause.getMessage()
                    + (String.valueOf(cause.getMessage()).contains("limit") ? "; raise "
                    + "fs.inotify.max_user_watches, or narrow watch.paths" : ""), cause);
        }
    }

    private void onEvent(DirectoryChangeEvent event) {
        if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
            coalescer.changed("(more changes than the OS queue holds)");
            return;
        }
        Path path = event.path();
        if (path == null || event.isDirectory() && event.eventType() != DirectoryChangeEvent.EventType.DELETE) {
            return; // a folder made or touched: its files' own changes follow if they matter
        }
        if (spec.gitignore() && path.getFileName() != null && path.getFileName().toString().equals(".gitignore")) {
            ignore = IgnoreRules.load(base, spec.ignore(), ignoredTrees, true);
        }
        if (!targets.covers(path) || ignore.ignored(base, path, false)) {
            return;
        }
        Path absolute = path.toAbsolutePath().normalize();
        coalescer.changed(absolute.startsWith(base) ? IgnoreRules.relative(base, absolute) : absolute.toString());
    }

    /** Registers every folder below a root but the ignored ones. */
    private void visit(Path root, FileTreeVisitor.Callback onDirectory, FileTreeVisitor.Callback onFile)
            throws IOException {
        IgnoreRules rules = ignore;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && rules.ignored(base, dir, true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                onDirectory.call(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                return FileVisitResult.CONTINUE; // no hashing: nothing to read per file
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // gone or unreadable meanwhile
            }
        });
    }

    /** The folders registered (none inside another). */
    public List<Path> roots() {
        return targets.roots();
    }

    @Override
    public void close() {
        coalescer.close();
        try {
            watcher.close();
        } catch (IOException e) {
            // closing the OS watch fails only when it is gone already
        }
        timer.shutdownNow();
    }
}
