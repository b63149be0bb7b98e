package org.debswarm.storage.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's database: schema, connections and transactions. SQL errors become
 * {@link IOException}s so callers handle one kind of failure.
 *
 * <p>The SQL is kept to what H2 and PostgreSQL both accept (BIGINT times, VARCHAR keys,
 * delete-then-insert instead of MERGE or ON CONFLICT).
 */
final class StoreDatabase implements AutoCloseable {

    /** Bumped when the schema changes; a later version migrates from the one it finds. */
    static final int SCHEMA_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS storage_schema (version INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS storage_blob (sha256 VARCHAR(64) NOT NULL PRIMARY KEY,"
            + " file_size BIGINT NOT NULL, mtime_ns BIGINT NOT NULL, stored_at_ms BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS storage_path (host VARCHAR(255) NOT NULL, path VARCHAR(1024) NOT NULL,"
            + " sha256 VARCHAR(64) NOT NULL, file_size BIGINT NOT NULL, mtime_ns BIGINT NOT NULL,"
            + " stored_at_ms BIGINT NOT NULL, PRIMARY KEY (host, path))",
        "CREATE INDEX IF NOT EXISTS storage_path_sha256 ON storage_path (sha256)",
        "CREATE TABLE IF NOT EXISTS storage_partial (sha256 VARCHAR(64) NOT NULL PRIMARY KEY,"
            + " file_size BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS storage_partial_range (sha256 VARCHAR(64) NOT NULL,"
            + " range_start BIGINT NOT NULL, range_end BIGINT NOT NULL, PRIMARY KEY (sha256, range_start))",
    };

    /** Work on one connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Connections kept open between operations. Opening an H2 session per look-up, and parsing its SQL
     * again each time, cost about as much as the rest of serving a small stored file; a session keeps its
     * parsed statements. Beyond this many idle connections, returned ones are closed.
     */
    private static final int IDLE_CONNECTIONS = 8;

    private final DataSource dataSource;
    /**
     * H2 commits to memory and writes its file in the background (WRITE_DELAY, 500 ms): a kill -9 loses what
     * was committed last. Where a record must survive that, {@link #durable} writes the file at once.
     */
    private final boolean writeDelayed;
    /** Held open for the store's lifetime: an embedded H2 database closes with its last connection. */
    private final Connection keeper;
    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(IDLE_CONNECTIONS);

    StoreDatabase(DataSource dataSource) throws IOException {
        this.dataSource = dataSource;
        try {
            keeper = dataSource.getConnection();
        } catch (SQLException e) {
            throw failure("open", e);
        }
        try {
            createSchema(keeper);
            writeDelayed = "H2".equals(keeper.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            closeKeeper();
            throw failure("create schema", e);
        }
    }

    private static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
            try (var rs = s.executeQuery("SELECT COUNT(*) FROM storage_schema")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    s.executeUpdate("INSERT INTO storage_schema (version) VALUES (" + SCHEMA_VERSION + ")");
                }
            }
        }
    }

    /** Runs {@code work} on a connection of its own for the duration, in auto-commit mode. */
    <T> T read(String what, SqlWork<T> work) throws IOException {
        Connection c = borrow(what);
        try {
            T result = work.run(c);
            giveBack(c);
            return result;
        } catch (SQLException e) {
            discard(c);
            throw failure(what, e);
        } catch (RuntimeException e) {
            discard(c);
            throw e;
        }
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    <T> T transaction(String what, SqlWork<T> work) throws IOException {
        Connection c = borrow(what);
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            c.setAutoCommit(true);
            giveBack(c);
            return result;
        } catch (SQLException e) {
            rollBackAndDiscard(c);
            throw failure(what, e);
        } catch (RuntimeException e) {
            rollBackAndDiscard(c);
            throw e;
        }
    }

    /**
     * As {@link #transaction}, and the commit is on disk when this returns, even in H2 (CHECKPOINT SYNC: its
     * file written and synced). Other databases (PostgreSQL) make a commit durable by themselves.
     */
    <T> T durable(String what, SqlWork<T> work) throws IOException {
        T result = transaction(what, work);
        if (writeDelayed) {
            read(what + " (write to disk)", c -> {
                try (Statement s = c.createStatement()) {
                    return s.execute("CHECKPOINT SYNC");
                }
            });
        }
        return result;
    }

    private Connection borrow(String what) throws IOException {
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private void giveBack(Connection c) {
        if (!idle.offer(c)) {
            discard(c);
        }
    }

    /** A connection that failed is not trusted again. */
    private static void rollBackAndDiscard(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed: {}", e.getMessage());
        }
        discard(c);
    }

    private static void discard(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Closing a storage connection failed: {}", e.getMessage());
        }
    }

    private static IOException failure(String what, SQLException e) {
        return new IOException("storage database: " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        for (Connection c = idle.poll(); c != null; c = idle.poll()) {
            discard(c);
        }
        closeKeeper();
    }

    private void closeKeeper() {
        try {
            keeper.close();
        } catch (SQLException e) {
            LOG.warn("Closing the storage database failed: {}", e.getMessage());
        }
    }
}
