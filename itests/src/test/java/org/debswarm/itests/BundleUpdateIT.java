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
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceReference;

/** A Debswarm bundle replaced in place comes back with its services while the rest of the node stays up. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleUpdateIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node()};
    }

    @Test
    public void updatingTheRfc822BundleRestoresItsServiceAndDisturbsNothingElse() throws Exception {
        Container.awaitAllActive(context);
        Bundle rfc822 = bundle("org.debswarm.rfc822");
        ServiceReference<ControlParser> before = awaitParser();
        Map<Long, Long> othersLastModified = lastModifiedOfOthers(rfc822);

        Path jar = Distribution.jars("deploy").stream()
                .filter(p -> p.getFileName().toString().startsWith("org.debswarm.rfc822-")).findFirst().orElseThrow();
        List<String> othersStopped = new CopyOnWriteArrayList<>();
        BundleListener watcher = event -> {
            if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() != rfc822.getBundleId()) {
                othersStopped.add(event.getBundle().getSymbolicName());
            }
        };
        context.addBundleListener(watcher);
        try (InputStream in = Files.newInputStream(jar)) {
            rfc822.update(in);
        } finally {
            context.removeBundleListener(watcher);
        }
        assertEquals("no other bundle stopped during the update", List.of(), othersStopped);

        ServiceReference<ControlParser> after = awaitParser();
        assertNotSame("a new service registration after the update", before, after);
        assertEquals(Bundle.ACTIVE, rfc822.getState());
        assertEquals("no other bundle was stopped, refreshed or updated", othersLastModified,
                lastModifiedOfOthers(rfc822));
        Container.awaitAllActive(context);
        assertConsoleStillAnswers();
    }

    private ServiceReference<ControlParser> awaitParser() throws Exception {
        Container.await(context, "ControlParser service", () -> context.getServiceReference(ControlParser.class) != null);
        ServiceReference<ControlParser> reference = context.getServiceReference(ControlParser.class);
        assertNotNull(reference);
        return reference;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** Bundle ids to their last modification, for the active bundles but one. */
    private Map<Long, Long> lastModifiedOfOthers(Bundle except) {
        Map<Long, Long> result = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() != except.getBundleId() && bundle.getState() == Bundle.ACTIVE) {
                result.put(bundle.getBundleId(), bundle.getLastModified());
            }
        }
        return result;
    }

    private static void assertConsoleStillAnswers() throws Exception {
        int port = Integer.getInteger(NodeOptions.CONSOLE_PORT);
        HttpURLConnection connection = (HttpURLConnection) URI
                .create("http://127.0.0.1:" + port + "/system/console").toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        assertEquals(401, connection.getResponseCode());
        connection.disconnect();
    }
}
