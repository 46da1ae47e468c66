package io.warden.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin token is made 0600 and read only from a regular file no one else can use. */
class AdminTokenTest {

    @TempDir
    Path state;

    @Test
    void aNewToken_is0600_andReadBack() throws Exception {
        String token = AdminToken.loadOrCreate(state);
        Path file = state.resolve(AdminToken.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(token).hasSize(64);
        assertThat(AdminToken.loadOrCreate(state)).isEqualTo(token);
    }

    @Test
    void aLinkAsTheToken_isRefusedNamingIt_neverRead() throws Exception {
        Path target = Files.writeString(state.resolve("chosen-by-someone-else"), "attacker-token\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Path file = Files.createSymbolicLink(state.resolve(AdminToken.FILE), target);
        assertThatThrownBy(() -> AdminToken.loadOrCreate(state))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is a symbolic link");
        assertThat(Files.readString(target)).isEqualTo("attacker-token\n");
    }

    @Test
    void aTokenOthersCanRead_isRefusedWithTheChmodThatFixesIt() throws Exception {
        AdminToken.loadOrCreate(state);
        Path file = state.resolve(AdminToken.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AdminToken.read(file))
                .hasMessageContaining("token file " + file + " is open to other users (mode rw-r--r--): run 'chmod 600 "
                        + file + "'");
    }

    @Test
    void aDirectoryAsTheToken_isRefusedSayingSo() throws Exception {
        Files.createDirectory(state.resolve(AdminToken.FILE));
        assertThatThrownBy(() -> AdminToken.loadOrCreate(state))
                .hasMessageContaining("is a directory, not a regular file");
    }
}
