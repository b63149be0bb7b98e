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
import org.debswarm.node.internal.apt.LaterLook;
import org.debswarm.peerwire.ContentSession;
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
    private final java.util.concurrent.BlockingQueue<String> handedDownEvents = new java.util.concurrent.LinkedBlockingQueue<>();
    /** How long ago the session started, as OneSession tells AptDemand; empty: no start known. */
    private volatile Optional<java.time.Duration> sessionAge = Optional.of(java.time.Duration.ofHours(1));
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
        deactivate(demand);
        store.close();
    }

    private static void deactivate(AptDemand demand) throws Exception {
        Method deactivate = AptDemand.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(demand);
    }

    /** An AptDemand that waits {@code firstPeersMillis} for the first peers (the give-way check beyond the test). */
    private AptDemand waitingFor(int firstPeersMillis) throws Exception {
        return waitingFor(firstPeersMillis, 60_000);
    }

    private AptDemand waitingFor(int firstPeersMillis, int giveWayMillis) throws Exception {
        deactivate(demand);
        demand = new AptDemand(NodeTestSupport.annotation(AptDemandConfiguration.class, Map.of("stallSeconds", 1000,
                "giveWayMillis", giveWayMillis, "firstPeersMillis", firstPeersMillis, "firstPeersWindowMillis", 3000)),
                registry(torrent), store, new OneSession());
        return demand;
    }

    @Test
    public void aloneLongAfterTheStartItFetchesFromTheMirrorAnnouncedAfterOneTrip() throws Exception {
        session.availability = PieceAvailability.NONE;
        Optional<Fill> fill = demand.offer(write(), below());
        assertTrue("taken", fill.isPresent());
        assertEquals("one trip to the I/O thread", 1, session.availabilityCalls.get());
        assertEquals("announced: peers connecting during the fetch hear of it", List.of("fetching 0"),
                session.notices);
        assertEquals(List.of(torrent.infoHash().toHex()), handedDown);
    }

    @Test
    public void withoutASessionItDeclines() throws Exception {
        OneSession none = new OneSession() {
            @Override
            public Optional<TorrentSession> session(InfoHash infoHash) {
                return Optional.empty();
            }
        };
        deactivate(demand);
        demand = new AptDemand(NodeTestSupport.annotation(AptDemandConfiguration.class, Map.of()), registry(torrent),
                store, none);
        assertEquals(Optional.empty(), demand.offer(write(), below()));
        assertEquals("nothing handed down: the listener's mirror is next anyway", List.of(), handedDown);
    }

    @Test
    public void aloneJustAfterTheStartItWaitsThenTakesTheFirstPeers() throws Exception {
        sessionAge = Optional.of(java.time.Duration.ofMillis(100));
        session.availability = PieceAvailability.NONE;
        session.then = List.of(new PieceAvailability(1, 1, 0, 0)); // the first peer, with the package, came meanwhile
        Optional<Fill> fill = waitingFor(200).offer(write(), below());
        assertTrue("taken", fill.isPresent());
        assertEquals("nothing asked of the mirror while waiting", List.of(), handedDown);
        Fill decided = ((LaterLook) fill.get()).decided().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("PeerDownload", decided.getClass().getSimpleName());
        assertEquals("two trips: the first look and the one after the wait", 2, session.availabilityCalls.get());
        assertEquals(List.of(), handedDown);
        assertEquals(List.of(), session.notices);
    }

    @Test
    public void peersWithoutItAfterTheWaitTheFirstPeerIdAsksTheMirrorTheOthersGiveItTime() throws Exception {
        sessionAge = Optional.of(java.time.Duration.ofMillis(100));
        session.availability = PieceAvailability.NONE;
        // a peer came, without the package; then it says it fetches it from the mirror
        session.then = List.of(new PieceAvailability(1, 0, 0, 0), new PieceAvailability(1, 0, 1, 1));
        session.peerIds = List.of("00".repeat(20)); // and its id sorts before ours (7f...)
        Optional<Fill> fill = waitingFor(200, 200).offer(write(), below());
        Fill second = ((LaterLook) fill.get()).decided().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("the peer first: this node gives it the give-way time", "LaterLook",
                second.getClass().getSimpleName());
        assertEquals(List.of(), handedDown);
        Fill third = ((LaterLook) second).decided().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("waits for the peer's copy", "PeerDownload", third.getClass().getSimpleName());
        assertEquals("the mirror asked by the peer alone", List.of(), handedDown);
    }

    @Test
    public void peersWithoutItAfterTheWaitAndThisNodeFirstItAsksTheMirrorAtOnce() throws Exception {
        sessionAge = Optional.of(java.time.Duration.ofMillis(100));
        session.availability = PieceAvailability.NONE;
        session.then = List.of(new PieceAvailability(1, 0, 0, 0));
        session.peerIds = List.of("ff".repeat(20));
        waitingFor(200).offer(write(), below());
        assertEquals(torrent.infoHash().toHex(), handedDownEvents.poll(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(List.of("fetching 0"), session.notices);
    }

    @Test
    public void stillAloneAfterTheWaitItFetchesFromTheMirrorAnnounced() throws Exception {
        sessionAge = Optional.of(java.time.Duration.ofMillis(100));
        session.availability = PieceAvailability.NONE;
        Optional<Fill> fill = waitingFor(200).offer(write(), below());
        assertTrue("taken", fill.isPresent());
        assertEquals(torrent.infoHash().toHex(), handedDownEvents.poll(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, session.availabilityCalls.get());
        assertEquals(List.of("fetching 0"), session.notices);
    }

    @Test
    public void aSessionOlderThanTheWindowOrNoWaitConfiguredMeansNoWait() throws Exception {
        sessionAge = Optional.of(java.time.Duration.ofMillis(3000));
        session.availability = PieceAvailability.NONE;
        waitingFor(200).offer(write(), below());
        assertEquals("at once", List.of(torrent.infoHash().toHex()), handedDown);
        sessionAge = Optional.of(java.time.Duration.ZERO);
        handedDown.clear();
        waitingFor(0).offer(store.begin(key).write().orElseThrow(), below());
        assertEquals("at once", List.of(torrent.infoHash().toHex()), handedDown);
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
            handedDownEvents.add(String.valueOf(infoHash));
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

    @Test
    public void atTheStartOfARunAPeerOfTheContentSwarmThatGoesFirstGetsItsTurnThenItsCopyIsAwaited()
            throws Exception {
        sessionAge = Optional.of(java.time.Duration.ofMillis(100));
        session.availability = PieceAvailability.NONE; // the torrent: no peer yet
        content.availability = new PieceAvailability(1, 0, 0, 0); // the content swarm: one peer, without the file
        content.then = List.of(new PieceAvailability(1, 0, 1, 1)); // then it says it fetches it
        content.peerIds = List.of("00".repeat(20)); // and it goes first
        Optional<Fill> fill = withContent(200).offer(write(), below());
        assertEquals("its turn first", "LaterLook", fill.get().getClass().getSimpleName());
        Fill decided = ((LaterLook) fill.get()).decided().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("waits for its copy", "PeerDownload", decided.getClass().getSimpleName());
        assertEquals("asked of the content swarm", List.of(key), content.wants);
        assertEquals("the mirror never asked here", List.of(), handedDown);
        assertEquals(List.of(), content.notices);
    }

    @Test
    public void atTheStartOfARunTheFirstPeerIdAsksTheMirrorAtOnceAndTellsBothSwarms() throws Exception {
        sessionAge = Optional.of(java.time.Duration.ofMillis(100));
        session.availability = PieceAvailability.NONE;
        content.availability = new PieceAvailability(1, 0, 0, 0);
        content.peerIds = List.of("ff".repeat(20));
        withContent(200).offer(write(), below());
        assertEquals(List.of(torrent.infoHash().toHex()), handedDown);
        assertEquals(List.of("fetching 0"), session.notices);
        assertEquals(List.of("fetching " + key.path()), content.notices);
    }

    @Test
    public void afterTheStartOfARunNoTurnsAreTakenAndTheMirrorFetchIsToldInBothSwarms() throws Exception {
        session.availability = PieceAvailability.NONE;
        content.availability = new PieceAvailability(1, 0, 0, 0);
        content.peerIds = null; // a snapshot fails the test: no turns after the start
        withContent(200).offer(write(), below());
        assertEquals(List.of(torrent.infoHash().toHex()), handedDown);
        assertEquals(List.of("fetching " + key.path()), content.notices);
    }

    @Test
    public void aContentPeerFetchingItFromTheMirrorIsWaitedForAtOnce() throws Exception {
        session.availability = new PieceAvailability(1, 0, 0, 0);
        content.availability = new PieceAvailability(2, 0, 1, 0);
        Optional<Fill> fill = withContent(200).offer(write(), below());
        assertEquals("PeerDownload", fill.get().getClass().getSimpleName());
        assertEquals(List.of(key), content.wants);
        assertEquals(List.of(), handedDown);
        assertEquals(List.of(), session.notices);
    }

    @Test
    public void aFileOfNoRegisteredTorrentIsAStartOfARunTooAndItsMirrorFetchIsToldInTheContentSwarm()
            throws Exception {
        FileKey unlisted = new FileKey(HOST, "debian/pool/main/o/other/other_1_all.deb", CONTENT.length,
                NodeTestSupport.sha256(CONTENT));
        content.availability = new PieceAvailability(1, 0, 0, 0);
        content.peerIds = List.of("ff".repeat(20));
        withContent(200).offer(store.begin(unlisted).write().orElseThrow(), below());
        assertEquals("not counted for a torrent", java.util.Collections.singletonList(null), handedDown);
        assertEquals(List.of("fetching " + unlisted.path()), content.notices);
    }

    private final CountingContent content = new CountingContent();

    /** An AptDemand whose engine also runs the counting content swarm. */
    private AptDemand withContent(int giveWayMillis) throws Exception {
        deactivate(demand);
        demand = new AptDemand(NodeTestSupport.annotation(AptDemandConfiguration.class, Map.of("stallSeconds", 1000,
                "giveWayMillis", giveWayMillis, "firstPeersWindowMillis", 3000)), registry(torrent), store,
                new OneSession() {
                    @Override
                    public Optional<ContentSession> content() {
                        return Optional.of(content);
                    }
                });
        return demand;
    }

    /** The engine's side: one running torrent, whose session is the counting one. */
    private class OneSession implements SwarmControl {
        @Override
        public Optional<java.time.Duration> sessionAge(InfoHash infoHash) {
            return sessionAge;
        }

        @Override
        public ByteString peerId() {
            byte[] id = new byte[20];
            java.util.Arrays.fill(id, (byte) 0x7f);
            return ByteString.of(id);
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

    /** The first trip answers {@code first}; the later ones {@code then} in turn, its last repeated. */
    private static PieceAvailability nextAnswer(AtomicInteger calls, PieceAvailability first,
            List<PieceAvailability> then) {
        int call = calls.incrementAndGet();
        return call == 1 || then.isEmpty() ? first : then.get(Math.min(call - 2, then.size() - 1));
    }

    /** The content swarm's side, as {@link CountingSession}: availability in turns, notices and wants recorded. */
    private static final class CountingContent implements ContentSession {
        volatile PieceAvailability availability = PieceAvailability.NONE;
        volatile List<PieceAvailability> then = List.of();
        volatile List<String> peerIds;
        final AtomicInteger availabilityCalls = new AtomicInteger();
        final List<String> notices = new CopyOnWriteArrayList<>();
        final List<FileKey> wants = new CopyOnWriteArrayList<>();

        @Override
        public InfoHash infoHash() {
            return InfoHash.of(new byte[20]);
        }

        @Override
        public void addPeers(Collection<InetSocketAddress> peers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void offer(Collection<FileKey> stored) {
        }

        @Override
        public void lost(String sha256) {
        }

        @Override
        public void fetchingFromMirror(FileKey file, boolean fetching) {
            notices.add((fetching ? "fetching " : "abandoned ") + file.path());
        }

        @Override
        public CompletableFuture<PieceAvailability> availability(FileKey file) {
            return CompletableFuture.completedFuture(nextAnswer(availabilityCalls, availability, then));
        }

        @Override
        public CompletableFuture<Void> want(FileKey file) {
            wants.add(file);
            return new CompletableFuture<>();
        }

        @Override
        public SessionSnapshot snapshot() {
            if (peerIds == null) {
                throw new UnsupportedOperationException("a blocking trip");
            }
            return CountingSession.snapshotOf(infoHash(), peerIds);
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

    /** Counts the trips; anything but availability and the posted notices fails the test. */
    private static final class CountingSession implements TorrentSession {
        volatile PieceAvailability availability;
        /** What the trips after the first answer, when set: the second trip the first, and so on (the last repeats). */
        volatile List<PieceAvailability> then = List.of();
        /** The connected peers' ids (hex) a snapshot shows; null: a snapshot fails the test. */
        volatile List<String> peerIds;
        volatile InfoHash hash;
        final AtomicInteger availabilityCalls = new AtomicInteger();
        final List<String> notices = new CopyOnWriteArrayList<>();

        @Override
        public void lost(int piece) {
        }

        @Override
        public CompletableFuture<PieceAvailability> availability(int piece) {
            return CompletableFuture.completedFuture(nextAnswer(availabilityCalls, availability, then));
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
            if (peerIds == null) {
                throw new UnsupportedOperationException("a blocking trip");
            }
            return snapshotOf(hash, peerIds);
        }

        static SessionSnapshot snapshotOf(InfoHash hash, List<String> peerIds) {
            List<org.debswarm.peerwire.PeerSnapshot> peers = peerIds.stream().map(id -> new org.debswarm.peerwire.PeerSnapshot(id,
                    new InetSocketAddress("127.0.0.1", 6881), "Debswarm", false, 0, 0, 0, 0, 0, 0, false, false, false,
                    false, 0)).toList();
            return new SessionSnapshot(hash, "test", 1, 0, CONTENT.length, 0, CONTENT.length, 0, 0, 0, 0, peers);
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
