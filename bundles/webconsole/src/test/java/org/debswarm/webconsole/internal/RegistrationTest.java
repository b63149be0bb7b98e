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
}
