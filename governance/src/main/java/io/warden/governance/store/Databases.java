package io.warden.governance.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.warden.governance.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Builds the connection pool for a JDBC URL, with the settings each database needs. */
final class Databases {

    /** How long a SQLite writer waits for another one before failing. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    /** Run on every new SQLite connection: checkpoints run on a thread of their own (WalCheckpointer), not inside a commit. */
    static final String SQLITE_INIT_SQL = "PRAGMA wal_autocheckpoint = 0";

    /** Group-commit threads on PostgreSQL (each holds a connection while it commits a batch). */
    static final int POSTGRES_COMMITTERS = 2;

    private Databases() {
    }

    static boolean isPostgres(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("warden-governance");
        if (isPostgres(url)) {
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(8);
        } else if (url.startsWith("jdbc:sqlite:")) {
            config.setDataSource(sqlite(url));
            config.setConnectionInitSql(SQLITE_INIT_SQL);
            config.setMaximumPoolSize(4);
        } else {
            throw new StorageException("storage URL " + redact(url) + " is not supported; use jdbc:sqlite:FILE"
                    + " (the default, in the state directory) or jdbc:postgresql://HOST:PORT/DATABASE");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to " + redact(url) + ": " + rootMessage(e)
                    + "; check that the database runs and the URL, user and password are right", e);
        }
    }

    /** Connections to the SQLite database at {@code url} with the store's settings (its directory created). */
    static SQLiteDataSource sqlite(String url) {
        prepareSqliteDirectory(url);
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        // FULL: an acknowledged commit survives power loss too, not only a crash of the process.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // Writers take the write lock when they begin, so the busy timeout applies instead of a
        // deadlock-avoiding SQLITE_BUSY when a reader upgrades to a writer.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(url);
        return dataSource;
    }

    /** The URL without a password parameter, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * Creates the directory of a SQLite file URL and checks that it is writable (nothing for
     * in-memory and {@code file:} URLs).
     *
     * @throws StorageException naming the directory when it cannot be created or written
     */
    static void prepareSqliteDirectory(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        file = query < 0 ? file : file.substring(0, query);
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StorageException("cannot create the directory " + parent + " for the SQLite database: " + e
                    + "; check the state directory's permissions", e);
        }
        if (!Files.isWritable(parent)) {
            throw new StorageException("the directory " + parent + " of the SQLite database is not writable;"
                    + " check its permissions or set storage.url");
        }
    }
}
