package io.warden.governance.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Jdbi;

/**
 * Where one committer thread gets the session of each transaction it runs; used by that thread only.
 * A transaction that failed in any way ends its connection's use: the next one starts clean.
 */
interface CommitConnection extends AutoCloseable {

    /** A session for the next transaction. */
    WriteSession open();

    /** The transaction on {@code session} ended, {@code failed} or committed. */
    void finish(WriteSession session, boolean failed);

    /** Releases what this holds. */
    @Override
    void close();

    /** Opens a JDBC connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** A connection from the pool per transaction, statements prepared per use (PostgreSQL). */
    static CommitConnection pooled(Jdbi jdbi) {
        return new CommitConnection() {
            @Override
            public WriteSession open() {
                return WriteSession.uncached(jdbi.open());
            }

            @Override
            public void finish(WriteSession session, boolean failed) {
                try {
                    session.handle().close();
                } catch (RuntimeException e) {
                    if (!failed) {
                        throw e;
                    }
                    // closing after a failed transaction: the failure is what the caller reports
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * One connection of its own, outside the pool, kept open with its write statements prepared once
     * (SQLite: one writer at a time anyway). Outside the pool, a statement kept on it can never leave
     * an open transaction to a pool's next borrower; after a failure the connection is closed, which
     * rolls back whatever it held, and the next transaction opens a new one. {@code initSql} runs on
     * each new connection.
     */
    static CommitConnection dedicated(Opener opener, String initSql) {
        return new Dedicated(opener, initSql);
    }

    /** See {@link #dedicated}. */
    final class Dedicated implements CommitConnection {
        private final Opener opener;
        private final String initSql;
        private Connection connection;
        private WriteSession session;

        private Dedicated(Opener opener, String initSql) {
            this.opener = opener;
            this.initSql = initSql;
        }

        @Override
        public WriteSession open() {
            if (session == null) {
                try {
                    connection = opener.open();
                    try (Statement init = connection.createStatement()) {
                        init.execute(initSql);
                    }
                } catch (SQLException e) {
                    close();
                    throw new Rows.SqlFailure(e);
                }
                // A JDBI over this one connection: closing its handle leaves the connection open.
                session = WriteSession.cached(Jdbi.create(connection).open());
            }
            return session;
        }

        @Override
        public void finish(WriteSession finished, boolean failed) {
            if (failed) {
                close();
            }
        }

        @Override
        public void close() {
            if (session != null) {
                session.closeStatements();
                try {
                    session.handle().close();
                } catch (RuntimeException ignored) {
                    // an open transaction on a broken connection: closing the connection ends it
                }
                session = null;
            }
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken: nothing more to release
                }
                connection = null;
            }
        }
    }
}
