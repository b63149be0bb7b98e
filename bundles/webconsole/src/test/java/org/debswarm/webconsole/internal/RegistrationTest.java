package org.debswarm.webconsole.internal;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

/** The DS descriptors bnd generated register each plugin the Web Console 5 way. */
public class RegistrationTest {

    private static String descriptor(Class<?> plugin) throws Exception {
        try (InputStream in = RegistrationTest.class.getClassLoader()
                .getResourceAsStream("OSGI-INF/" + plugin.getName() + ".xml")) {
            assertNotNull(plugin.getName(), in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void everyPluginIsAServletWithLabelTitleAndTheDebswarmCategory() throws Exception {
        Class<?>[] plugins = {OverviewPlugin.class, TorrentsPlugin.class, GovernorPlugin.class, TrackerPlugin.class};
        for (Class<?> plugin : plugins) {
            String xml = descriptor(plugin);
            assertTrue(xml, xml.contains("<provide interface=\"jakarta.servlet.Servlet\"/>"));
            assertTrue(xml, xml.contains("name=\"felix.webconsole.label\" type=\"String\" value=\""
                    + plugin.getDeclaredField("LABEL").get(null) + "\""));
            assertTrue(xml, xml.contains("name=\"felix.webconsole.title\""));
            assertTrue(xml, xml.contains("name=\"felix.webconsole.category\" type=\"String\" value=\"Debswarm\""));
        }
        assertTrue(descriptor(OverviewPlugin.class).contains("cardinality=\"0..1\" policy=\"dynamic\""));
        assertTrue("the tracker page exists only with the tracker",
                descriptor(TrackerPlugin.class).matches("(?s).*<reference name=\"[^\"]*\" interface=\"org.debswarm."
                        + "tracker.TrackerStats\".*"));
    }

    @Test
    public void metricsAreAWhiteboardServletOnTheConsolesJetty() throws Exception {
        String xml = descriptor(MetricsServlet.class);
        assertTrue(xml, xml.contains("configuration-pid=\"org.debswarm.webconsole.metrics\""));
        assertTrue(xml, xml.contains("<property name=\"osgi.http.whiteboard.servlet.pattern\" type=\"String\">"
                + "/metrics\n/debswarm/stats.json</property>"));
        assertTrue(xml, xml.contains("name=\"osgi.http.whiteboard.target\" type=\"String\" value=\""
                + "(!(org.apache.felix.http.name=*))\""));
        assertTrue("not a console page", !xml.contains("felix.webconsole.label"));
        assertTrue(xml, xml.contains("interface=\"org.debswarm.stats.StatsView\"")
                && xml.contains("interface=\"org.debswarm.governor.HttpGovernor\""));
    }
}
