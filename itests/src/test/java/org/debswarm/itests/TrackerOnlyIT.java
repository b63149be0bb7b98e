package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

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
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The tracker-only distribution: a container with the tracker and without the apt listener. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TrackerOnlyIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node(Distribution.trackerRoot())};
    }

    @Test
    public void theTrackerRunsAloneAndAnswersOnItsPort() throws Exception {
        Container.awaitAllActive(context);
        assertNotNull("the tracker bundle is installed", bundle("org.debswarm.tracker"));
        assertNull("no apt listener in a tracker-only node", bundle("org.debswarm.aptlistener"));
        assertNull("no store in a tracker-only node", bundle("org.debswarm.storage"));
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.bundle.symbolicName.startsWith("org.debswarm.")) {
                Container.awaitComponentSatisfied(scr, description, unsatisfied);
            }
        }
        assertTrue("unsatisfied: " + unsatisfied, unsatisfied.isEmpty());
        Container.await(context, "tracker status servlet", () -> status("/stats.json") == 200);
        assertEquals(200, status("/"));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private static int status(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:"
                    + Integer.getInteger(NodeOptions.TRACKER_PORT) + path).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
