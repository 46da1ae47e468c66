package io.warden.governance.store;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import io.warden.governance.TestBackend;
import io.warden.governance.assessment.Assessment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        // Checkpoints are the store's background thread's job, not a commit's.
        int autoCheckpoint = store.jdbi().withHandle(handle -> handle.createQuery("PRAGMA wal_autocheckpoint")
                .mapTo(Integer.class).one());
        assertThat(autoCheckpoint).isZero();
    }

    @Test
    void writes_reachTheDatabaseFile_byBackgroundCheckpoints() throws Exception {
        Path file = Path.of(backend.url().substring("jdbc:sqlite:".length()));
        long before = Files.size(file);
        for (int i = 0; i < 300; i++) {
            Assessment a = draft("checkpointed-" + i, 2, 2, T0);
            store.insert(a, List.of(entry(a, "created")));
        }
        // The commits went to the write-ahead log; only a checkpoint copies them into the file.
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.size(file) > before + 100_000);
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
