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

import org.debswarm.node.NodeTorrent;
import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.PeerWire;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.node.TorrentActions;
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

    /** An apt listener's catalog that knows no file and reports {@code counts}. */
    static org.debswarm.aptlistener.IndexCatalog catalog(org.debswarm.aptlistener.IndexParseCounts counts) {
        return new org.debswarm.aptlistener.IndexCatalog() {
            @Override
            public java.util.Optional<org.debswarm.storage.FileKey> entryFor(String host, String path) {
                return java.util.Optional.empty();
            }

            @Override
            public List<org.debswarm.aptlistener.PackagesIndex> indexes() {
                return List.of();
            }

            @Override
            public org.debswarm.aptlistener.IndexParseCounts parseCounts() {
                return counts;
            }
        };
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

    /** Torrent actions over a map of torrents, applied at once; what was asked is recorded. */
    static final class FakeActions implements TorrentActions {
        final Map<InfoHash, NodeTorrent> torrents = new java.util.LinkedHashMap<>();
        final List<String> asked = new ArrayList<>();

        NodeTorrent add(String hex, String name, NodeTorrent.Kind kind, NodeTorrent.State state) {
            NodeTorrent t = new NodeTorrent(InfoHash.fromHex(hex), name, kind, state);
            torrents.put(t.infoHash(), t);
            return t;
        }

        @Override
        public List<NodeTorrent> torrents() {
            return List.copyOf(torrents.values());
        }

        @Override
        public Optional<NodeTorrent> torrent(InfoHash infoHash) {
            return Optional.ofNullable(torrents.get(infoHash));
        }

        @Override
        public java.util.concurrent.CompletableFuture<NodeTorrent> stop(InfoHash infoHash) {
            return apply("stop", infoHash, NodeTorrent.State.STOPPED);
        }

        @Override
        public java.util.concurrent.CompletableFuture<NodeTorrent> start(InfoHash infoHash) {
            return apply("start", infoHash, NodeTorrent.State.RUNNING);
        }

        @Override
        public java.util.concurrent.CompletableFuture<NodeTorrent> forget(InfoHash infoHash) {
            return apply("forget", infoHash, NodeTorrent.State.FORGOTTEN);
        }

        private java.util.concurrent.CompletableFuture<NodeTorrent> apply(String action, InfoHash hash,
                NodeTorrent.State state) {
            asked.add(action + " " + hash.toHex());
            NodeTorrent t = torrents.get(hash);
            if (t == null) {
                return java.util.concurrent.CompletableFuture.failedFuture(
                        new java.util.NoSuchElementException("no torrent " + hash.toHex()));
            }
            torrents.put(hash, t.with(state));
            return java.util.concurrent.CompletableFuture.completedFuture(t.with(state));
        }
    }

    /** A peer wire with fixed sessions; everything else unsupported. */
    static final class FakePeerWire implements PeerWire {
        final List<SessionSnapshot> sessions;

        FakePeerWire(SessionSnapshot... sessions) {
            this.sessions = List.of(sessions);
        }

        @Override
        public Optional<SessionSnapshot> snapshot(InfoHash infoHash) {
            return sessions.stream().filter(s -> s.infoHash().equals(infoHash)).findFirst();
        }

        @Override
        public List<SessionSnapshot> sessions() {
            return sessions;
        }

        @Override
        public org.debswarm.peerwire.TorrentSession start(PackagesTorrent torrent, String mirrorHost,
                String archiveRoot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.debswarm.peerwire.TorrentSession start(org.debswarm.torrent.MetaInfo metaInfo) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.debswarm.peerwire.TorrentSession start(org.debswarm.torrent.MetaInfo metaInfo,
                org.debswarm.storage.SpanningStorage storage, PieceBits had) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int port() {
            return 6881;
        }

        @Override
        public byte[] peerId() {
            return new byte[20];
        }
    }

    /** A session of 32,100 bytes with two peers: one hostile-named over IPv4, one over IPv6. */
    static SessionSnapshot session(String hex) {
        PeerSnapshot v4 = new PeerSnapshot(id(7), new java.net.InetSocketAddress("192.0.2.7", 6881), "<script>", true,
                1000, 40_000, 10, 2048, 16_050, 2, false, false, true, true, 0);
        PeerSnapshot v6 = new PeerSnapshot(id(8), new java.net.InetSocketAddress("2001:db8::8", 51413), "aria2/1.36",
                false, 0, 0, 0, 0, 32_100, 3, true, true, false, false, 0);
        return new SessionSnapshot(InfoHash.fromHex(hex), "live", 3, 2, 32_100, 2100, 0, 1000, 40_000, 10, 2048,
                List.of(v4, v6));
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
        String redirect;

        HttpServletResponse response() {
            PrintWriter writer = new PrintWriter(body);
            return (HttpServletResponse) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "getWriter" -> {
                                return writer;
                            }
                            case "sendRedirect" -> {
                                redirect = (String) args[0];
                                return null;
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
