package org.debswarm.stats.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value #PID}. */
@ObjectClassDefinition(name = "Debswarm statistics",
        description = "Persistent figures of the node (bytes from peers and mirrors, uploaded, served to apt;"
                + " per torrent and per peer) and their rate history, kept in the H2 database"
                + " <debswarm.home>/db/stats.")
public @interface StatsConfiguration {

    String PID = "org.debswarm.stats";

    @AttributeDefinition(name = "Flush period",
            description = "Milliseconds between two writes of the figures to the database (at least 100). A crash"
                    + " loses at most this much; a regular stop or update loses nothing.")
    int flushPeriod() default 5000;

    @AttributeDefinition(name = "Retention",
            description = "Days after which a torrent or a peer with no activity (and no open connection) is"
                    + " forgotten. The node's totals and the rate history are never forgotten.")
    int retentionDays() default 90;

    @AttributeDefinition(name = "Data source factory target",
            description = "Filter selecting the JDBC driver's org.osgi.service.jdbc.DataSourceFactory (H2).")
    String dataSourceFactory_target() default "(osgi.jdbc.driver.class=org.h2.Driver)";
}
