package io.warden.governance.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * A committer's access to the database for one transaction: a JDBI handle for queries and the write
 * statements. On a {@link CommitConnection#dedicated} connection the statements are prepared once per connection and reused
 * (SQLite compiles a statement on every prepare); on the pool each write prepares its own (the
 * PostgreSQL driver keeps its server-side prepared statements per connection anyway).
 *
 * <p>Writes run at once, or, after {@link #defer()}, are kept until {@link #flush()} runs them
 * {@link Phase phase} by phase, the rows of each statement in one JDBC batch: on PostgreSQL one
 * round trip per statement and batch instead of one per row, which is what a batch of writes spent
 * its time waiting for.
 */
final class WriteSession {

    /**
     * The order in which deferred writes run. Every store write touches its tables in this order, and
     * the writes of one batch are about different assessments (a second write of the same assessment
     * expects the version the first one replaces, so its assessment row is not there), so running all
     * the writes' rows of one phase before the next phase's is running the writes one after the other.
     */
    enum Phase { ASSESSMENT, SERVICES_REMOVED, SERVICES_ADDED, DECISIONS, AUDIT }

    private record Deferred(int unit, Phase phase, String sql, Object[] values, Supplier<RuntimeException> unlessOne) {
    }

    /** A deferred write's row was not there after another write of its unit had run: only savepoints can undo it. */
    static final class NotAlone extends RuntimeException {
        NotAlone() {
            super("a deferred write was refused after other writes of its unit ran", null, false, false);
        }
    }

    private final Handle handle;
    /** Null when statements are not kept. */
    private final Map<String, PreparedStatement> prepared;
    /** Null when writes run at once. */
    private List<Deferred> deferred;
    private int unit;

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

    /** From now on writes are kept for {@link #flush()}; the writes that follow belong to unit 0. */
    void defer() {
        deferred = new ArrayList<>();
        unit = 0;
    }

    /** The writes that follow belong to unit {@code index} (of a deferring session). */
    void unit(int index) {
        unit = index;
    }

    /** Forgets the deferred writes and writes at once again (after a failed transaction). */
    void discard() {
        deferred = null;
    }

    /** Writes {@code sql} with {@code values} (texts, numbers or nulls of text columns). */
    void write(Phase phase, String sql, Object... values) {
        writeOne(phase, null, sql, values);
    }

    /**
     * As {@link #write}, for a statement that must change exactly one row: otherwise its unit fails
     * with {@code unlessOne}'s exception (at once, or from {@link #flush()}).
     */
    void writeOne(Phase phase, Supplier<RuntimeException> unlessOne, String sql, Object... values) {
        if (deferred != null) {
            deferred.add(new Deferred(unit, phase, sql, values, unlessOne));
            return;
        }
        try {
            PreparedStatement statement = statement(sql);
            int changed;
            try {
                bind(statement, values);
                changed = statement.executeUpdate();
            } finally {
                release(statement);
            }
            if (unlessOne != null && changed != 1) {
                throw unlessOne.get();
            }
        } catch (SQLException e) {
            throw new Rows.SqlFailure(e);
        }
    }

    /**
     * Runs the deferred writes phase by phase, in each phase each statement's rows in unit order as
     * one batch, and writes at once again. Returns the units refused by {@link #writeOne}, with their
     * exception; a refused write changed nothing, and the unit's other writes were not run.
     *
     * @throws NotAlone when a refused unit had already run other writes (the transaction must be
     *                  rolled back and its units run with savepoints)
     */
    Map<Integer, RuntimeException> flush() {
        List<Deferred> writes = deferred;
        deferred = null;
        Map<Integer, RuntimeException> refused = new HashMap<>();
        Map<Integer, Integer> ran = new HashMap<>();
        try {
            for (Phase phase : Phase.values()) {
                Map<String, List<Deferred>> bySql = new LinkedHashMap<>();
                for (Deferred write : writes) {
                    if (write.phase() == phase && !refused.containsKey(write.unit())) {
                        bySql.computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write);
                    }
                }
                for (Map.Entry<String, List<Deferred>> statement : bySql.entrySet()) {
                    runBatch(statement.getKey(), statement.getValue(), refused, ran);
                }
            }
        } catch (SQLException e) {
            throw new Rows.SqlFailure(e);
        }
        return refused;
    }

    private void runBatch(String sql, List<Deferred> rows, Map<Integer, RuntimeException> refused,
                          Map<Integer, Integer> ran) throws SQLException {
        PreparedStatement statement = statement(sql);
        int[] changed;
        try {
            for (Deferred row : rows) {
                bind(statement, row.values());
                statement.addBatch();
            }
            changed = statement.executeBatch();
        } finally {
            release(statement);
        }
        for (Deferred row : rows) {
            ran.merge(row.unit(), 1, Integer::sum);
        }
        for (int i = 0; i < rows.size(); i++) {
            Deferred row = rows.get(i);
            if (row.unlessOne() != null && changed[i] != 1) {
                if (changed[i] != 0 || ran.get(row.unit()) > 1) {
                    throw new NotAlone();
                }
                refused.put(row.unit(), row.unlessOne().get());
            }
        }
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

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            switch (values[i]) {
                case null -> statement.setNull(i + 1, Types.VARCHAR);
                case String text -> statement.setString(i + 1, text);
                case Long number -> statement.setLong(i + 1, number);
                case Integer number -> statement.setInt(i + 1, number);
                default -> throw new IllegalArgumentException("cannot bind " + values[i].getClass());
            }
        }
    }
}
