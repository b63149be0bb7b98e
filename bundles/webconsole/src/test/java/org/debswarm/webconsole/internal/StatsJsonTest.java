package org.debswarm.webconsole.internal;

import static org.debswarm.webconsole.internal.Fakes.id;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.debswarm.node.NodeWarning;
import org.junit.Test;

/** /debswarm/stats.json: figures present, strings escaped, absent services null. */
public class StatsJsonTest {

    @Test
    public void everyPartIsThere() throws Exception {
        ServletCall call = ServletCall.get(new MetricsServlet(MetricsTest.stats(), governor()),
                MetricsServlet.STATS_JSON);
        assertEquals("application/json", call.contentType);
        String json = call.body();
        assertTrue(json, json.startsWith("{\"statsAvailable\":true,\"governorAvailable\":true,\"peerWireAvailable\":false,"
                + "\"node\":{"
                + "\"fromPeers\":3000,\"fromMirrors\":1000,\"uploaded\":500,\"servedToApt\":4000,"));
        assertTrue(json, json.contains("\"peerShare\":0.7500,"));
        assertTrue(json, json.contains("\"rates\":{\"fromPeers\":2048.0000,\"fromMirrors\":10.0000,\"uploaded\":0.0000}"));
        assertTrue(json, json.contains("\"torrents\":[{\"infoHash\":\"" + id(1) + "\",\"name\":"));
        assertTrue(json, json.contains("\"swarm\":{\"bytesHeld\":750,\"bytesWanted\":1000,\"reportedAt\":"
                + "\"2026-11-25T12:00:00Z\"}"));
        assertTrue(json, json.contains("\"peers\":[{\"peerId\":\"" + id(7) + "\""));
        assertTrue(json, json.contains("{\"host\":\"deb.debian.org\",\"active\":2,\"queued\":2,\"requests\":100,"));
        assertTrue(json, json.contains("\"total\":{\"host\":\"*\",\"active\":3"));
        assertTrue(json, json.endsWith("]},\"sessions\":[],\"aptListenerAvailable\":false,\"indexParses\":null,\"warnings\":[]}\n"));
        balanced(json);
    }

    @Test
    public void hostileStringsAreEscaped() throws Exception {
        String json = StatsJson.render(MetricsTest.stats(), MetricsTest.governorStats());
        String escaped = "a\\\"b\\\\c\\nd} 1\\n# TYPE x counter\\u003cscript\\u003ealert('x')\\u003c/script\\u003e"
                + "${brand.name}\\u0026\\u0007";
        assertTrue(json, json.contains("\"name\":\"" + escaped + "\""));
        assertTrue(json, json.contains("\"clientName\":\"" + escaped + "\""));
        assertTrue(json, json.contains("{\"host\":\"" + escaped + "\""));
        assertFalse(json, json.contains("<"));
        assertEquals(json.strip(), json.strip().replace("\n", ""));
        balanced(json);
    }

    @Test
    public void absentServicesAreNull() {
        String json = StatsJson.render(null, null);
        assertEquals("{\"statsAvailable\":false,\"governorAvailable\":false,\"peerWireAvailable\":false,"
                + "\"node\":null,\"torrents\":[],\"peers\":[],\"governor\":null,\"sessions\":[],"
                + "\"aptListenerAvailable\":false,\"indexParses\":null,\"warnings\":[]}\n", json);
        String noGovernor = StatsJson.render(MetricsTest.stats(), null);
        assertTrue(noGovernor, noGovernor.endsWith(",\"governor\":null,\"sessions\":[],\"aptListenerAvailable\":false,"
                + "\"indexParses\":null,\"warnings\":[]}\n"));
        balanced(noGovernor);
    }

    @Test
    public void warningsComeLastWithKeyTextAndSetting() {
        String json = StatsJson.render(null, null, null, null, List.of(new NodeWarning("tracker-unreachable"
                + " http://10.0.0.5:6969/announce", "Tracker \"x\" is unreachable", "trackers (PID org.debswarm.node)")));
        assertTrue(json, json.endsWith(",\"indexParses\":null,\"warnings\":[{\"key\":\"tracker-unreachable"
                + " http://10.0.0.5:6969/announce\",\"text\":\"Tracker \\\"x\\\" is unreachable\",\"setting\":"
                + "\"trackers (PID org.debswarm.node)\"}]}\n"));
        balanced(json);
    }

    @Test
    public void sessionsCarryTheLivePeerFigures() throws Exception {
        ServletCall call = ServletCall.get(new MetricsServlet(MetricsTest.stats(), governor(),
                new Fakes.FakePeerWire(Fakes.session(id(1)))), MetricsServlet.STATS_JSON);
        String json = call.body();
        assertTrue(json, json.contains("\"peerWireAvailable\":true,"));
        assertTrue(json, json.contains("\"sessions\":[{\"infoHash\":\"" + id(1) + "\",\"name\":\"live\","
                + "\"totalBytes\":32100,\"bytesHad\":2100,"));
        assertTrue(json, json.contains("{\"peerId\":\"" + id(7) + "\",\"address\":\"192.0.2.7:6881\",\"client\":"
                + "\"\\u003cscript\\u003e\",\"incoming\":true,\"downloaded\":40000,\"uploaded\":1000,"
                + "\"downloadRate\":2048,\"uploadRate\":10,\"bytesHad\":16050,\"piecesHad\":2}"));
        assertTrue(json, json.contains("\"address\":\"[2001:db8:0:0:0:0:0:8]:51413\""));
        balanced(json);
    }

    @Test
    public void theAptListenersIndexReadingIsThere() throws Exception {
        ServletCall call = ServletCall.get(new MetricsServlet(null, null, null,
                Fakes.catalog(new org.debswarm.aptlistener.IndexParseCounts(3, 1, 2, 17, 5))), MetricsServlet.STATS_JSON);
        String json = call.body();
        assertTrue(json, json.endsWith(",\"aptListenerAvailable\":true,\"indexParses\":{\"packagesParsed\":3,\"sourcesParsed\":1,"
                + "\"releasesRead\":2,\"unchangedIndices\":17,\"unchangedReleases\":5},\"warnings\":[]}\n"));
        balanced(json);
    }

    private static org.debswarm.governor.HttpGovernor governor() {
        return new org.debswarm.governor.HttpGovernor() {
            @Override
            public java.util.concurrent.CompletableFuture<org.debswarm.governor.MirrorResponse> fetch(
                    org.debswarm.governor.MirrorRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.debswarm.governor.GovernorStats snapshot() {
                return MetricsTest.governorStats();
            }
        };
    }

    /** Brackets and braces outside strings balance, and no comma precedes a closing one. */
    private static void balanced(String json) {
        int depth = 0;
        boolean inString = false;
        char previous = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    assertFalse("comma before " + c + " at " + i, previous == ',');
                    depth--;
                }
                default -> { }
            }
            assertFalse("no ,, at " + i, c == ',' && previous == ',');
            previous = c;
        }
        assertEquals(0, depth);
    }
}
