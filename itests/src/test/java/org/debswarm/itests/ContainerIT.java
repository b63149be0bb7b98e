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
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The node's whole bundle set, booted as the runtime boots it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ContainerIT {

    private static final String JETTY_CLIENT = "org.eclipse.jetty.client";
    private static final String GOVERNOR = "org.debswarm.governor";

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
        assertEquals("unsatisfied", List.of(), unsatisfiedDebswarmComponents(scr));
    }

    /**
     * The governor is the only path to a mirror: no Debswarm bundle but the governor's implementation is wired
     * to Jetty's HTTP client, so no other bundle can open an HTTP connection with it.
     */
    @Test
    public void onlyTheGovernorImportsJettysHttpClient() throws Exception {
        Container.awaitAllActive(context);
        List<String> importers = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring == null || bundle.getSymbolicName() == null || !bundle.getSymbolicName().startsWith("org.debswarm.")) {
                continue;
            }
            for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                Object pkg = wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                if (pkg.equals(JETTY_CLIENT) || pkg.toString().startsWith(JETTY_CLIENT + ".")) {
                    importers.add(bundle.getSymbolicName() + " imports " + pkg);
                }
            }
        }
        assertTrue("the governor is wired to " + JETTY_CLIENT + ": " + importers,
                importers.stream().anyMatch(i -> i.startsWith(GOVERNOR + " ")));
        importers.removeIf(i -> i.startsWith(GOVERNOR + " "));
        assertEquals("no other Debswarm bundle reaches a mirror but through the governor", List.of(), importers);
    }

    /**
     * The peer wire is the engine alone: it knows nothing of apt nor of the node that runs it (issue 12). Checked
     * on the manifest (what bnd computed from the code) and on the wiring (what the framework resolved).
     */
    @Test
    public void thePeerWireImportsNeitherTheAptListenerNorTheNode() throws Exception {
        Container.awaitAllActive(context);
        Bundle peerwire = BundleUpdateIT.bundle(context, "org.debswarm.peerwire");
        List<String> above = new ArrayList<>();
        String header = peerwire.getHeaders().get(org.osgi.framework.Constants.IMPORT_PACKAGE);
        for (String clause : header == null ? new String[0] : header.split(",(?=[a-z])")) {
            if (isAbovePeerWire(clause.split(";")[0].trim())) {
                above.add("Import-Package " + clause);
            }
        }
        for (BundleWire wire : peerwire.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            Object pkg = wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
            if (isAbovePeerWire(pkg.toString())) {
                above.add("wired to " + pkg + " of " + wire.getProvider().getSymbolicName());
            }
        }
        assertEquals("the peer wire reaches above itself", List.of(), above);
        assertTrue("the node bundle is installed and active",
                BundleUpdateIT.bundle(context, "org.debswarm.node").getState() == Bundle.ACTIVE);
    }

    private static boolean isAbovePeerWire(String pkg) {
        return List.of("org.debswarm.aptlistener", "org.debswarm.node").stream()
                .anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    }

    /** Waits for every component of the Debswarm bundles to be satisfied; returns those that are not. */
    static List<String> unsatisfiedDebswarmComponents(ServiceComponentRuntime scr) throws Exception {
        List<String> unsatisfied = new ArrayList<>();
        int components = 0;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.bundle.symbolicName.startsWith("org.debswarm.")) {
                components++;
                Container.awaitComponentSatisfied(scr, description, unsatisfied);
            }
        }
        assertTrue("the Debswarm bundles declare components", components > 0);
        return unsatisfied;
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
