package org.debswarm.commons;

import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * Whether the OSGi framework is stopping, read from the system bundle: STOPPING while the framework stops its
 * bundles, RESOLVED once it has. A component that must not start new work then (an announce to a tracker that
 * may be gone, obtaining a listener whose component is being deactivated) asks here.
 */
public final class FrameworkState {

    private FrameworkState() {
    }

    /**
     * @param context any valid bundle context of the framework
     * @return true while the framework stops or once it has stopped; the system bundle is held, so the answer
     *         stays readable after {@code context} becomes invalid
     */
    public static BooleanSupplier stopping(BundleContext context) {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
        return () -> (system.getState() & (Bundle.STOPPING | Bundle.RESOLVED)) != 0;
    }
}
