package org.debswarm.tracker.internal;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** The store contract on a real H2 file database in a temporary folder. */
public class H2StoreTest extends StoreContract {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Override
    protected DataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:" + folder.getRoot().toPath().resolve("db/tracker"));
        return dataSource;
    }
}
