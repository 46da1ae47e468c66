package io.warden.supervisor.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String OTHER = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path dir;

    @Test
    void commit_followsHeadToALooseRef_fromASubfolder() throws IOException {
        Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve(".git/refs/heads/main"), SHA + "\n");
        Path sub = Files.createDirectories(dir.resolve("backend/app"));
        assertThat(Checkout.topLevel(sub)).contains(dir.toAbsolutePath().normalize());
        assertThat(Checkout.commit(sub)).contains(SHA);
    }

    @Test
    void commit_readsPackedRefs_andADetachedHead() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/dev\n");
        Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
                + OTHER + " refs/heads/main\n" + SHA + " refs/heads/dev\n");
        assertThat(Checkout.commit(dir)).contains(SHA);
        Files.writeString(dir.resolve(".git/HEAD"), OTHER + "\n");
        assertThat(Checkout.commit(dir)).contains(OTHER);
    }

    @Test
    void worktree_readsItsHeadAndTheMainRepositorysRefs() throws IOException {
        Path main = Files.createDirectories(dir.resolve("main/.git/refs/heads"));
        Files.writeString(main.resolve("main"), SHA + "\n");
        Path wtGit = Files.createDirectories(dir.resolve("main/.git/worktrees/wt"));
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        Path worktree = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + wtGit + "\n");
        assertThat(Checkout.commit(worktree)).contains(SHA);
    }

    @Test
    void noCheckout_hasNoCommitAndNoDirtyFlag() {
        assertThat(Checkout.commit(dir)).isEmpty();
        assertThat(Checkout.dirty(dir)).isEmpty();
    }
}
