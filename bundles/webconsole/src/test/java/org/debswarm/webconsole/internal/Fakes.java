package org.debswarm.webconsole.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.debswarm.stats.Figures;
import org.debswarm.stats.HistoryResolution;
import org.debswarm.stats.NodeFigures;
import org.debswarm.stats.PeerFigures;
import org.debswarm.stats.RatePoint;
import org.debswarm.stats.Rates;
import org.debswarm.stats.StatsView;
import org.debswarm.stats.SwarmCompletion;
import org.debswarm.stats.TorrentFigures;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Fake services, requests and responses for rendering the plugins without a container. */
final class Fakes {

    static final String HOSTILE = "<script>alert('x')</script>${brand.name}&\u0007";
    static final String HOSTILE_ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#36;{brand.name}&amp;\ufffd";
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String ROOT = "/system/console/" + TorrentsPlugin.LABEL;

    private Fakes() {
    }

    static String id(int n) {
        return String.format("%02x", n).repeat(20);
    }

    /** A StatsView returning fixed figures; the lists are mutable for the test to fill. */
    static final class FakeStats implements StatsView {
        final Map<String, TorrentFigures> torrents = new HashMap<>();
        final Map<String, List<PeerFigures>> peers = new HashMap<>();
        final List<PeerFigures> peerTotals = new ArrayList<>();
        Figures node = new Figures(3000, 1000, 500, 4000, 3, 1, 2, 1, Map.of(HOSTILE, 1000L));

        @Override
        public NodeFigures node() {
            return new NodeFigures(node, new Rates(2048, 10, 0), torrents.size(), 1);
        }

        @Override
        public List<TorrentFigures> torrents() {
            return List.copyOf(torrents.values());
        }

        @Override
        public Optional<TorrentFigures> torrent(String infoHash) {
            return Optional.ofNullable(torrents.get(infoHash));
        }

        @Override
        public List<PeerFigures> peers(String infoHash) {
            return peers.getOrDefault(infoHash, List.of());
        }

        @Override
        public List<PeerFigures> peerTotals() {
            return List.copyOf(peerTotals);
        }

        @Override
        public List<RatePoint> history(HistoryResolution resolution) {
            List<RatePoint> points = new ArrayList<>();
            long period = resolution.period().toMillis();
            for (int i = 0; i < resolution.capacity(); i++) {
                points.add(new RatePoint(NOW.minusMillis(period * (resolution.capacity() - 1 - i)), i * 100L, 50,
                        i % 7));
            }
            return points;
        }
    }

    static TorrentFigures torrentFigures(String hex, String name) {
        return new TorrentFigures(hex, name, new Figures(1000, 300, 200, 1300, 1, 1, 0, 0, Map.of(HOSTILE, 300L)),
                new Rates(100, 0, 5), new SwarmCompletion(750, 1000, NOW), 2, NOW);
    }

    static PeerFigures peer(String torrent, int n, String client, boolean connected) {
        return new PeerFigures(torrent, id(n), client, 16_384, 1024, 1, 0, connected, NOW.minusSeconds(30));
    }

    /** A torrent of three files: 0 and 1 wanted, 1 and 2 had. */
    static PackagesTorrent torrent(String hex, String name) {
        PieceBits wanted = new PieceBits(3);
        wanted.set(0);
        wanted.set(1);
        PieceBits had = new PieceBits(3);
        had.set(1);
        had.set(2);
        long[] lengths = {100, 2000, 30_000};
        return (PackagesTorrent) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                new Class<?>[] {PackagesTorrent.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "infoHash" -> InfoHash.fromHex(hex);
                    case "name" -> name;
                    case "pieceCount" -> 3;
                    case "length" -> lengths[(Integer) args[0]];
                    case "totalLength" -> 32_100L;
                    case "wanted" -> wanted;
                    case "had" -> had;
                    case "architectureAll" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A request with the given method and parameters, inside the console (plugin root set). */
    static HttpServletRequest request(String method, Map<String, String> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getAttribute" -> Page.PLUGIN_ROOT.equals(args[0]) ? ROOT : null;
                    case "getProtocol" -> "HTTP/1.1";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A response that records the body and any error. */
    static final class Recorded {
        final StringWriter body = new StringWriter();
        int error;
        String message;

        HttpServletResponse response() {
            PrintWriter writer = new PrintWriter(body);
            return (HttpServletResponse) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "getWriter" -> {
                                return writer;
                            }
                            case "sendError" -> {
                                error = (Integer) args[0];
                                message = args.length > 1 ? (String) args[1] : null;
                                return null;
                            }
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }

        String html() {
            return body.toString();
        }
    }
}
