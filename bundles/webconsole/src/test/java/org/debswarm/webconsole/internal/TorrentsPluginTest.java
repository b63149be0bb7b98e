package org.debswarm.webconsole.internal;

import static org.debswarm.webconsole.internal.Fakes.HOSTILE;
import static org.debswarm.webconsole.internal.Fakes.HOSTILE_ESCAPED;
import static org.debswarm.webconsole.internal.Fakes.id;
import static org.debswarm.webconsole.internal.PageAssertions.count;
import static org.debswarm.webconsole.internal.PageAssertions.selfContainedAndEscaped;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.debswarm.node.NodeTorrent;
import org.debswarm.stats.PeerFigures;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.TorrentPiece;
import org.debswarm.torrent.TorrentRegistry;
import org.debswarm.torrent.TorrentStatus;
import org.debswarm.torrent.bencode.ByteString;
import org.junit.Test;

public class TorrentsPluginTest {

    private final Fakes.FakeStats stats = new Fakes.FakeStats();
    private final FakeRegistry registry = new FakeRegistry(List.of(Fakes.torrent(id(1), HOSTILE)));

    private final Fakes.FakeActions actions = new Fakes.FakeActions();

    private TorrentsPlugin plugin(TorrentRegistry r, Fakes.FakeStats s) {
        return new TorrentsPlugin(r, s, null, null, Clock.fixed(Fakes.NOW, ZoneOffset.UTC));
    }

    private TorrentsPlugin withNode(Fakes.FakePeerWire peerWire) {
        return new TorrentsPlugin(registry, stats, actions, peerWire, Clock.fixed(Fakes.NOW, ZoneOffset.UTC));
    }

    private static Fakes.Recorded call(TorrentsPlugin plugin, String method, Map<String, String> parameters)
            throws Exception {
        Fakes.Recorded recorded = new Fakes.Recorded();
        if (method.equals("GET")) {
            plugin.doGet(Fakes.request(method, parameters), recorded.response());
        } else {
            plugin.doPost(Fakes.request(method, parameters), recorded.response());
        }
        return recorded;
    }

