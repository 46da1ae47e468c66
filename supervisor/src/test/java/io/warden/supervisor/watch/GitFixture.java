package io.warden.supervisor.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs git in a test's checkout, with an identity of its own; fails the test with git's output. */
public final class GitFixture {

    private GitFixture() {
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/git"));
    }

    public static String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t",
                "-c", "user.email=t@t.invalid"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes());
        assertThat(git.waitFor()).as(out).isZero();
        return out;
    }
}
