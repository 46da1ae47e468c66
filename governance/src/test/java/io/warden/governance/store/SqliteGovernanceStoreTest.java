package io.warden.governance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.governance.TestBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteGovernanceStoreTest extends GovernanceStoreContract {

    @TempDir
    static Path dir;

    @Override
    TestBackend backend() {
        return TestBackend.sqlite(dir);
    }

    @Override
    void integrityCheck(GovernanceStore reopened) {
        assertThat(pragma("integrity_check")).isEqualTo("ok");
    }

    @Test
    void sqliteFile_usesWalAndEnforcesForeignKeys() throws Exception {
        assertThat(pragma("journal_mode")).isEqualTo("wal");
        int foreignKeys = store.jdbi().withHandle(handle -> handle.createQuery("PRAGMA foreign_keys")
                .mapTo(Integer.class).one());
        int busyTimeout = store.jdbi().withHandle(handle -> handle.createQuery("PRAGMA busy_timeout")
                .mapTo(Integer.class).one());
        assertThat(foreignKeys).isEqualTo(1);
        assertThat(busyTimeout).isEqualTo(Databases.SQLITE_BUSY_TIMEOUT_MS);
    }

    private String pragma(String name) {
        try (Connection connection = DriverManager.getConnection(backend.url());
             ResultSet rs = connection.createStatement().executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
