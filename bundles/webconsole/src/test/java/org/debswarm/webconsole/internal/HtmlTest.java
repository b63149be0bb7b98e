package org.debswarm.webconsole.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.debswarm.stats.RatePoint;
import org.junit.Test;

public class HtmlTest {

    @Test
    public void escapesMarkupQuotesConsoleVariablesAndControls() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#36;{v}\ufffd\t", Html.escape(
                "<a href=\"x\" title='y'>&${v}\u0000\t"));
        assertEquals("plain text, 1.0 %", Html.escape("plain text, 1.0 %"));
    }

    @Test
    public void formatsBytesAndRates() {
        assertEquals("0 B", Format.bytes(0));
        assertEquals("1023 B", Format.bytes(1023));
        assertEquals("1.0 KiB", Format.bytes(1024));
        assertEquals("1.5 GiB", Format.bytes(1.5 * (1 << 30)));
        assertEquals("2.0 MiB/s", Format.rate(2 << 20));
        assertEquals("never", Format.time(Instant.EPOCH));
    }

    @Test
    public void anEmptyHistoryStillDrawsAChart() {
        Html html = new Html();
        Chart.render(html, List.of(new RatePoint(Instant.EPOCH, 0, 0, 0)), Duration.ofMinutes(1), 5, "t");
        String svg = html.toString();
        assertTrue(svg, svg.contains("<polyline"));
        assertTrue(svg, !svg.contains("NaN") && !svg.contains("Infinity"));
    }
}
