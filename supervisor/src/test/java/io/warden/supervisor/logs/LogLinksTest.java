package io.warden.supervisor.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logs and events.log are never written through a link planted in their place, and are 0600. */
class LogLinksTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"events.log", "logs/api.log"})
    void aLinkInPlaceOfALog_isRefusedNamingIt_andItsTargetUntouched(String name) throws Exception {
        Path target = Files.writeString(dir.resolve("victim"), "precious\n");
        Path log = dir.resolve("state").resolve(name);
        Files.createDirectories(log.getParent());
        Files.createSymbolicLink(log, target);
        assertThatThrownBy(() -> RotatingLog.open(log, 3))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining(log.toString())
                .hasMessageContaining("is a symbolic link");
        assertThat(Files.readString(target)).isEqualTo("precious\n");
    }

    @Test
    void aNewLog_is0600_andAnOld0644One_isTightened() throws Exception {
        Path log = dir.resolve("state/logs/api.log");
        RotatingLog.open(log, 3).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent()))).isEqualTo("rwx------");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        RotatingLog.open(log, 3).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    }
}
