package io.warden.supervisor.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The git checkout a folder is in, read from {@code .git} directly (HEAD, loose refs,
 * {@code packed-refs}): the commit needs no {@code git} program. Only the dirty flag asks
 * {@code git status}, when git is installed, bounded in time.
 */
public final class Checkout {

    private static final Duration GIT_PATIENCE = Duration.ofSeconds(2);

    private Checkout() {
    }

    /** The top folder of the checkout {@code dir} is in (the one holding {@code .git}); empty when none. */
    public static Optional<Path> topLevel(Path dir) {
        for (Path at = dir.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
            if (Files.exists(at.resolve(".git"))) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    /** The commit checked out in the checkout {@code dir} is in; empty when none or unreadable. */
    public static Optional<String> commit(Path dir) {
        return topLevel(dir).flatMap(Checkout::gitDir).flatMap(Checkout::head);
    }

    /**
     * Whether tracked files differ from the commit ({@code git status --porcelain
     * --untracked-files=no}); empty when there is no checkout, no git, or git took too long.
     */
    public static Optional<Boolean> dirty(Path dir) {
        Optional<Path> top = topLevel(dir);
        if (top.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process git = new ProcessBuilder("git", "-C", top.get().toString(), "status", "--porcelain",
                    "--untracked-files=no").redirectErrorStream(true).start();
            git.getOutputStream().close();
            byte[] first = git.getInputStream().readNBytes(1);
            if (!git.waitFor(GIT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            return git.exitValue() == 0 ? Optional.of(first.length > 0) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no git installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code .git} itself, or the folder a {@code .git} file points to (a worktree, a submodule). */
    private static Optional<Path> gitDir(Path top) {
        Path dotGit = top.resolve(".git");
        if (Files.isDirectory(dotGit)) {
            return Optional.of(dotGit);
        }
        return firstLine(dotGit).filter(line -> line.startsWith("gitdir:"))
                .map(line -> top.resolve(line.substring("gitdir:".length()).strip()).normalize());
    }

    static Optional<String> head(Path gitDir) {
        Optional<String> head = firstLine(gitDir.resolve("HEAD"));
        if (head.isEmpty() || !head.get().startsWith("ref:")) {
            return head.filter(Checkout::isSha);
        }
        String ref = head.get().substring("ref:".length()).strip();
        // A worktree keeps HEAD in its own folder but the refs in the main repository's.
        Path common = firstLine(gitDir.resolve("commondir")).map(gitDir::resolve).orElse(gitDir).normalize();
        for (Path refs : List.of(gitDir, common)) {
            Optional<String> loose = firstLine(refs.resolve(ref)).filter(Checkout::isSha);
            if (loose.isPresent()) {
                return loose;
            }
        }
        try {
            for (String line : Files.readAllLines(common.resolve("packed-refs"), StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref) && isSha(line.substring(0, line.indexOf(' ')))) {
                    return Optional.of(line.substring(0, line.indexOf(' ')));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no packed refs: a branch without a commit yet
        }
        return Optional.empty();
    }

    private static boolean isSha(String text) {
        return text.length() >= 40 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static Optional<String> firstLine(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(String::strip);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
