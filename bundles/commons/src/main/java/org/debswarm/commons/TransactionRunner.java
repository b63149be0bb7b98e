package org.debswarm.commons;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Units of work as transactions on one JDBC connection, for a store that one thread at a time writes (a
 * component's writer thread, then its deactivating thread). The connection is opened at the first call, with
 * auto-commit off, and prepared once (the schema). It then stays open, since an embedded H2 database closes
 * with its last connection. After a failure it is rolled back and dropped, so the next call opens a fresh one
 * and a database that was down is picked up again.
 *
 * <p>Not thread-safe: callers run it from one thread at a time.
 */
public final class TransactionRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRunner.class);

    /** Work done with the connection; committed if it returns, rolled back if it throws. */
    @ConsumerType
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Done once on each newly opened connection, before any work (creating the schema). */
    @ConsumerType
    @FunctionalInterface
    public interface Setup {
        void prepare(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Setup setup;
    private Connection connection;

    public TransactionRunner(DataSource dataSource, Setup setup) {
        this.dataSource = dataSource;
        this.setup = setup;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        Connection c = connection();
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            discard(c);
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                setup.prepare(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                discard(c);
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** Rolls back and drops a connection after a failure; the next call opens a fresh one. */
    private void discard(Connection c) {
        connection = null;
        try (c) {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback after a failed transaction failed too", e);
        }
    }

    /** Closes the connection if one is open; a later call would open a new one. */
    @Override
    public void close() throws SQLException {
        Connection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }
}
