package org.debswarm.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the store, PID {@code org.debswarm.storage}. */
@ObjectClassDefinition(name = "Debswarm storage",
        description = "The node's on-disk store of verified files and partial downloads.")
public @interface FileSystemPieceStoreConfiguration {

    @AttributeDefinition(name = "Data directory",
            description = "Folder holding mirrors/, store/, partial/, torrents/ and db/. Empty: the framework"
                    + " property debswarm.home, else ./data.")
    String dataDirectory() default "";

    @AttributeDefinition(name = "JDBC URL",
            description = "Database of the store. Empty: jdbc:h2:file:<data directory>/db/storage;DB_CLOSE_ON_EXIT=FALSE"
                    + " (an H2 URL of your own wants DB_CLOSE_ON_EXIT=FALSE too, or a stop may log errors).")
    String jdbcUrl() default "";

    @AttributeDefinition(name = "JDBC user", description = "Empty: none.")
    String jdbcUser() default "";

    @AttributeDefinition(name = "JDBC password", type = AttributeType.PASSWORD,
            description = "Password of the JDBC user. Empty: none (the embedded H2 database needs none).")
    String jdbcPassword() default "";

    @AttributeDefinition(name = "Data source factory",
            description = "Filter selecting the DataSourceFactory service, e.g."
                    + " (osgi.jdbc.driver.class=org.postgresql.Driver) with a PostgreSQL JDBC URL.")
    String dataSourceFactory_target() default "(osgi.jdbc.driver.class=org.h2.Driver)";

    @AttributeDefinition(name = "Checkpoint bytes",
            description = "New bytes of a partial file after which its progress is recorded (at least 16384);"
                    + " a crash re-fetches at most about this much per file.", min = "16384")
    long checkpointBytes() default 8L << 20;

    @AttributeDefinition(name = "Idle timeout (s)",
            description = "A write that receives no byte for this long is suspended; its partial file stays.",
            min = "1")
    int idleTimeoutSeconds() default 300;

    @AttributeDefinition(name = "Largest store (bytes)",
            description = "The stored files may take at most this much; past it the node evicts files no current index"
                    + " lists, then the least recently served (never pinned files or files being served). 0: no limit."
                    + " Default 10 GiB: a desktop's installed packages and a release's worth of their updates.",
            min = "0")
    long maxStoreBytes() default 10L << 30;

    @AttributeDefinition(name = "Least free disk space (bytes)",
            description = "The node evicts stored files (as above) to keep at least this much usable on the data"
                    + " folder's file system. 0: no limit. Default 2 GiB: room for apt's own archive and a system update.",
            min = "0")
    long minFreeDiskBytes() default 2L << 30;
}
