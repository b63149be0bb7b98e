package org.debswarm.node.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.debswarm.aptlistener.Fill;
import org.debswarm.aptlistener.SourcesBelow;
import org.debswarm.node.internal.apt.AptDemand;
import org.debswarm.node.internal.apt.AptDemandConfiguration;
import org.debswarm.peerwire.PieceAvailability;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrentBuilder;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.TorrentRegistry;
import org.debswarm.torrent.bencode.ByteString;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What an apt request costs the engine: AptDemand reads how the peers stand towards the piece in one call
 * ({@code availability}, one trip to the I/O thread; before issue 12, up to three blocking ones), then takes the
 * store's write or declines it. The session is a fake that counts calls and refuses anything else; the store and
 * the torrent are real.
 */
public class AptDemandTest {

    private static final String HOST = "deb.debian.org";
    private static final byte[] CONTENT = "a package".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private FileSystemPieceStore store;
    private PackagesTorrent torrent;
    private FileKey key;
    private final CountingSession session = new CountingSession();
    private final List<String> handedDown = new CopyOnWriteArrayList<>();
    private AptDemand demand;

    @Before
    public void start() throws Exception {
        store = NodeTestSupport.store(folder.newFolder("home").toPath());
        String sha256 = NodeTestSupport.sha256(CONTENT);
        PackagesTorrentBuilder builder = NodeTestSupport.factory()
                .packagesBuilder(HOST, "debian/dists/bookworm/main/binary-amd64/Packages.xz");
        builder.add("pool/main/h/hello/hello_1_all.deb", CONTENT.length, sha256, true);
        torrent = builder.build().all();
        session.hash = torrent.infoHash();
        key = new FileKey(HOST, "debian/pool/main/h/hello/hello_1_all.deb", CONTENT.length, sha256);
        // stall and give-way checks far beyond the test, so that only offer() speaks to the session
        demand = new AptDemand(NodeTestSupport.annotation(AptDemandConfiguration.class,
                Map.of("stallSeconds", 1000, "giveWayMillis", 60_000)), registry(torrent), store, new OneSession());
    }

    @After
    public void stop() throws Exception {
        Method deactivate = AptDemand.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(demand);
        store.close();
    }

    @Test
    public void withoutPeersItDeclinesAfterOneTrip() throws Exception {
        session.availability = PieceAvailability.NONE;
        assertEquals(Optional.empty(), demand.offer(write(), below()));
        assertEquals("one trip to the I/O thread", 1, session.availabilityCalls.get());
        assertEquals("nothing handed down: the listener's mirror is next anyway", List.of(), handedDown);
    }

    @Test
    public void aPeerWithThePieceGetsTheWriteAfterOneTrip() throws Exception {
        session.availability = new PieceAvailability(2, 1, 0, 0);
        Optional<Fill> fill = demand.offer(write(), below());
        assertTrue("taken", fill.isPresent());
        assertEquals("one trip to the I/O thread", 1, session.availabilityCalls.get());
        assertEquals("no mirror yet", List.of(), handedDown);
        assertFalse(fill.get().done().isDone());
    }

    @Test
    public void connectedPeersWithoutThePieceHearOfTheMirrorFetchAfterOneTrip() throws Exception {
        session.availability = new PieceAvailability(2, 0, 0, 0);
        Optional<Fill> fill = demand.offer(write(), below());
        assertTrue("taken", fill.isPresent());
        assertEquals("one trip to the I/O thread", 1, session.availabilityCalls.get());
        assertEquals("the peers are told (posted, not awaited)", List.of("fetching 0"), session.notices);
        assertEquals("handed down to the mirror, counted for the torrent",
                List.of(torrent.infoHash().toHex()), handedDown);
    }

    private FileWrite write() throws Exception {
        return store.begin(key).write().orElseThrow();
    }

    private SourcesBelow below() {
        return (write, infoHash) -> {
            handedDown.add(infoHash);
            return new Fill() {
                @Override
                public CompletableFuture<Void> done() {
                    return new CompletableFuture<>();
                }

                @Override
                public void stop() {
                }
            };
        };
    }

    private static TorrentRegistry registry(PackagesTorrent torrent) {
        return (TorrentRegistry) Proxy.newProxyInstance(TorrentRegistry.class.getClassLoader(),
                new Class<?>[] {TorrentRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("torrents")) {
                        return List.of(torrent);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The engine's side: one running torrent, whose session is the counting one. */
    private final class OneSession implements SwarmControl {
        @Override
        public ByteString peerId() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(PackagesTorrent t, Origin origin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(MetaInfo t, SpanningStorage storage, PieceBits had) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop(InfoHash infoHash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addPeers(InfoHash infoHash, Collection<InetSocketAddress> peers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<TransferCounters> counters(InfoHash infoHash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<TorrentSession> session(InfoHash infoHash) {
            return infoHash.equals(torrent.infoHash()) ? Optional.of(session) : Optional.empty();
        }

        @Override
        public CompletableFuture<Void> want(InfoHash infoHash, int piece) {
            return new CompletableFuture<>(); // kept: the engine announces the file once stored
        }
    }

    /** Counts the trips; anything but availability and the posted notices fails the test. */
    private static final class CountingSession implements TorrentSession {
        volatile PieceAvailability availability;
        volatile InfoHash hash;
        final AtomicInteger availabilityCalls = new AtomicInteger();
        final List<String> notices = new CopyOnWriteArrayList<>();

        @Override
        public void lost(int piece) {
        }

        @Override
        public CompletableFuture<PieceAvailability> availability(int piece) {
            availabilityCalls.incrementAndGet();
            return CompletableFuture.completedFuture(availability);
        }

        @Override
        public void fetchingFromMirror(int piece, boolean fetching) {
            notices.add((fetching ? "fetching " : "abandoned ") + piece);
        }

        @Override
        public InfoHash infoHash() {
            return hash;
        }

        @Override
        public int pieceCount() {
            return 1;
        }

        @Override
        public void addPeers(Collection<InetSocketAddress> peers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> want(int piece) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SessionSnapshot snapshot() {
            throw new UnsupportedOperationException("a blocking trip");
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public boolean stop() {
            throw new UnsupportedOperationException();
        }
    }
}
