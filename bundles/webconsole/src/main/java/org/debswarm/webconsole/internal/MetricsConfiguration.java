package org.debswarm.webconsole.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@value #PID}: which Jetty instance and which servlet context serve {@code /metrics} and
 * {@code /debswarm/stats.json}. The servlet reads nothing from it; the HTTP whiteboard reads the properties.
 */
@ObjectClassDefinition(name = "Debswarm metrics",
        description = "Statistics for scripts and scrapers: /metrics (Prometheus text) and /debswarm/stats.json.")
public @interface MetricsConfiguration {

    String PID = "org.debswarm.webconsole.metrics";
    /** The default Felix HTTP instance, the console's: the one without an instance name. */
    String DEFAULT_TARGET = "(!(org.apache.felix.http.name=*))";
    String DEFAULT_CONTEXT = "(osgi.http.whiteboard.context.name=default)";
    /** The Web Console's own context: paths under /system/console, behind the console's login. */
    String CONSOLE_CONTEXT = "(osgi.http.whiteboard.context.name=org.apache.felix.webconsole)";

    @AttributeDefinition(name = "HTTP whiteboard target",
            description = "Which Felix HTTP (Jetty) instance serves the statistics. Default: the console's.")
    String osgi_http_whiteboard_target() default DEFAULT_TARGET;

    @AttributeDefinition(name = "Servlet context",
            description = "Default: the root context, no login (the console listens on 127.0.0.1). Set "
                    + CONSOLE_CONTEXT + " to serve /system/console/metrics behind the console's login instead.")
    String osgi_http_whiteboard_context_select() default DEFAULT_CONTEXT;
}
