package org.debswarm.commons;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TransactionRunnerTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final List<Connection> prepared = new ArrayList<>();
    private JdbcDataSource dataSource;
    private TransactionRunner runner;

    @Before
    public void open() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:" + folder.getRoot().toPath().resolve("db/test") + ";DB_CLOSE_ON_EXIT=FALSE");
        runner = new TransactionRunner(dataSource, c -> {
            prepared.add(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS item (name VARCHAR(20) PRIMARY KEY)");
            }
        });
    }

    @After
    public void close() throws SQLException {
        runner.close();
    }

    @Test
    public void workIsCommittedAndTheConnectionKept() throws SQLException {
        runner.inTransaction(c -> insert(c, "a"));
        runner.inTransaction(c -> insert(c, "b"));
        assertEquals(2, countFromAnotherConnection());
        assertEquals(1, prepared.size());
    }

    @Test
    public void failedWorkIsRolledBackAndTheNextCallReopens() throws SQLException {
        runner.inTransaction(c -> insert(c, "a"));
        assertThrows(SQLException.class, () -> runner.inTransaction(c -> {
            insert(c, "b");
            return insert(c, "a"); // duplicate key
        }));
        assertThrows(IllegalStateException.class, () -> runner.inTransaction(c -> {
            insert(c, "c");
            throw new IllegalStateException("bug");
        }));
        assertEquals(1, countFromAnotherConnection());
        runner.inTransaction(c -> insert(c, "d"));
        assertEquals(2, countFromAnotherConnection());
        assertEquals(3, prepared.size());
        assertTrue(prepared.get(0).isClosed());
        assertNotSame(prepared.get(0), prepared.get(2));
    }

    @Test
    public void aFailedSetupLeavesNoConnectionBehind() throws SQLException {
        List<Connection> tried = new ArrayList<>();
        TransactionRunner failing = new TransactionRunner(dataSource, c -> {
            tried.add(c);
            throw new SQLException("no schema");
        });
        assertThrows(SQLException.class, () -> failing.inTransaction(c -> 1));
        assertThrows(SQLException.class, () -> failing.inTransaction(c -> 1));
        assertEquals(2, tried.size());
        assertTrue(tried.get(0).isClosed());
        failing.close();
    }

    @Test
    public void closeClosesTheConnectionAndALaterCallReopens() throws SQLException {
        runner.inTransaction(c -> insert(c, "a"));
        Connection first = prepared.get(0);
        runner.close();
        assertTrue(first.isClosed());
        runner.inTransaction(c -> insert(c, "b"));
        assertEquals(2, prepared.size());
        assertSame(prepared.get(1), runner.inTransaction(c -> c));
    }

    private static int insert(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("INSERT INTO item VALUES ('" + name + "')");
        }
    }

    private int countFromAnotherConnection() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM item")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
