package org.debswarm.consoleguard.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Registers the two preprocessors. A plain activator instead of Declarative Services, as an exception to the
 * project's rule, because the guard must be in place before the first request: this bundle starts at level 1
 * (boot/), before SCR, Felix HTTP and the console (level 2) and before FileInstall creates the apt and tracker
 * Jetty instances, and the whiteboard opens its preprocessor tracker before its servlet trackers. Under DS it
 * would start whenever SCR got to it, after the console could already answer.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class GuardActivator implements BundleActivator {

    private final List<ServiceRegistration<Preprocessor>> registrations = new ArrayList<>();

    @Override
    public void start(BundleContext context) {
        registrations.add(context.registerService(Preprocessor.class, new CrossOriginRefusal(),
                target(CrossOriginRefusal.CONSOLE_INSTANCE)));
        registrations.add(context.registerService(Preprocessor.class, new ConsoleConfinement(),
                target(ConsoleConfinement.NAMED_INSTANCES)));
    }

    private static Dictionary<String, Object> target(String instances) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_TARGET, instances);
        // before any other preprocessor: nothing runs for a request the guard refuses
        properties.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        return properties;
    }

    @Override
    public void stop(BundleContext context) {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
