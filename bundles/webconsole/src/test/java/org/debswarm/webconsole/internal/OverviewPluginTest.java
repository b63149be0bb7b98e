package org.debswarm.webconsole.internal;

import static org.debswarm.webconsole.internal.Fakes.HOSTILE_ESCAPED;
import static org.debswarm.webconsole.internal.PageAssertions.count;
import static org.debswarm.webconsole.internal.PageAssertions.selfContainedAndEscaped;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

public class OverviewPluginTest {

    private static String get(OverviewPlugin plugin) throws Exception {
        Fakes.Recorded recorded = new Fakes.Recorded();
        plugin.doGet(Fakes.request("GET", Map.of()), recorded.response());
        return recorded.html();
    }

    @Test
    public void showsTotalsShareRatesAndTwoCharts() throws Exception {
        String html = get(new OverviewPlugin(new Fakes.FakeStats()));
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("75.0 %")); // 3000 of 4000 bytes from peers
        assertTrue(html, html.contains("<td>2.0 KiB/s</td>"));
        assertTrue(html, html.contains("<th>Downloaded from peers</th><td>2.9 KiB</td>"));
        assertTrue(html, html.contains("<td>" + HOSTILE_ESCAPED + "</td>"));
        assertEquals(2, count(html, "<svg "));
        assertEquals(6, count(html, "<polyline "));
        assertTrue(html, html.contains("<title>Bytes per second over the last 24 hours"));
    }

    @Test
    public void withoutTheStatisticsServiceSaysSo() throws Exception {
        String html = get(new OverviewPlugin(null));
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("statistics service (bundle org.debswarm.stats) is not running"));
        assertEquals(0, count(html, "<svg"));
    }
}
