package io.warden.daemon;

import java.nio.file.Path;

/**
 * {@code storage} in {@code warden.yaml}: where the governance database lives.
 *
 * @param url a JDBC URL, {@code jdbc:postgresql://HOST:PORT/DB?user=...} for a control center that
 *            several hosts share, or {@code jdbc:sqlite:FILE}; default: the SQLite file
 *            {@code warden.db} in the state directory
 */
record StorageSettings(String url) {

    /** The SQLite file in the state directory when no URL is given. */
    public static final String DEFAULT_FILE = "warden.db";

    public StorageSettings {
        url = url == null || url.isBlank() ? null : url.strip();
        if (url != null && !url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url must start with jdbc:postgresql: or jdbc:sqlite:, was '"
                    + url.replaceAll("(?i)(password=)[^&;]*", "$1***") + "'");
        }
    }

    /** The defaults: SQLite in the state directory. */
    public static StorageSettings defaults() {
        return new StorageSettings(null);
    }

    /** Whether the URL names a PostgreSQL database, which several agents can share. */
    public boolean onPostgres() {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    /** The JDBC URL to open for a daemon whose state directory is {@code stateDir}. */
    public String jdbcUrl(Path stateDir) {
        return url != null ? url : "jdbc:sqlite:" + stateDir.resolve(DEFAULT_FILE).toAbsolutePath();
    }
}
