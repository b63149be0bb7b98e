package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.debswarm.rfc822.ControlParser;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/** A Debswarm bundle replaced in place comes back with its services while the rest of the node stays up. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleUpdateIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node()};
    }

    @Test
    public void updatingTheRfc822BundleRestoresItsServiceAndDisturbsNothingElse() throws Exception {
        Container.awaitAllActive(context);
        Bundle rfc822 = bundle(context, "org.debswarm.rfc822");
        ServiceReference<ControlParser> before = awaitParser();
        Map<Long, Long> othersLastModified = lastModifiedOfOthers(context, rfc822);

        assertEquals("only the updated bundle stopped", List.of(rfc822.getSymbolicName()),
                updateFromDeploy(context, rfc822));

        ServiceReference<ControlParser> after = awaitParser();
        assertNotSame("a new service registration after the update", before, after);
        assertEquals(Bundle.ACTIVE, rfc822.getState());
        assertEquals("no other bundle was updated (a refresh would have shown as STOPPING)", othersLastModified,
                lastModifiedOfOthers(context, rfc822));
        Container.awaitAllActive(context);
        assertEquals("unsatisfied after the update", List.of(),
                ContainerIT.unsatisfiedDebswarmComponents(scr));
        assertConsoleStillAnswers();
    }

    /** What a test does right after the update, while bundles that stop are still being recorded. */
    interface AfterUpdate {
        void run() throws Exception;
    }

    static List<String> updateFromDeploy(BundleContext context, Bundle bundle) throws Exception {
        return updateFromDeploy(context, bundle, () -> { });
    }

    /**
     * Updates {@code bundle} in place from its jar in the distribution's {@code deploy/}, runs {@code after},
     * and returns the symbolic names of the bundles that were stopping meanwhile, in order (the updated one
     * among them). STOPPING is delivered only to synchronous bundle listeners.
     */
    static List<String> updateFromDeploy(BundleContext context, Bundle bundle, AfterUpdate after) throws Exception {
        Path jar = Distribution.jars("deploy").stream()
                .filter(p -> p.getFileName().toString().startsWith(bundle.getSymbolicName() + "-"))
                .findFirst().orElseThrow();
        List<String> stopping = new CopyOnWriteArrayList<>();
        SynchronousBundleListener watcher = event -> {
            if (event.getType() == BundleEvent.STOPPING) {
                stopping.add(event.getBundle().getSymbolicName());
            }
        };
        context.addBundleListener(watcher);
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
            after.run();
        } finally {
            context.removeBundleListener(watcher);
        }
        return stopping;
    }

    private ServiceReference<ControlParser> awaitParser() throws Exception {
        Container.await(context, "ControlParser service", () -> context.getServiceReference(ControlParser.class) != null);
        ServiceReference<ControlParser> reference = context.getServiceReference(ControlParser.class);
        assertNotNull(reference);
        return reference;
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** Bundle ids to their last modification, for the active bundles but one. */
    static Map<Long, Long> lastModifiedOfOthers(BundleContext context, Bundle except) {
        Map<Long, Long> result = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != except.getBundleId() && bundle.getState() == Bundle.ACTIVE) {
                result.put(bundle.getBundleId(), bundle.getLastModified());
            }
        }
        return result;
    }

    static void assertConsoleStillAnswers() throws Exception {
        int port = Integer.getInteger(NodeOptions.CONSOLE_PORT);
        HttpURLConnection connection = (HttpURLConnection) URI
                .create("http://127.0.0.1:" + port + "/system/console").toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        assertEquals(401, connection.getResponseCode());
        connection.disconnect();
    }
}
