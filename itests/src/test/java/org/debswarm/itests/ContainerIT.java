package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
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
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The node's whole bundle set, booted as the runtime boots it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ContainerIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return new Option[] {NodeOptions.node()};
    }

    @Test
    public void everyBundleOfTheDistributionIsActive() throws Exception {
        Container.awaitAllActive(context);
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE && !Container.isFragment(bundle)) {
                notActive.add(bundle.getSymbolicName() + " " + Container.stateName(bundle));
            }
        }
        assertTrue("not active: " + notActive, notActive.isEmpty());
        int distributionJars = Distribution.jars("boot").size() + Distribution.jars("bundle").size()
                + Distribution.jars("deploy").size();
        assertTrue("the distribution's " + distributionJars + " bundles are installed",
                context.getBundles().length > distributionJars);
    }

    @Test
    public void everyDebswarmComponentIsSatisfied() throws Exception {
        Container.awaitAllActive(context);
        List<String> debswarmComponents = new ArrayList<>();
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.bundle.symbolicName.startsWith("org.debswarm.")) {
                continue;
            }
            debswarmComponents.add(description.name);
            Container.awaitComponentSatisfied(scr, description, unsatisfied);
        }
        assertTrue("the Debswarm bundles declare components", !debswarmComponents.isEmpty());
        assertTrue("unsatisfied: " + unsatisfied, unsatisfied.isEmpty());
    }

    @Test
    public void webConsoleAsksForCredentialsOnTheConsolePort() throws Exception {
        Container.awaitAllActive(context);
        int port = Integer.getInteger(NodeOptions.CONSOLE_PORT);
        HttpURLConnection connection = (HttpURLConnection) URI
                .create("http://127.0.0.1:" + port + "/system/console/bundles").toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        assertEquals(401, connection.getResponseCode());
        assertNotNull(connection.getHeaderField("WWW-Authenticate"));
        connection.disconnect();
    }

    static boolean isActive(ComponentConfigurationDTO configuration) {
        return configuration.state == ComponentConfigurationDTO.ACTIVE
                || configuration.state == ComponentConfigurationDTO.SATISFIED;
    }
}
