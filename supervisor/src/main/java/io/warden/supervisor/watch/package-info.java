/**
 * The development loop: restart a service when its code changes on disk ({@code watch:} in
 * warden.yaml, {@code warden run --watch}), and which files make up its code.
 *
 * <p>A change goes through three filters: the watched paths ({@link WatchTargets}), the ignore
 * rules (defaults, {@code watch.ignore}, {@code .gitignore}: {@link IgnoreRules}), and the
 * debounce with coalescing ({@link RestartCoalescer}): one restart per burst, never two at once,
 * and changes during a restart make at most one more. The restart itself is the supervisor's
 * (whole tree, port free, start), so a reload leaves no orphan behind, unlike a reloader inside
 * the service ({@code uvicorn --reload}) whose workers outlive it.
 *
 * <p>Folders are watched with directory-watcher (FSEvents on macOS, where the JDK only polls;
 * the JDK's WatchService on Linux and Windows), hashing off, ignored folders never registered.
 */
package io.warden.supervisor.watch;
