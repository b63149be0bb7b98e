package org.debswarm.health.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value #PID}: where the apt listener is expected, so readiness knows what to look for. */
@ObjectClassDefinition(name = "Debswarm readiness",
        description = "When the node counts as ready: the apt listener's servlet is active on the apt port's Jetty.")
public @interface HealthConfiguration {

    String PID = "org.debswarm.health";
    /** The apt port's Jetty instance, as the apt listener's whiteboard target names it. */
    String APT_TARGET = "(org.apache.felix.http.name=aptlistener)";
    /** The apt listener's servlet name ({@code @HttpWhiteboardServletName} of AptListener). */
    String APT_SERVLET = "debswarm-aptlistener";

    @AttributeDefinition(name = "apt Jetty instance",
            description = "LDAP filter selecting the HttpServiceRuntime of the apt port's Jetty instance.")
    String aptRuntime_target() default APT_TARGET;

    @AttributeDefinition(name = "apt servlet name",
            description = "The servlet that serves apt; the node is ready when it is active on that instance.")
    String aptServletName() default APT_SERVLET;

    @AttributeDefinition(name = "apt listener PID",
            description = "Whose allowedMirrors decide which mirrors apt is sent through the node (others: DIRECT).")
    String aptListenerPid() default "org.debswarm.aptlistener";
}
