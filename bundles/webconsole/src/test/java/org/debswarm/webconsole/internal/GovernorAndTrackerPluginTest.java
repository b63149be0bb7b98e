package org.debswarm.webconsole.internal;

import static org.debswarm.webconsole.internal.Fakes.HOSTILE;
import static org.debswarm.webconsole.internal.Fakes.HOSTILE_ESCAPED;
import static org.debswarm.webconsole.internal.Fakes.NOW;
import static org.debswarm.webconsole.internal.Fakes.id;
import static org.debswarm.webconsole.internal.PageAssertions.selfContainedAndEscaped;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.HostStats;
import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.debswarm.tracker.PeerStats;
import org.debswarm.tracker.TorrentStats;
import org.debswarm.tracker.TrackerStats;
import org.debswarm.tracker.TrackerTotals;
import org.junit.Test;

public class GovernorAndTrackerPluginTest {

    private static String get(jakarta.servlet.http.HttpServlet servlet) throws Exception {
        Fakes.Recorded recorded = new Fakes.Recorded();
        servlet.service(Fakes.request("GET", Map.of()), recorded.response());
        return recorded.html();
    }

    @Test
    public void governorShowsEveryHostAndTheTotal() throws Exception {
        HttpGovernor governor = new HttpGovernor() {
            @Override
            public CompletableFuture<MirrorResponse> fetch(MirrorRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public GovernorStats snapshot() {
                return new GovernorStats(NOW, 4, 16, 1000, new HostStats(HostStats.ALL_HOSTS, 3, 2, 120, 5 << 20, 4, 1),
                        List.of(new HostStats("deb.debian.org", 2, 2, 100, 4 << 20, 3, 1),
                                new HostStats(HOSTILE, 1, 0, 20, 1 << 20, 1, 0)));
            }
        };
        String html = get(new GovernorPlugin(governor));
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("<tr><td>deb.debian.org</td><td>2</td><td>2</td><td>100</td><td>4.0 MiB</td>"
                + "<td>3</td><td>1</td></tr>"));
        assertTrue(html, html.contains("<td>" + HOSTILE_ESCAPED + "</td>"));
        assertTrue(html, html.contains("<tr><td>All hosts</td><td>3</td><td>2</td><td>120</td><td>5.0 MiB</td>"));
    }

    @Test
    public void governorAbsent() throws Exception {
        String html = get(new GovernorPlugin(null));
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("governor (bundle org.debswarm.governor) is not running"));
    }

    @Test
    public void trackerShowsTotalsAndTorrents() throws Exception {
        List<TorrentStats> torrents = new ArrayList<>();
        torrents.add(new TorrentStats(id(1), HOSTILE, 3, 2, 7, 1 << 30, 1 << 20, NOW));
        for (int i = 0; i < TrackerPage.MAX_ROWS + 5; i++) {
            torrents.add(new TorrentStats(id(2), "", 0, 0, 0, 0, 0, NOW));
        }
        String html = get(new TrackerPlugin(tracker(torrents)));
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("<tr><td>" + HOSTILE_ESCAPED + "</td><td>" + id(1)
                + "</td><td>3</td><td>2</td><td>7</td><td>1.0 GiB</td><td>1.0 MiB</td>"));
        assertTrue(html, html.contains("<td>(unnamed)</td>"));
        assertTrue(html, html.contains("Showing the 500 torrents with the most peers of 506."));
    }

    @Test
    public void trackerWithoutTorrents() throws Exception {
        String html = get(new TrackerPlugin(tracker(List.of())));
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("No torrent has been announced"));
    }

    private static TrackerStats tracker(List<TorrentStats> torrents) {
        return new TrackerStats() {
            @Override
            public TrackerTotals totals() {
                return new TrackerTotals(torrents.size(), 3, 2, 7, 1 << 30, 1 << 20);
            }

            @Override
            public List<TorrentStats> torrents() {
                return torrents;
            }

            @Override
            public Optional<TorrentStats> torrent(String infoHashHex) {
                return Optional.empty();
            }

            @Override
            public List<PeerStats> peers(String infoHashHex) {
                return List.of();
            }
        };
    }
}