    @Test
    public void listsRegisteredTorrentsWithTheirFigures() throws Exception {
        stats.torrents.put(id(1), Fakes.torrentFigures(id(1), "ignored: the registry's name wins"));
        stats.torrents.put(id(2), Fakes.torrentFigures(id(2), "old " + HOSTILE));
        String html = call(plugin(registry, stats), "GET", Map.of()).html();
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("<a href='" + Fakes.ROOT + "?torrent=" + id(1) + "'>" + HOSTILE_ESCAPED));
        assertTrue(html, html.contains("<td>1 / 2 (of 3)</td>"));
        assertTrue(html, html.contains("<td>31.3 KiB of 31.3 KiB</td>"));
        assertTrue(html, html.contains("75.0 %")); // swarm completion 750 of 1000 bytes
        assertTrue(html, html.contains("750 B of 1000 B"));
        assertTrue(html, html.contains("no longer registered"));
        assertTrue(html, html.contains("old " + HOSTILE_ESCAPED));
        assertFalse(html, html.contains("ignored"));
    }

    @Test
    public void listDegradesWithoutServices() throws Exception {
        String html = call(plugin(null, stats), "GET", Map.of()).html();
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("torrent registry (bundle org.debswarm.torrent) is not running"));

        html = call(plugin(registry, null), "GET", Map.of()).html();
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("statistics service is not running"));
        assertTrue(html, html.contains("<td>unknown</td>"));

        html = call(plugin(new FakeRegistry(List.of()), stats), "GET", Map.of()).html();
        assertTrue(html, html.contains("No torrent is registered"));
    }

    @Test
    public void detailListsPeersAndDisabledActions() throws Exception {
        stats.torrents.put(id(1), Fakes.torrentFigures(id(1), ""));
        stats.peers.put(id(1), List.of(Fakes.peer(id(1), 7, HOSTILE, true), Fakes.peer(id(1), 8, "", false)));
        TorrentsPlugin plugin = plugin(registry, stats);
        String html = call(plugin, "GET", Map.of("torrent", id(1).toUpperCase())).html();
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("<h2>" + HOSTILE_ESCAPED + "</h2>"));
        assertTrue(html, html.contains("<td>" + id(7) + "</td><td>" + HOSTILE_ESCAPED + "</td><td>yes</td>"));
        assertTrue(html, html.contains("<td>30 s ago</td>"));
        assertTrue(html, html.contains("<th>Files wanted by apt, stored</th><td>2, 1</td>"));
        assertEquals(3, count(html, " disabled>"));
        assertEquals(3, count(html, "value='" + plugin.token().value() + "'"));
        assertTrue(html, html.contains(Html.escape(TorrentDetailPage.ACTIONS_UNAVAILABLE)));
        assertTrue(html, html.contains("The peer wire (bundle org.debswarm.peerwire) is not running"));
    }

    @Test
    public void detailShowsTheStateLivePeersAndTheActionsThatApply() throws Exception {
        actions.add(id(1), "ignored", NodeTorrent.Kind.PACKAGES, NodeTorrent.State.RUNNING);
        stats.peerTotals.add(new PeerFigures("", id(7), "x", 5_000_000, 2048, 0, 0, true, Fakes.NOW));
        TorrentsPlugin plugin = withNode(new Fakes.FakePeerWire(Fakes.session(id(1))));
        String html = call(plugin, "GET", Map.of("torrent", id(1))).html();
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("<th>State on this node</th><td>running</td>"));
        assertTrue(html, html.contains("<button type='submit' name='do' value='stop'>stop</button>"));
        assertTrue(html, html.contains("<button type='submit' name='do' value='start' disabled>start</button>"));
        assertTrue(html, html.contains("<button type='submit' name='do' value='forget'>forget</button>"));
        assertTrue(html, html.contains(Html.escape(ActionsSection.DATA_KEPT)));
        assertTrue(html, html.contains("<tr><td>192.0.2.7:6881</td><td>&lt;script&gt;</td><td>" + id(7)
                + "</td><td>in</td><td>39.1 KiB / 1000 B</td><td>4.8 MiB / 2.0 KiB</td><td>2.0 KiB/s / 10 B/s</td>"
                + "<td>15.7 KiB (50.0 %)</td></tr>"));
        assertTrue(html, html.contains("<td>[2001:db8:0:0:0:0:0:8]:51413</td><td>aria2/1.36</td>"));
        assertTrue(html, html.contains("<td>not recorded</td>"));
    }

    @Test
    public void anActionIsPostedThenThePageShowsItsResult() throws Exception {
        actions.add(id(1), "t", NodeTorrent.Kind.PACKAGES, NodeTorrent.State.RUNNING);
        TorrentsPlugin plugin = withNode(null);
        String token = plugin.token().value();
        Fakes.Recorded stop = call(plugin, "POST", Map.of("action", "stop", "torrent", id(1),
                FormToken.PARAMETER, token));
        assertEquals(0, stop.error);
        assertEquals(Fakes.ROOT + "?torrent=" + id(1) + "&done=stop", stop.redirect);
        assertEquals(List.of("stop " + id(1)), actions.asked);

        String html = call(plugin, "GET", Map.of("torrent", id(1), "done", "stop")).html();
        assertTrue(html, html.contains("stop: done. The torrent is now stopped."));
        assertTrue(html, html.contains("<th>State on this node</th><td>stopped</td>"));
        assertTrue(html, html.contains("value='stop' disabled>"));
        assertEquals("a GET changes nothing", 1, actions.asked.size());
        html = call(plugin, "GET", Map.of("torrent", id(1), "done", "<b>")).html();
        assertFalse(html, html.contains("done."));
    }

    @Test
    public void theListShowsStandardTorrentsAndLeavesForgottenOnesOut() throws Exception {
        actions.add(id(1), "pk", NodeTorrent.Kind.PACKAGES, NodeTorrent.State.FORGOTTEN);
        actions.add(id(3), "iso " + HOSTILE, NodeTorrent.Kind.STANDARD, NodeTorrent.State.STOPPED);
        String html = call(withNode(new Fakes.FakePeerWire()), "GET", Map.of()).html();
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("1 forgotten Packages torrent(s) not listed"));
        assertFalse(html, html.contains("?torrent=" + id(1)));
        assertTrue(html, html.contains("<a href='" + Fakes.ROOT + "?torrent=" + id(3) + "'>iso " + HOSTILE_ESCAPED));
        assertTrue(html, html.contains("<td>standard, stopped</td>"));
    }

    @Test
    public void detailOfSomethingUnknownOrMalformed() throws Exception {
        String html = call(plugin(registry, stats), "GET", Map.of("torrent", "<img src=x onerror=alert(1)>")).html();
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("Not an info hash: &lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(html, html.contains("<img"));

        html = call(plugin(registry, stats), "GET", Map.of("torrent", id(9))).html();
        assertTrue(html, html.contains("No torrent " + id(9)));

        html = call(plugin(null, null), "GET", Map.of("torrent", id(1))).html();
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("a service is not running"));
    }

    @Test
    public void postNeedsTheFormTokenAKnownActionAndAKnownTorrent() throws Exception {
        TorrentsPlugin plugin = plugin(registry, stats);
        assertEquals(403, call(plugin, "POST", Map.of("action", "stop", "torrent", id(1))).error);
        assertEquals(403, call(plugin, "POST", Map.of("action", "stop", FormToken.PARAMETER, "0".repeat(32))).error);
        String token = plugin.token().value();
        assertEquals(400, call(plugin, "POST", Map.of("action", "explode", FormToken.PARAMETER, token)).error);
        assertEquals(400, call(plugin, "POST", Map.of("action", "stop", "torrent", "<x>", FormToken.PARAMETER,
                token)).error);
        Fakes.Recorded stop = call(plugin, "POST", Map.of("action", "stop", "torrent", id(1),
                FormToken.PARAMETER, token));
        assertEquals(503, stop.error);
        assertEquals(TorrentDetailPage.ACTIONS_UNAVAILABLE, stop.message);

        TorrentsPlugin node = withNode(null);
        Fakes.Recorded unknown = call(node, "POST", Map.of("action", "forget", "torrent", id(9),
                FormToken.PARAMETER, node.token().value()));
        assertEquals(404, unknown.error);
        assertTrue(unknown.message, unknown.message.contains("forget failed: no torrent " + id(9)));
        assertEquals(null, unknown.redirect);
    }

    /** A registry holding a fixed list of current torrents. */
    private static final class FakeRegistry implements TorrentRegistry {
        private final List<PackagesTorrent> torrents;

        FakeRegistry(List<PackagesTorrent> torrents) {
            this.torrents = torrents;
        }

        @Override
        public List<PackagesTorrent> update(PackagesTorrents t) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(SourceIndex source) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PackagesTorrent> find(InfoHash infoHash) {
            return torrents.stream().filter(t -> t.infoHash().equals(infoHash)).findFirst();
        }

        @Override
        public List<PackagesTorrent> current(SourceIndex source) {
            return torrents;
        }

        @Override
        public List<PackagesTorrent> torrents() {
            return torrents;
        }

        @Override
        public List<TorrentPiece> pieces(ByteString sha256) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TorrentStatus status(InfoHash infoHash) {
            return find(infoHash).isPresent() ? TorrentStatus.CURRENT : TorrentStatus.DROPPED;
        }

        @Override
        public Optional<Instant> dropTime(InfoHash infoHash) {
            return Optional.empty();
        }
    }
}
