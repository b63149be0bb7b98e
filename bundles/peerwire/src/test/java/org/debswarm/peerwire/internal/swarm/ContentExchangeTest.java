package org.debswarm.peerwire.internal.swarm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.debswarm.peerwire.internal.wire.ContentInventory;
import org.debswarm.peerwire.internal.wire.ExtensionHandshake;
import org.debswarm.peerwire.internal.wire.Handshake;
import org.debswarm.peerwire.internal.wire.Heard;
import org.debswarm.peerwire.internal.wire.Heard.Bitfield;
import org.debswarm.peerwire.internal.wire.Heard.Extended;
import org.debswarm.peerwire.internal.wire.Heard.Have;
import org.debswarm.peerwire.internal.wire.Heard.Piece;
import org.debswarm.peerwire.internal.wire.Heard.Request;
import org.debswarm.peerwire.internal.wire.Heard.Unchoke;
import org.debswarm.peerwire.internal.wire.Message;
import org.debswarm.peerwire.internal.wire.MessageDecoder;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.bencode.ByteString;
import org.junit.Before;
import org.junit.Test;

/**
 * The content swarm's side of a swarm, with fake connections and pieces in memory: inventories in our numbers and
 * the peers', requests and pieces renumbered, and every malformed or lying inventory a protocol error that closes
 * only that connection, without allocating what the peer claims.
 */
public class ContentExchangeTest {

    /** The id the fake peers receive {@code ds_content} under: not ours, so that a mix-up shows. */
    private static final int PEERS_ID = 9;
    private static final int FILES = 4;

    private final AtomicLong clock = new AtomicLong(Duration.ofHours(1).toNanos());
    private final byte[][] files = new byte[FILES][];
    private final ByteString[] shas = new ByteString[FILES];
    private ContentCatalog catalog;
    private MemoryStorage storage;
    private Swarm swarm;
    private PieceBits wanted;

    @Before
    public void swarm() throws Exception {
        Random random = new Random(5);
        for (int i = 0; i < FILES; i++) {
            files[i] = new byte[20_000 + 1000 * i];
            random.nextBytes(files[i]);
            shas[i] = ByteString.of(MessageDigest.getInstance("SHA-256").digest(files[i]));
        }
        catalog = new ContentCatalog(FILES);
        storage = new MemoryStorage(files);
        wanted = new PieceBits(FILES);
        swarm = new Swarm(InfoHash.of(new byte[20]), "content swarm", l -> {
            storage.listener = l;
            return storage;
        }, wanted, SwarmOptions.DEFAULTS, new BanList(3), 6881, SwarmHarness.OUR_PEER_ID, clock::get,
                SwarmContext.of(InfoHash.of(new byte[20]), Optional.empty(), peers -> { }, SwarmContext.PROOF_DEADLINE),
                catalog);
    }

    private PeerState peer(int port) throws PeerWireException {
        FakeLink link = new FakeLink(port);
        byte[] id = new byte[20];
        id[0] = (byte) port;
        PeerState peer = swarm.join(link, Handshake.of(InfoHash.of(new byte[20]), id));
        link.onClose = () -> swarm.detached(peer, link.closed);
        tell(peer, new ExtensionHandshake(Map.of(ContentInventory.NAME, PEERS_ID), "test", 0, 250).toMessage());
        return peer;
    }

    private void lists(PeerState peer, int theirs, int file, long length) throws PeerWireException {
        tell(peer, new ContentInventory(List.of(new ContentInventory.Added(theirs, shas[file], length)),
                List.of()).toMessage(ContentInventory.LOCAL_ID));
    }

    private static List<ContentInventory> inventories(PeerState peer) throws PeerWireException {
        List<ContentInventory> out = new ArrayList<>();
        for (Heard m : ((FakeLink) peer.link).sent) {
            if (m instanceof Extended e && e.extendedId() == PEERS_ID) {
                out.add(ContentInventory.parse(e.payload()));
            }
        }
        return out;
    }

    /** The peer says {@code m}, as its connection's decoder would tell it. */
    private void tell(PeerState peer, Heard m) throws PeerWireException {
        m.tell(swarm.inbox(peer));
    }

    /** The peer sends {@code m}, an extension's message: its bytes are decoded into the peer's handler. */
    private void tell(PeerState peer, Message m) throws PeerWireException {
        new MessageDecoder(swarm.pieceCount()).decode(m.toBuffer(), swarm.inbox(peer));
    }

