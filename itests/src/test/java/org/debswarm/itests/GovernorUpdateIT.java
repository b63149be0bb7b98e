package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The governor's implementation replaced in place, as FileInstall does it (update, then a refresh of that
 * bundle alone): the {@code HttpGovernor} service comes back, and its API bundle and its consumers are neither
 * restarted nor rewired, which is why the API is a bundle of its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GovernorUpdateIT {

    private static final String IMPLEMENTATION = "org.debswarm.governor";
    /** By name: the probe need not import the API to watch its service. */
    private static final String HTTP_GOVERNOR = "org.debswarm.governor.HttpGovernor";
    private static final List<String> UNDISTURBED =
            List.of("org.debswarm.governor.api", "org.debswarm.aptlistener", "org.debswarm.peerwire");

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node()};
    }

    @Test
    public void updatingTheGovernorImplementationRestoresHttpGovernorAndLeavesApiAndConsumersAlone()
            throws Exception {
        Container.awaitAllActive(context);
        assertEquals(List.of(), ContainerIT.unsatisfiedDebswarmComponents(scr));
        Bundle governor = BundleUpdateIT.bundle(context, IMPLEMENTATION);
        long serviceBefore = serviceId(awaitGovernorOtherThan(-1));
        Map<Long, Long> othersLastModified = BundleUpdateIT.lastModifiedOfOthers(context, governor);
        Map<String, BundleWiring> wiringsBefore = wiringsOf(context, UNDISTURBED);

        List<String> stopping = BundleUpdateIT.updateFromDeploy(context, governor, () -> refresh(context, governor));

        assertEquals("only the governor's implementation stopped (at the update and at the refresh)",
                List.of(IMPLEMENTATION, IMPLEMENTATION), stopping);
        ServiceReference<?> after = awaitGovernorOtherThan(serviceBefore);
        assertEquals("from the updated bundle", governor.getBundleId(), after.getBundle().getBundleId());
        assertEquals("no other bundle was updated", othersLastModified,
                BundleUpdateIT.lastModifiedOfOthers(context, governor));
        Map<String, BundleWiring> wiringsAfter = wiringsOf(context, UNDISTURBED);
        for (String name : UNDISTURBED) {
            assertSame(name + " kept its wiring (not refreshed)", wiringsBefore.get(name), wiringsAfter.get(name));
            assertEquals(name + " active", Bundle.ACTIVE, BundleUpdateIT.bundle(context, name).getState());
        }
        Container.awaitAllActive(context);
        assertEquals("unsatisfied after the update", List.of(), ContainerIT.unsatisfiedDebswarmComponents(scr));
    }

    /** Waits for an HttpGovernor service whose id is not {@code previousId}. */
    private ServiceReference<?> awaitGovernorOtherThan(long previousId) throws Exception {
        Container.await(context, "an HttpGovernor service other than " + previousId, () -> {
            ServiceReference<?> reference = context.getServiceReference(HTTP_GOVERNOR);
            return reference != null && serviceId(reference) != previousId;
        });
        return context.getServiceReference(HTTP_GOVERNOR);
    }

    private static long serviceId(ServiceReference<?> reference) {
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }

    static Map<String, BundleWiring> wiringsOf(BundleContext context, List<String> symbolicNames) {
        Map<String, BundleWiring> wirings = new HashMap<>();
        for (String name : symbolicNames) {
            wirings.put(name, BundleUpdateIT.bundle(context, name).adapt(BundleWiring.class));
        }
        return wirings;
    }

    /**
     * Refreshes {@code bundle} (and what imports its packages), as FileInstall does after an update, and waits
     * until the refresh is done.
     */
    static void refresh(BundleContext context, Bundle bundle) throws Exception {
        CompletableFuture<FrameworkEvent> refreshed = new CompletableFuture<>();
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class)
                .refreshBundles(List.of(bundle), refreshed::complete);
        FrameworkEvent event = refreshed.get(Container.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("refresh finished", FrameworkEvent.PACKAGES_REFRESHED, event.getType());
    }
}
