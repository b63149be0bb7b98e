package org.debswarm.governor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of {@link JettyHttpGovernor}, PID {@code org.debswarm.governor}. */
@ObjectClassDefinition(
        name = "Debswarm HTTP connection governor",
        description = "Limits, deadlines, retries and mirror groups of every HTTP download from a mirror.")
public @interface JettyHttpGovernorConfiguration {

    @AttributeDefinition(name = "Connections per host", min = "1", max = "256",
            description = "Exchanges in flight to one mirror host (host:port) at most.")
    int maxConnectionsPerHost() default 4;

    @AttributeDefinition(name = "Connections in total", min = "1", max = "4096",
            description = "Exchanges in flight to all mirrors together at most.")
    int maxConnectionsTotal() default 32;

    @AttributeDefinition(name = "Queue capacity", min = "0", max = "100000",
            description = "Requests that may wait for a connection; beyond it a request fails at once with QUEUE_FULL.")
    int queueCapacity() default 1024;

    @AttributeDefinition(name = "Connect timeout (ms)", min = "1",
            description = "Time to establish a TCP (and TLS) connection.")
    long connectTimeoutMillis() default 10_000;

    @AttributeDefinition(name = "Idle timeout (ms)", min = "1",
            description = "A response that delivers no byte for this long fails with IDLE_TIMEOUT.")
    long idleTimeoutMillis() default 30_000;

    @AttributeDefinition(name = "Default deadline (ms)", min = "1",
            description = "Whole-request deadline (queue, retries, body) when the caller sets none.")
    long defaultDeadlineMillis() default 1_800_000;

    @AttributeDefinition(name = "Attempts", min = "1", max = "20",
            description = "Attempts per request, first one included, across the mirrors of its group.")
    int maxAttempts() default 4;

    @AttributeDefinition(name = "Initial backoff (ms)", min = "0",
            description = "Pause before returning to a mirror already tried; doubles each round.")
    long backoffInitialMillis() default 500;

    @AttributeDefinition(name = "Maximum backoff (ms)", min = "0",
            description = "Upper bound of the pause between attempts (also caps Retry-After).")
    long backoffMaxMillis() default 10_000;

    @AttributeDefinition(name = "Redirects", min = "0", max = "20",
            description = "Redirects followed per request; each hop is admitted under its own host's limits.")
    int maxRedirects() default 5;

    @AttributeDefinition(name = "Mirror groups",
            description = "Each entry: hosts serving the same archive, separated by '|', e.g. "
                    + "deb.debian.org|ftp.de.debian.org. Entries may also be separated by ','.")
    String[] mirrorGroups() default {};

    @AttributeDefinition(name = "Keep-alive (ms)", min = "1",
            description = "An idle pooled connection is closed after this long.")
    long keepAliveMillis() default 15_000;

    @AttributeDefinition(name = "I/O threads", min = "3", max = "256",
            description = "Threads of the governor's I/O pool (one of them runs the selector).")
    int ioThreads() default 16;

    @AttributeDefinition(name = "User-Agent", description = "User-Agent header sent to mirrors.")
    String userAgent() default "Debswarm/0.1 (apt proxy)";

    @AttributeDefinition(name = "Trusted certificates",
            description = "PEM files of certificate authorities that https mirrors' certificates may chain to, besides"
                    + " the JDK's default ones (a company or test CA). Only the governor trusts them, not the system.")
    String[] trustedCertificates() default {};

    @AttributeDefinition(name = "Download limits per mirror",
            description = "Entries host=KiB/s (host or host:port as in allowedMirrors), or *=KiB/s for every other mirror;"
                    + " all downloads from one host share its limit. Empty: no limit. Files the node serves from its"
                    + " store or cache are never slowed.")
    String[] mirrorRateLimits() default {};
}
