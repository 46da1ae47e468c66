package io.warden.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state dir as an attacker on the same host would prepare it: links in place of the files
 * Warden writes, and directories other users can write. Real symbolic links, real modes.
 */
class StateDirLinksTest {

    @TempDir
    Path dir;

    private static PidRecord self() {
        return PidRecord.ofCurrentProcess("test", 0, "test");
    }

    private Path victim(String text) throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        return Files.writeString(outside.resolve("victim"), text);
    }

    @Test
    void aPidTempFileLink_isReplaced_andItsTargetUntouched() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Path target = victim("precious\n");
        Files.createSymbolicLink(state.resolve("backend.pid.tmp"), target);
        try (InstanceLock lock = InstanceLock.acquire(state, "backend", self())) {
            assertThat(Files.readString(lock.pidFile())).startsWith(Long.toString(ProcessHandle.current().pid()));
            assertThat(Files.isSymbolicLink(lock.pidFile())).isFalse();
        }
        assertThat(Files.readString(target)).isEqualTo("precious\n");
    }

    @Test
    void aPidFileLink_isReplacedByRename_neverWrittenThrough() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Path target = victim("precious\n");
        Files.createSymbolicLink(state.resolve("backend.pid"), target);
        try (InstanceLock lock = InstanceLock.acquire(state, "backend", self())) {
            assertThat(Files.isSymbolicLink(lock.pidFile())).isFalse();
        }
        assertThat(Files.readString(target)).isEqualTo("precious\n");
    }

    @Test
    void aLockFileLink_isRefusedNamingTheFile_andItsTargetIsNotCreated() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Path target = dir.resolve("outside-created");
        Path link = Files.createSymbolicLink(state.resolve("backend.lock"), target);
        assertThatThrownBy(() -> InstanceLock.acquire(state, "backend", self()))
                .isInstanceOf(LockException.class)
                .hasMessageContaining(link.toRealPath(java.nio.file.LinkOption.NOFOLLOW_LINKS).toString())
                .hasMessageContaining("is a symbolic link")
                .hasMessageContaining("rm ");
        assertThat(target).doesNotExist();
    }

    @Test
    void aStateDirOthersCanWrite_isRefusedWithTheChmodThatFixesIt() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> InstanceLock.acquire(state, "backend", self()))
                .isInstanceOf(LockException.class)
                .hasMessage("state directory " + state.toRealPath() + " is open to other users (mode rwxrwxrwx): "
                        + "run 'chmod 700 " + state.toRealPath() + "'");
        assertThat(state.resolve("backend.lock")).doesNotExist();
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------")); // the hint's fix
        InstanceLock.acquire(state, "backend", self()).close();
    }

    @Test
    void aStateDirThatIsAFile_isRefusedSayingSo() throws Exception {
        Path state = Files.writeString(dir.resolve("state"), "not a dir");
        assertThatThrownBy(() -> InstanceLock.acquire(state, "backend", self()))
                .isInstanceOf(LockException.class)
                .hasMessageContaining("state directory " + state.toAbsolutePath() + " is not a directory (a regular file)");
    }

    @Test
    void stateFilesAre0600_andTheDir0700_whateverWasThereBefore() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (InstanceLock lock = InstanceLock.acquire(state, "backend", self())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock.lockFile()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock.pidFile()))).isEqualTo("rw-------");
        }
        Path fresh = dir.resolve("new/deeper/state");
        InstanceLock.acquire(fresh, "backend", self()).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
    }
}
