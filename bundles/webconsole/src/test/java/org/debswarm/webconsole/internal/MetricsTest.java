package org.debswarm.webconsole.internal;

import static org.debswarm.webconsole.internal.Fakes.HOSTILE;
import static org.debswarm.webconsole.internal.Fakes.NOW;
import static org.debswarm.webconsole.internal.Fakes.id;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.debswarm.aptlistener.IndexParseCounts;
import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.HostStats;
import org.debswarm.stats.PeerFigures;
import org.junit.Test;

/** The Prometheus text: every family well formed, hostile label values escaped, absent services said. */
public class MetricsTest {

    // name, optional {label="value",...} with escapes, one value; as the 0.0.4 format defines a sample line
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\""
                    + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\")*\\})? -?[0-9]+(\\.[0-9]+)?");
    private static final String HOSTILE_LABEL = "a\"b\\c\nd} 1\n# TYPE x counter" + HOSTILE;

    static GovernorStats governorStats() {
        return new GovernorStats(NOW, 4, 16, 1000, new HostStats(HostStats.ALL_HOSTS, 3, 2, 120, 5 << 20, 4, 1),
                List.of(new HostStats("deb.debian.org", 2, 2, 100, 4 << 20, 3, 1),
                        new HostStats(HOSTILE_LABEL, 1, 0, 20, 1 << 20, 1, 0)));
    }

    static Fakes.FakeStats stats() {
        Fakes.FakeStats stats = new Fakes.FakeStats();
        stats.peerTotals.add(new PeerFigures("", id(7), HOSTILE_LABEL, 16_384, 1024, 0, 0, true, NOW));
        stats.torrents.put(id(1), Fakes.torrentFigures(id(1), HOSTILE_LABEL));
        return stats;
    }

    /** Checks the whole text against the format and returns the families in order. */
    static List<String> wellFormed(String text) {
        assertTrue("ends with a line feed", text.endsWith("\n"));
        List<String> families = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = null;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                current = line.split(" ")[2];
                assertTrue("family once: " + current, seen.add(current));
                families.add(current);
            } else if (line.startsWith("# TYPE ")) {
                assertTrue(line, line.equals("# TYPE " + current + " counter") || line.equals("# TYPE " + current
                        + " gauge"));
                assertFalse(line, line.endsWith("counter") && !current.endsWith("_total"));
            } else {
                assertTrue("sample line: " + line, SAMPLE.matcher(line).matches());
                assertTrue("sample of its family: " + line, line.startsWith(current + " ")
                        || line.startsWith(current + "{"));
            }
        }
        return families;
    }

    @Test
    public void everyCounterIsThereWithItsValue() {
        String text = MetricsText.render(stats(), governorStats());
        List<String> families = wellFormed(text);
        assertTrue(text, text.contains("debswarm_stats_up 1\n"));
        assertTrue(text, text.contains("debswarm_governor_up 1\n"));
        assertTrue(text, text.contains("# TYPE debswarm_from_peers_bytes_total counter\n"
                + "debswarm_from_peers_bytes_total 3000\n"));
        assertTrue(text, text.contains("\ndebswarm_from_mirrors_bytes_total 1000\n"));
        assertTrue(text, text.contains("\ndebswarm_uploaded_bytes_total 500\n"));
        assertTrue(text, text.contains("\ndebswarm_served_to_apt_bytes_total 4000\n"));
        assertTrue(text, text.contains("\ndebswarm_files_served_total{source=\"store\"} 3\n"
                + "debswarm_files_served_total{source=\"fetched\"} 1\n"));
        assertTrue(text, text.contains("\ndebswarm_torrent_from_peers_bytes_total{torrent=\"" + id(1) + "\"} 1000\n"));
        assertTrue(text, text.contains("\ndebswarm_torrent_swarm_held_bytes{torrent=\"" + id(1) + "\"} 750\n"));
        assertTrue(text, text.contains("\ndebswarm_peer_received_bytes_total{peer=\"" + id(7) + "\"} 16384\n"));
        assertTrue(text, text.contains("\ndebswarm_governor_received_bytes_total{mirror=\"deb.debian.org\"} "
                + (4 << 20) + "\n"));
        assertTrue(text, text.contains("\ndebswarm_governor_limit{limit=\"connections_per_host\"} 4\n"));
        assertEquals(List.of("debswarm_stats_up", "debswarm_governor_up", "debswarm_from_peers_bytes_total"),
                families.subList(0, 3));
        assertTrue(families.toString(), families.contains("debswarm_governor_timeouts_total"));
    }

    @Test
    public void hostileLabelValuesAreEscaped() {
        String text = MetricsText.render(stats(), governorStats());
        wellFormed(text);
        String escaped = "a\\\"b\\\\c\\nd} 1\\n# TYPE x counter<script>alert('x')</script>${brand.name}&\ufffd";
        assertEquals(escaped, PrometheusText.escapeLabelValue(HOSTILE_LABEL));
        assertTrue(text, text.contains("debswarm_mirror_bytes_total{mirror=\"" + PrometheusText.escapeLabelValue(HOSTILE)
                + "\"} 1000\n"));
        assertTrue(text, text.contains("debswarm_torrent_info{torrent=\"" + id(1) + "\",name=\"" + escaped + "\"} 1\n"));
        assertTrue(text, text.contains("debswarm_peer_info{peer=\"" + id(7) + "\",client=\"" + escaped + "\"} 1\n"));
        assertTrue(text, text.contains("debswarm_governor_requests_total{mirror=\"" + escaped + "\"} 20\n"));
        assertFalse("no forged line", text.contains("\n# TYPE x counter"));
        assertEquals("\ufffd\ud83d\ude00\ufffd", PrometheusText.escapeLabelValue("\ud800\ud83d\ude00\udc00"));
    }

    @Test
    public void absentServicesSayZeroAndOmitTheirFamilies() {
        String text = MetricsText.render(null, null);
        assertEquals(List.of("debswarm_stats_up", "debswarm_governor_up", "debswarm_aptlistener_up"), wellFormed(text));
        assertTrue(text, text.contains("debswarm_stats_up 0\n"));
        assertTrue(text, text.contains("debswarm_governor_up 0\n"));
        assertTrue(text, text.contains("debswarm_aptlistener_up 0\n"));

        String statsOnly = MetricsText.render(stats(), null);
        wellFormed(statsOnly);
        assertTrue(statsOnly.contains("debswarm_governor_up 0\n"));
        assertFalse(statsOnly.contains("debswarm_governor_requests_total"));
        assertTrue(statsOnly.contains("debswarm_from_peers_bytes_total 3000\n"));

        String governorOnly = MetricsText.render(null, governorStats());
        wellFormed(governorOnly);
        assertTrue(governorOnly.contains("debswarm_stats_up 0\n"));
        assertFalse(governorOnly.contains("debswarm_from_peers_bytes_total"));
        assertTrue(governorOnly.contains("debswarm_governor_errors_total{mirror=\"deb.debian.org\"} 3\n"));
    }

    @Test
    public void theAptListenersIndexReadingIsCounted() throws Exception {
        IndexParseCounts counts = new IndexParseCounts(3, 1, 2, 17, 5);
        ServletCall call = ServletCall.get(new MetricsServlet(null, null, null, Fakes.catalog(counts)),
                MetricsServlet.METRICS);
        String text = call.body();
        List<String> families = wellFormed(text);
        assertEquals(List.of("debswarm_stats_up", "debswarm_governor_up", "debswarm_aptlistener_up",
                "debswarm_apt_indices_parsed_total", "debswarm_apt_releases_read_total", "debswarm_apt_unchanged_total",
                "debswarm_store_up"),
                families);
        assertTrue(text, text.contains("debswarm_aptlistener_up 1\n"));
        assertTrue(text, text.contains("\ndebswarm_apt_indices_parsed_total{kind=\"packages\"} 3\n"
                + "debswarm_apt_indices_parsed_total{kind=\"sources\"} 1\n"));
        assertTrue(text, text.contains("\ndebswarm_apt_releases_read_total 2\n"));
        assertTrue(text, text.contains("\ndebswarm_apt_unchanged_total{kind=\"index\"} 17\n"
                + "debswarm_apt_unchanged_total{kind=\"release\"} 5\n"));
    }

    @Test
    public void helpTextEscapesBackslashAndLineFeedOnly() {
        String text = new PrometheusText().family("x_total", "counter", "a \"q\" \\ b\nc").sample("x_total", 1.5)
                .toString();
        assertEquals("# HELP x_total a \"q\" \\\\ b\\nc\n# TYPE x_total counter\nx_total 1.500\n", text);
    }

    @Test
    public void peersAreBounded() {
        Fakes.FakeStats many = new Fakes.FakeStats();
        for (int i = 0; i < MetricsText.MAX_PEERS + 50; i++) {
            many.peerTotals.add(new PeerFigures("", String.format("%040x", i), "c", 1, 1, 0, 0, false, NOW));
        }
        String text = MetricsText.render(many, null);
        assertEquals(MetricsText.MAX_PEERS, text.lines().filter(l -> l.startsWith("debswarm_peer_info{")).count());
    }

    @Test
    public void servletAnswersTextWithTheFormatVersion() throws Exception {
        ServletCall call = ServletCall.get(new MetricsServlet(stats(), null), MetricsServlet.METRICS);
        assertEquals(200, call.status);
        assertEquals(PrometheusText.CONTENT_TYPE, call.contentType);
        assertEquals("no-store", call.headers.get("Cache-Control"));
        wellFormed(call.body());
        assertTrue(call.body().contains("debswarm_governor_up 0\n"));
        assertEquals(Map.of("Cache-Control", "no-store"), call.headers);
    }
}