    private static <T extends Heard> List<T> sent(PeerState peer, Class<T> type) {
        return ((FakeLink) peer.link).sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    public void ourInventoryGoesInOurNumbersAfterTheExtensionHandshakeAndNeverAsABitfield() throws Exception {
        catalog.add(shas[0], files[0].length);
        catalog.add(shas[1], files[1].length);
        swarm.offered(List.of(1));
        PeerState peer = peer(1);
        assertEquals(List.of(new ContentInventory(List.of(new ContentInventory.Added(1, shas[1], files[1].length)),
                List.of())), inventories(peer));
        assertTrue("no bitfield, no have", sent(peer, Bitfield.class).isEmpty() && sent(peer, Have.class).isEmpty());
        ExtensionHandshake ours = ExtensionHandshake.parse(sent(peer, Extended.class).get(0).payload());
        assertEquals("we receive it under our id", ContentInventory.LOCAL_ID,
                (int) ours.extensions().get(ContentInventory.NAME));
        assertFalse("mirror-fetch notices go in ds_content, not ds_mirror_fetch", ours.extensions().containsKey("ds_mirror_fetch"));

        swarm.offered(List.of(0, 1));
        swarm.lost(1);
        List<ContentInventory> later = inventories(peer);
        assertEquals("a new file once, a held one not again", List.of(0),
                later.get(1).added().stream().map(ContentInventory.Added::index).toList());
        assertEquals("an evicted file deleted at once", List.of(1), later.get(2).deleted());
    }

    @Test
    public void requestsNameThePeersNumbersAndItsPiecesAreRenumberedToOurs() throws Exception {
        PeerState other = peer(2);
        catalog.add(shas[0], files[0].length); // our numbers are the in-memory pieces' indexes: file i is number i
        catalog.add(shas[1], files[1].length);
        int ours = catalog.add(shas[2], files[2].length);
        swarm.numbered(ours);
        PeerState peer = peer(1);
        lists(peer, 700, 2, files[2].length);
        assertTrue(peer.has.get(ours));
        swarm.want(ours);
        tell(peer, Unchoke.INSTANCE);
        List<Request> requests = sent(peer, Request.class);
        assertFalse(requests.isEmpty());
        for (Request r : requests) {
            assertEquals("the peer's number", 700, r.piece());
            byte[] block = java.util.Arrays.copyOfRange(files[2], r.begin(), r.begin() + r.length());
            tell(peer, new Piece(700, r.begin(), block));
        }
        storage.deliver();
        assertTrue("verified under our number", storage.had().get(ours));
        assertEquals("the other peer hears of it in our number", ours,
                inventories(other).get(0).added().get(0).index());
    }

    @Test
    public void aFileAPeerListedBeforeWeNumberedItIsFoundOnceNumbered() throws Exception {
        PeerState peer = peer(1);
        lists(peer, 3, 1, files[1].length);
        assertEquals("kept as a prefix, not numbered", 0, catalog.size());
        int ours = catalog.add(shas[1], files[1].length);
        swarm.numbered(ours);
        assertTrue(peer.has.get(ours));
        assertEquals(1, swarm.availability(ours));
    }

    @Test
    public void aPieceUnderANumberThePeerNeverListedIsAProtocolError() throws Exception {
        PeerState peer = peer(1);
        PeerWireException e = assertThrows(PeerWireException.class,
                () -> tell(peer, new Piece(42, 0, new byte[16])));
        assertEquals("piece 42 (expected: an index the peer listed in ds_content)", e.getMessage());
    }

    @Test
    public void aRequestForANumberWeNeverGaveIsAProtocolError() throws Exception {
        PeerState peer = peer(1);
        PeerWireException e = assertThrows(PeerWireException.class,
                () -> tell(peer, new Request(2, 0, 16384)));
        assertEquals("request for index 2 (expected: an index this node listed in ds_content)", e.getMessage());
    }

    @Test
    public void aKnownFileListedWithAnotherLengthIsAProtocolError() throws Exception {
        catalog.add(shas[0], files[0].length);
        PeerState peer = peer(1);
        PeerWireException e = assertThrows(PeerWireException.class, () -> lists(peer, 1, 0, files[0].length + 1));
        assertTrue(e.getMessage(), e.getMessage().endsWith("of 20001 bytes (expected: 20000)"));
    }

    @Test
    public void anInventoryLargerThanANodeCanNumberIsAProtocolError() throws Exception {
        PeerState peer = peer(1);
        List<ContentInventory.Added> records = new ArrayList<>();
        for (int i = 0; i <= FILES; i++) {
            byte[] sha = new byte[32];
            sha[0] = (byte) (i + 1);
            records.add(new ContentInventory.Added(i, ByteString.of(sha), 1));
        }
        PeerWireException e = assertThrows(PeerWireException.class, () -> tell(peer,
                new ContentInventory(records, List.of()).toMessage(ContentInventory.LOCAL_ID)));
        assertEquals("ds_content: more than 4 files listed (expected: at most 4, as many as a node numbers)",
                e.getMessage());
    }

    @Test
    public void aDeletionOfANumberNeverListedIsAProtocolError() throws Exception {
        PeerState peer = peer(1);
        PeerWireException e = assertThrows(PeerWireException.class, () -> tell(peer,
                new ContentInventory(List.of(), List.of(5)).toMessage(ContentInventory.LOCAL_ID)));
        assertEquals("ds_content: del of index 5 (expected: an index the peer listed)", e.getMessage());
    }

    @Test
    public void bitfieldsAndHavesAreProtocolErrorsInTheContentSwarm() throws Exception {
        PeerState peer = peer(1);
        PeerWireException e = assertThrows(PeerWireException.class, () -> tell(peer, new Have(0)));
        assertEquals("Have in the content swarm (expected: ds_content)", e.getMessage());
    }

    @Test
    public void aPeerWithoutTheExtensionIsRefused() throws Exception {
        FakeLink link = new FakeLink(3);
        PeerState peer = swarm.join(link, Handshake.of(InfoHash.of(new byte[20]), new byte[20]));
        tell(peer, new ExtensionHandshake(Map.of("ut_pex", 1), "plain", 0, 250).toMessage());
        assertEquals("refused: no ds_content extension (expected: a node of the content swarm)", link.closed);
    }

    @Test
    public void aPeersMirrorFetchNamedByContentCountsAsAFetcherUntilItsAddOrAbandonment() throws Exception {
        for (int i = 0; i < 3; i++) {
            catalog.add(shas[i], files[i].length);
        }
        PeerState first = peer(1); // its id sorts before ours: it has precedence
        PeerState later = peer(0x41);
        tell(first, ContentInventory.mirrorFetch(shas[1], true).toMessage(ContentInventory.LOCAL_ID));
        tell(later, ContentInventory.mirrorFetch(shas[1], true).toMessage(ContentInventory.LOCAL_ID));
        assertEquals("both fetch it, one with precedence", List.of(2, 1), fetchers(1));
        assertEquals("no other file", List.of(0, 0), fetchers(2));

        lists(first, 5, 1, files[1].length);
        assertEquals("its add says it is done", List.of(1, 0), fetchers(1));
        assertEquals(1, swarm.availabilityOf(1).peersWith());
        tell(later, ContentInventory.mirrorFetch(shas[1], false).toMessage(ContentInventory.LOCAL_ID));
        assertEquals("abandoned", List.of(0, 0), fetchers(1));
    }

    @Test
    public void aMirrorFetchOfAFileWeHaveNoNumberForCountsOnceWeNumberIt() throws Exception {
        PeerState peer = peer(1);
        tell(peer, ContentInventory.mirrorFetch(shas[3], true).toMessage(ContentInventory.LOCAL_ID));
        tell(peer, ContentInventory.mirrorFetch(shas[2], true).toMessage(ContentInventory.LOCAL_ID));
        tell(peer, ContentInventory.mirrorFetch(shas[2], false).toMessage(ContentInventory.LOCAL_ID));
        for (int i = 0; i < FILES; i++) {
            swarm.numbered(catalog.add(shas[i], files[i].length)); // apt asks: the file gets its number
        }
        assertEquals("fetching, told before it had a number", List.of(1, 1), fetchers(3));
        assertEquals("abandoned before it had a number", List.of(0, 0), fetchers(2));
        assertEquals("never told", List.of(0, 0), fetchers(0));
    }

    @Test
    public void aPeerKeepsAtMostABoundOfNoticesForFilesWeHaveNoNumberFor() throws Exception {
        PeerState peer = peer(1);
        for (int i = 0; i < ContentPeer.MAX_UNKNOWN_FETCHES + 100; i++) {
            byte[] sha = new byte[32];
            sha[0] = (byte) i;
            sha[1] = (byte) (i >> 8);
            sha[31] = 1;
            tell(peer, ContentInventory.mirrorFetch(ByteString.of(sha), true)
                    .toMessage(ContentInventory.LOCAL_ID));
        }
        assertEquals(ContentPeer.MAX_UNKNOWN_FETCHES, peer.content.fetchingUnknown.size());
        assertTrue("no protocol error", ((FakeLink) peer.link).closed == null);
    }

    @Test
    public void ourMirrorFetchIsToldByContentAlsoToPeersThatConnectMeanwhileAndEndsWithTheAdd() throws Exception {
        catalog.add(shas[0], files[0].length);
        int file = catalog.add(shas[1], files[1].length);
        PeerState before = peer(1);
        swarm.fetchingFromMirror(file, true);
        assertEquals(List.of(shas[1]), last(before).fetching());
        PeerState meanwhile = peer(2);
        assertEquals("told after our inventory", List.of(shas[1]), last(meanwhile).fetching());

        swarm.offered(List.of(file));
        assertEquals("the add ends it", List.of(new ContentInventory.Added(file, shas[1], files[1].length)),
                last(meanwhile).added());
        PeerState after = peer(3);
        assertTrue("a peer connecting afterwards hears of no fetch",
                inventories(after).stream().allMatch(i -> i.fetching().isEmpty()));

        swarm.fetchingFromMirror(0, true);
        swarm.fetchingFromMirror(0, false);
        assertEquals("given up", List.of(shas[0]), last(after).abandoned());
    }

    private List<Integer> fetchers(int piece) {
        return List.of(swarm.availabilityOf(piece).fetchingFromMirror(),
                swarm.availabilityOf(piece).fetchersWithPrecedence());
    }

    private static ContentInventory last(PeerState peer) throws PeerWireException {
        List<ContentInventory> all = inventories(peer);
        return all.get(all.size() - 1);
    }
}
