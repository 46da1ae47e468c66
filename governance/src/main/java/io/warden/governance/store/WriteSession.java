package io.warden.governance.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A committer's access to the database for one transaction: a JDBI handle for queries and the write
 * statements. On a {@link CommitConnection#dedicated} connection the statements are prepared once per connection and reused
 * (SQLite compiles a statement on every prepare); on the pool each write prepares its own (the
 * PostgreSQL driver keeps its server-side prepared statements per connection anyway).
 */
final class WriteSession {

    private final Handle handle;
    /** Null when statements are not kept. */
    private final Map<String, PreparedStatement> prepared;

    private WriteSession(Handle handle, Map<String, PreparedStatement> prepared) {
        this.handle = handle;
        this.prepared = prepared;
    }

    /** A session whose statements are closed after each use. */
    static WriteSession uncached(Handle handle) {
        return new WriteSession(handle, null);
    }

    /** A session over {@code handle} that keeps its statements, for a connection that lives on. */
    static WriteSession cached(Handle handle) {
        return new WriteSession(handle, new HashMap<>());
    }

    Handle handle() {
        return handle;
    }

    /** The statement for {@code sql}; give it back with {@link #release}. */
    PreparedStatement statement(String sql) throws SQLException {
        if (prepared == null) {
            return handle.getConnection().prepareStatement(sql);
        }
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = handle.getConnection().prepareStatement(sql);
            prepared.put(sql, statement);
        }
        return statement;
    }

    /** Done with {@code statement}: closed, or its parameters cleared for the next use. */
    void release(PreparedStatement statement) throws SQLException {
        if (prepared == null) {
            statement.close();
        } else {
            statement.clearParameters();
        }
    }

    /** Closes the kept statements (before their connection is closed). */
    void closeStatements() {
        if (prepared == null) {
            return;
        }
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is being dropped anyway
            }
        }
        prepared.clear();
    }
}
