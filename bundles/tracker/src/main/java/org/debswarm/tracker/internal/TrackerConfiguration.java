package org.debswarm.tracker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@value #PID}, shared by the tracker component and its servlets (which take only the
 * whiteboard target from it). Defaults suit production; tests shorten the intervals.
 */
@ObjectClassDefinition(name = "Debswarm tracker",
        description = "BitTorrent HTTP tracker: announce, scrape, status page; totals kept in a database.")
public @interface TrackerConfiguration {

    String PID = "org.debswarm.tracker";
    String DEFAULT_TARGET = "(org.apache.felix.http.name=tracker)";

    @AttributeDefinition(name = "Announce interval", description = "Seconds between regular announces (BEP 3).")
    int interval() default 1800;

    @AttributeDefinition(name = "Minimum interval", description = "Seconds a client must wait at least.")
    int minInterval() default 300;

    @AttributeDefinition(name = "Expiry margin",
            description = "Seconds past the interval after which a silent peer is dropped.")
    int expiryMargin() default 300;

    @AttributeDefinition(name = "Peers per announce", description = "Peers handed out when numwant is absent.")
    int numwantDefault() default 50;

    @AttributeDefinition(name = "Most peers per announce", description = "Cap on numwant.")
    int numwantMax() default 200;

    @AttributeDefinition(name = "Trust the ip parameter",
            description = "Use the announce's ip parameter instead of the remote address (only behind a trusted"
                    + " proxy, or for tests).")
    boolean trustIpParam() default false;

    @AttributeDefinition(name = "Most torrents", description = "Torrents held in memory; more are refused.")
    int maxTorrents() default 100_000;

    @AttributeDefinition(name = "Most peers", description = "Live peers over all torrents; more are refused.")
    int maxPeers() default 1_000_000;

    @AttributeDefinition(name = "Retention",
            description = "Seconds a peer's last announce stays in the database.")
    long retention() default 7 * 24 * 3600L;

    @AttributeDefinition(name = "Idle intervals",
            description = "Announce intervals (plus the expiry margin) a torrent without peers stays in memory after"
                    + " its last announce.")
    int idleIntervals() default FloodLimits.DEFAULT_IDLE_INTERVALS;

    @AttributeDefinition(name = "New torrents per minute per client",
            description = "Torrents one client address (IPv4, or IPv6 /64) may bring to the tracker per minute;"
                    + " a burst of this many is allowed at once. Existing torrents are never refused.")
    int newTorrentsPerMinute() default FloodLimits.DEFAULT_NEW_TORRENTS_PER_MINUTE;

    @AttributeDefinition(name = "Peers per client in a torrent",
            description = "Live peers one client address may hold in one torrent; a new one beyond that replaces"
                    + " that client's least recently seen peer.")
    int peersPerClient() default FloodLimits.DEFAULT_PEERS_PER_CLIENT;

    @AttributeDefinition(name = "Allowlist",
            description = "open: any torrent; list: only the info hashes below; node: those and the torrents this"
                    + " node's torrent registry knows (derived from the indexes it serves).")
    String allowlist() default "open";

    @AttributeDefinition(name = "Allowed torrents",
            description = "Info hashes (40 hexadecimal digits) for the allowlist modes list and node.")
    String[] allowedTorrents() default {};

    @AttributeDefinition(name = "Full scrape", description = "Whether a scrape without info_hash lists all.")
    boolean fullScrape() default true;

    @AttributeDefinition(name = "JDBC URL",
            description = "Empty: the H2 file database <debswarm.home>/db/tracker. PostgreSQL works too (set the"
                    + " data source factory target to its driver).")
    String jdbcUrl() default "";

    @AttributeDefinition(name = "JDBC user", description = "User for the JDBC URL above. Empty: none (the embedded"
            + " H2 database needs none).")
    String jdbcUser() default "";

    @AttributeDefinition(name = "JDBC password", type = AttributeType.PASSWORD,
            description = "Password of the JDBC user. Empty: none.")
    String _jdbcPassword() default "";

    @AttributeDefinition(name = "Flush period", description = "Milliseconds between two database writes.")
    int flushPeriod() default 1000;

    @AttributeDefinition(name = "HTTP whiteboard target",
            description = "Which Felix HTTP (Jetty) instance serves /announce, /scrape, / and /stats.json.")
    String osgi_http_whiteboard_target() default DEFAULT_TARGET;

    @AttributeDefinition(name = "Data source factory target",
            description = "Filter selecting the JDBC driver's org.osgi.service.jdbc.DataSourceFactory.")
    String dataSourceFactory_target() default "(osgi.jdbc.driver.class=org.h2.Driver)";
}
