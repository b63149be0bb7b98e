package org.debswarm.tracker.internal;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a write that lost a race with another writer of the same database from a database that fails. Several
 * trackers may share one PostgreSQL: two that insert the same new torrent at once collide on its primary key
 * (SQLState 23505 in PostgreSQL and H2), and either database may abort one of two transactions it cannot order
 * (40001 serialization failure, 40P01 deadlock in PostgreSQL). Written again, such a write succeeds.
 */
final class WriteConflict {

    private static final Set<String> STATES = Set.of("23505", "40001", "40P01");

    private WriteConflict() {
    }

    /** Whether {@code e}, or an exception chained to it (a failed batch chains its entries' errors), is one. */
    static boolean is(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (STATES.contains(next.getSQLState())
                    || next.getCause() instanceof SQLException cause && cause != next && is(cause)) {
                return true;
            }
        }
        return false;
    }
}
