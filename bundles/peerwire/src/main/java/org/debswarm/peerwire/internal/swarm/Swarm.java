package org.debswarm.peerwire.internal.swarm;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.PieceAvailability;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.peerwire.internal.wire.BlockRef;
import org.debswarm.peerwire.internal.wire.ContentInventory;
import org.debswarm.peerwire.internal.wire.ExtensionHandshake;
import org.debswarm.peerwire.internal.wire.FleetProof;
import org.debswarm.peerwire.internal.wire.Handshake;
import org.debswarm.peerwire.internal.wire.Message;
import org.debswarm.peerwire.internal.wire.MessageHandler;
import org.debswarm.peerwire.internal.wire.MirrorFetchNotice;
import org.debswarm.peerwire.internal.wire.PeerExchange;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PieceBits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent's swarm: its peers, what they have, what we ask of them and serve them. Independent of the
 * transport: connections come in as {@link PeerLink}s and each peer's messages through the
 * {@link MessageHandler} {@link #attach} returns, so it is tested without sockets. Every method runs on one
 * thread (the engine's I/O thread), the storage's outcomes included.
 */
public final class Swarm implements PieceStorage.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Swarm.class);

    private final InfoHash infoHash;
    private final String name;
    private final SwarmOptions options;
    private final LongSupplier clock;
    private final BanList bans;
    private final int listenPort;
    private final byte[] ourPeerId;
    private final PieceStorage storage;
    private final PieceBits wanted;
    private final List<PeerState> peers = new ArrayList<>();
    /** The peers by their connection: a connection knows its swarm, never the swarm's state of its peer. */
    private final Map<PeerLink, PeerState> byLink = new IdentityHashMap<>();
    /** Peer ids (hex) this swarm banned, each once: the statistics read them from the snapshot. */
    private final List<String> banned = new ArrayList<>();
    private final ClosedConnections closed = new ClosedConnections();
    /** Pieces this node is fetching from a mirror, as told to peers: told again to peers that come later. */
    private final BitSet fetchingHere = new BitSet();
    private final Downloader downloader;
    private final Uploader uploader;
    private final SwarmContext context;
    private final FleetGate gate;
    private final PeerExchanges exchanges;
    /** The content swarm's inventories and numbers; null in a torrent's swarm. */
    private final ContentExchange content;
    /** When the swarm started, on {@link #clock} (nanoseconds): for the "complete" line. */
    private final long startedAt;
    private long lastChoke;
    private long lastOptimistic;

    /**
     * @param storage creates the storage, given the listener it reports verification outcomes to
     * @param wanted  the pieces to download (a Packages torrent's live set; all pieces for a standard torrent)
     */
    Swarm(InfoHash infoHash, String name, Function<PieceStorage.Listener, PieceStorage> storage,
            PieceBits wanted, SwarmOptions options, BanList bans, int listenPort, byte[] ourPeerId, LongSupplier clock) {
        this(infoHash, name, storage, wanted, options, bans, listenPort, ourPeerId, clock, SwarmContext.plain(infoHash));
    }

    /** @param context the on-wire name, the fleet key and where exchanged peers go */
    Swarm(InfoHash infoHash, String name, Function<PieceStorage.Listener, PieceStorage> storage,
            PieceBits wanted, SwarmOptions options, BanList bans, int listenPort, byte[] ourPeerId, LongSupplier clock,
            SwarmContext context) {
        this(infoHash, name, storage, wanted, options, bans, listenPort, ourPeerId, clock, context, null);
    }

    /**
     * @param catalog the content swarm's numbers of files, whose piece storage {@code storage} creates; null for a
     *                torrent's swarm
     */
    Swarm(InfoHash infoHash, String name, Function<PieceStorage.Listener, PieceStorage> storage,
            PieceBits wanted, SwarmOptions options, BanList bans, int listenPort, byte[] ourPeerId, LongSupplier clock,
            SwarmContext context, ContentCatalog catalog) {
        this.context = context;
        this.gate = new FleetGate(context.fleetKey(), context.wireHash(), ourPeerId, context.proofDeadline());
        this.exchanges = new PeerExchanges(context.exchanged());
        this.infoHash = infoHash;
        this.name = name;
        this.options = options;
        this.clock = clock;
        this.bans = bans;
        this.listenPort = listenPort;
        this.ourPeerId = ourPeerId.clone();
        this.storage = storage.apply(this);
        this.wanted = wanted;
        this.content = catalog == null ? null : new ContentExchange(catalog, this.storage.had(), fetchingHere);
        Random random = new Random();
        Blame blame = new Blame(this::strike);
        this.downloader = new Downloader(this.storage, wanted, peers, options, clock, blame, random);
        this.uploader = new Uploader(this.storage, clock, new Choker(options.uploadSlots(), random));
        this.lastChoke = clock.getAsLong();
        this.startedAt = lastChoke;
        this.lastOptimistic = lastChoke;
    }

    public InfoHash infoHash() {
        return infoHash;
    }

    /** The infohash in handshakes and discovery: the torrent's own, or derived from the fleet key. */
    public InfoHash wireHash() {
        return context.wireHash();
    }

    public int pieceCount() {
        return storage.pieceCount();
    }

    /** Whether the piece is held verified; safe from any thread. */
    public boolean had(int piece) {
        return storage.had().get(piece);
    }

    /** Why a peer may not join, if it may not: banned, full, or already connected. */
    public Optional<String> refusal(InetSocketAddress address, byte[] peerId) {
        return refusal(address, peerId, true);
    }

    /**
     * As {@link #refusal(InetSocketAddress, byte[])}, knowing who opened the new connection. Two peers that learn
     * of each other at once (peer exchange tells both, or each hears the other's LSD announce) dial each other at
     * once; each side then keeps the connection the peer with the lower peer id opened and closes the other, so
     * that one survives, not none. Only while the existing connection is younger than the handshake deadline:
     * an established connection is never given up for a newcomer that claims the same peer id.
     */
    public Optional<String> refusal(InetSocketAddress address, byte[] peerId, boolean incoming) {
        if (bans.isBanned(address) || bans.isBanned(peerId)) {
            return Optional.of("banned");
        }
        long now = clock.getAsLong();
        for (PeerState p : List.copyOf(peers)) {
            if (Arrays.equals(p.peerId, peerId)) {
                if (now - p.attachedAt < context.proofDeadline().toNanos() && openedByLower(incoming, peerId)
                        && !openedByLower(p.link.incoming(), peerId)) {
                    p.link.close("replaced by the connection the peer with the lower peer id opened");
                    break;
                }
                return Optional.of("already connected to this peer id");
            }
        }
        if (peers.size() >= options.maxPeers()) {
            return Optional.of("torrent has " + peers.size() + " peers (expected: < " + options.maxPeers() + ")");
        }
        return Optional.empty();
    }

    private boolean openedByLower(boolean incoming, byte[] peerId) {
        int order = Arrays.compareUnsigned(peerId, ourPeerId);
        return incoming ? order < 0 : order > 0;
    }

    /**
     * The torrent is full and a peer is at the door: closes the peer that has been silent longest among those
     * that hold a connection without use (neither side interested, nothing requested either way).
     *
     * @return whether one was closed
     */
    public boolean evictIdlePeer() {
        PeerState idlest = null;
        for (PeerState p : peers) {
            boolean useless = !p.peerInterested && !p.amInterested && p.uploads.isEmpty() && p.requested.isEmpty();
            if (useless && (idlest == null || p.lastReceived < idlest.lastReceived)) {
                idlest = p;
            }
        }
        if (idlest == null) {
            return false;
        }
        idlest.link.close("idle: neither side interested, and the torrent is full");
        return true;
    }

    /**
     * A connection finished its handshake: greets the peer with our extension handshake and, once it is proven
     * (at once without a fleet key), our pieces. A peer without BEP 10 cannot prove a fleet key: refused.
     *
     * @return where the connection's decoder tells the peer's messages; a refused peer's connection is closed,
     *         so it reads none
     */
    public MessageHandler attach(PeerLink link, Handshake handshake) {
        return inbox(join(link, handshake));
    }

    /** The handler of the peer's messages (for the tests of this package, one per message is fine). */
    MessageHandler inbox(PeerState peer) {
        return new PeerInbox(this, peer, clock);
    }

    /** {@link #attach}, giving the peer's state (for the tests of this package). */
    PeerState join(PeerLink link, Handshake handshake) {
        PeerState peer = new PeerState(link, handshake.peerId(), clock.getAsLong());
        gate.attached(peer);
        if (gate.keyed() && !handshake.supportsExtensions()) {
            link.close("refused: no BEP 10 extension protocol, so no fleet key proof");
            return peer;
        }
        peers.add(peer);
        byLink.put(link, peer);
        if (content != null) {
            peer.content = new ContentPeer();
        } else if (peer.proven && storage.had().cardinality() > 0) {
            link.send(Message.bitfield(storage.had().toBitfield()));
        }
        if (handshake.supportsExtensions()) {
            link.send(extensionHandshake(peer));
        }
        LOG.debug("Torrent {}: peer {} joined", infoHash, peer);
        return peer;
    }

    private Message extensionHandshake(PeerState peer) {
        Map<String, Integer> m = new java.util.TreeMap<>(Map.of(PeerExchange.NAME, PeerExchange.LOCAL_ID));
        if (content == null) {
            m.put(MirrorFetchNotice.NAME, MirrorFetchNotice.LOCAL_ID);
        } else {
            m.put(ContentInventory.NAME, ContentInventory.LOCAL_ID);
        }
        if (gate.keyed()) {
            m.put(FleetProof.NAME, FleetProof.LOCAL_ID);
        }
        return new ExtensionHandshake(m, options.client(), listenPort, Uploader.MAX_QUEUED_REQUESTS,
                peer.ourNonce == null ? new byte[0] : peer.ourNonce).toMessage();
    }

    // a fleet peer just proved its key: what attach and the extension handshake held back
    private void greet(PeerState peer) {
        if (content != null) {
            content.greet(peer);
        } else if (storage.had().cardinality() > 0) {
            peer.link.send(Message.bitfield(storage.had().toBitfield()));
        }
        tellFetching(peer);
    }

    private void tellFetching(PeerState peer) {
        if (peer.mirrorFetchId > 0) {
            for (int p = fetchingHere.nextSetBit(0); p >= 0; p = fetchingHere.nextSetBit(p + 1)) {
                peer.link.send(new MirrorFetchNotice(p, true).toMessage(peer.mirrorFetchId));
            }
        }
    }

    // the messages of a peer, through its PeerInbox, which counted them as a sign of life and checked the proof

    void choked(PeerState peer, boolean choked) {
        peer.peerChoking = choked;
        if (choked) {
            downloader.release(peer);
        } else {
            downloader.fill(peer);
        }
    }

    void interested(PeerState peer, boolean interested) {
        uploader.interested(peer, interested, peers);
    }

    void piece(PeerState peer, int piece, int begin, ByteBuffer block) throws PeerWireException {
        // the content swarm: pieces come under the peer's numbers, renumbered to ours
        downloader.received(peer, content == null ? piece : content.incoming(peer, piece), begin, block);
    }

    void requested(PeerState peer, BlockRef block) throws PeerWireException {
        if (content != null) {
            content.check(block);
        }
        uploader.requested(peer, block);
    }

    void cancelled(PeerState peer, BlockRef block) {
        uploader.cancelled(peer, block);
    }

    // the content swarm has inventories instead of bitfields and haves
    private void refuseInContentSwarm(String message) throws PeerWireException {
        if (content != null) {
            throw new PeerWireException(message + " in the content swarm (expected: " + ContentInventory.NAME + ")");
        }
    }

    private void inventory(PeerState peer, ContentExchange.Change change) {
        change.added().forEach(p -> addPiece(peer, p));
        change.fetching().forEach(p -> peer.heardFetching(p, true));
        change.abandoned().forEach(p -> peer.heardFetching(p, false));
        for (int p : change.deleted()) {
            if (peer.has.get(p)) {
                peer.has.clear(p);
                peer.bytesHad -= storage.pieceLength(p);
                downloader.picker().available(p, -1);
            }
        }
        downloader.refresh(peer);
    }

    /*
     * BEP 3 sends a bitfield only as the first message (after a BEP 10 handshake at most). aria2 also sends one
     * later in place of many haves; that is accepted as long as it only adds pieces, since refusing it would cut
     * off a common client, while a bitfield that takes back announced pieces is a protocol error.
     */
    void bitfield(PeerState peer, BitSet bits) throws PeerWireException {
        refuseInContentSwarm("Bitfield");
        if (peer.greeted) {
            BitSet dropped = (BitSet) peer.has.clone();
            dropped.andNot(bits);
            if (!dropped.isEmpty()) {
                throw new PeerWireException("late bitfield without piece " + dropped.nextSetBit(0)
                        + " the peer announced (expected: only right after the handshake, or only adding pieces)");
            }
        }
        for (int p = bits.nextSetBit(0); p >= 0; p = bits.nextSetBit(p + 1)) {
            addPiece(peer, p);
        }
        downloader.refresh(peer);
    }

    void extended(PeerState peer, int extendedId, byte[] payload) throws PeerWireException {
        if (content != null && extendedId == ContentInventory.LOCAL_ID) {
            inventory(peer, content.received(peer, payload));
        } else if (extendedId == 0) {
            ExtensionHandshake hs = ExtensionHandshake.parse(payload);
            if (!hs.client().isEmpty()) {
                peer.client = hs.client();
            }
            peer.requestQueue = hs.requestQueue();
            peer.listenPort = hs.port();
            peer.pexId = hs.extensions().getOrDefault(PeerExchange.NAME, 0);
            boolean knew = peer.mirrorFetchId > 0;
            peer.mirrorFetchId = hs.extensions().getOrDefault(MirrorFetchNotice.NAME, 0);
            if (!knew && peer.proven) {
                tellFetching(peer);
            }
            gate.handshake(peer, hs);
            if (content != null) {
                peer.content.extensionId = hs.extensions().getOrDefault(ContentInventory.NAME, 0);
                if (peer.content.extensionId == 0) {
                    peer.link.close("refused: no " + ContentInventory.NAME + " extension (expected: a node of the"
                            + " content swarm)");
                    return;
                }
                content.greet(peer);
            }
        } else if (extendedId == FleetProof.LOCAL_ID && gate.keyed()) {
            gate.proof(peer, FleetProof.parse(payload));
            LOG.debug("Torrent {}: peer {} proved the fleet key", infoHash, peer);
            greet(peer);
        } else if (extendedId == PeerExchange.LOCAL_ID) {
            exchanges.received(peer, payload, clock.getAsLong());
        } else if (extendedId == MirrorFetchNotice.LOCAL_ID && content == null) {
            MirrorFetchNotice notice = MirrorFetchNotice.parse(payload, storage.pieceCount());
            peer.heardFetching(notice.piece(), notice.fetching());
        }
        // other ids: extensions we never announced in "m"; BEP 10 lets us ignore them
    }

    /**
     * Tells the connected peers that speak {@code ds_mirror_fetch} that this node is fetching {@code piece} from
     * a mirror, or gave that up; completion is told by the {@code have} that follows. Peers that connect while
     * the fetch goes on hear of it after their extension handshake. In the content swarm the notice names the
     * file by SHA-256 in a {@code ds_content} message, and its {@code add} tells the completion.
     */
    public void fetchingFromMirror(int piece, boolean fetching) {
        fetchingHere.set(piece, fetching);
        if (content != null) {
            content.fetching(peers, piece, fetching);
            return;
        }
        MirrorFetchNotice notice = new MirrorFetchNotice(piece, fetching);
        for (PeerState p : peers) {
            if (p.mirrorFetchId > 0 && p.proven) {
                p.link.send(notice.toMessage(p.mirrorFetchId));
            }
        }
    }

    /**
     * How many connected peers told us they are fetching {@code piece} from a mirror; with {@code withPrecedence},
     * only those whose peer id sorts before ours: when two nodes start fetching the same piece at once, the one
     * with the greater peer id gives way.
     */
    public int peersFetchingFromMirror(int piece, boolean withPrecedence) {
        int count = 0;
        for (PeerState p : peers) {
            if (p.fetchingFromMirror.get(piece) && (!withPrecedence || Arrays.compareUnsigned(p.peerId, ourPeerId) < 0)) {
                count++;
            }
        }
        return count;
    }

    void has(PeerState peer, int piece) throws PeerWireException {
        refuseInContentSwarm("Have");
        if (addPiece(peer, piece) && wanted.get(piece) && !storage.had().get(piece)) {
            downloader.refresh(peer);
        }
    }

    private boolean addPiece(PeerState peer, int piece) {
        if (peer.has.get(piece)) {
            return false;
        }
        peer.has.set(piece);
        peer.fetchingFromMirror.clear(piece);
        peer.bytesHad += storage.pieceLength(piece);
        downloader.picker().available(piece, 1);
        return true;
    }

    /** A connection closed: its peer leaves the swarm. */
    public void detached(PeerLink link, String reason) {
        PeerState peer = byLink.get(link);
        if (peer != null) {
            detached(peer, reason);
        }
    }

    void detached(PeerState peer, String reason) {
        if (!peers.remove(peer)) {
            return;
        }
        byLink.remove(peer.link);
        downloader.release(peer);
        closed.closed(peer.snapshot(clock.getAsLong()));
        for (int p = peer.has.nextSetBit(0); p >= 0; p = peer.has.nextSetBit(p + 1)) {
            downloader.picker().available(p, -1);
        }
        LOG.debug("Torrent {}: peer {} left: {}", infoHash, peer, reason);
        if (!peer.amChoking) {
            uploader.rechoke(peers, false);
        }
    }

    /** The peer's connection drained: serve more of its requests. */
    public void writable(PeerLink link) {
        PeerState peer = byLink.get(link);
        if (peer != null) {
            writable(peer);
        }
    }

    void writable(PeerState peer) {
        uploader.serve(peer);
    }

    /** How many connected peers have announced {@code piece}. */
    public int availability(int piece) {
        return downloader.picker().availability(piece);
    }

    public CompletableFuture<Void> want(int piece) {
        if (piece < 0 || piece >= storage.pieceCount()) {
            throw new IllegalArgumentException("piece " + piece + " (expected: 0 to " + (storage.pieceCount() - 1)
                    + ")");
        }
        return downloader.want(piece);
    }

    @Override
    public void verified(int piece) {
        fetchingHere.clear(piece);
        boolean fresh = !storage.had().get(piece) || downloader.picker().progress(piece) != null;
        downloader.verified(piece);
        if (fresh && content != null) {
            content.changed(peers, List.of(piece), List.of());
        } else if (fresh) {
            for (PeerState p : List.copyOf(peers)) {
                if (p.proven) {
                    p.link.send(Message.have(piece));
                }
            }
            if (storage.had().cardinality() == storage.pieceCount()) {
                LOG.info("Torrent {} ({}): complete, {} pieces {} ms after its session started", infoHash, name,
                        storage.pieceCount(), (clock.getAsLong() - startedAt) / 1_000_000);
            }
        }
        List.copyOf(peers).forEach(downloader::refresh);
    }

    @Override
    public void failed(int piece, Throwable cause) {
        downloader.failed(piece, cause);
    }

    private void strike(PeerState peer, int piece) {
        peer.badPieces++;
        BanList.Strike strike = bans.strike(peer.link.address(), peer.peerId);
        if (strike == BanList.Strike.BANNED) {
            banned.add(HexFormat.of().formatHex(peer.peerId));
        }
        if (strike.banned()) {
            LOG.info("Torrent {}: banning {} after {} bad pieces (last: {})", infoHash, peer, peer.badPieces, piece);
            peer.link.close("banned: " + peer.badPieces + " pieces failed verification (expected: < "
                    + options.maxBadPieces() + ")");
        }
    }

    /** The store no longer holds {@code piece}: not had, not in new bitfields, its queued uploads dropped. */
    public void lost(int piece) {
        boolean held = storage.had().clear(piece);
        if (held && content != null) {
            content.changed(peers, List.of(), List.of(piece));
        }
        for (PeerState peer : peers) {
            peer.uploads.removeIf(request -> request.piece() == piece);
        }
        LOG.debug("Torrent {}: piece {} no longer stored", infoHash, piece);
    }

    /**
     * The content swarm: files stored by others (apt's mirror downloads, an import) join the inventory, and the
     * peers hear of them in one message.
     */
    public void offered(List<Integer> pieces) {
        List<Integer> fresh = new ArrayList<>();
        for (int p : pieces) {
            fetchingHere.clear(p); // a mirror fetch of ours done: the add below tells it
            if (storage.had().set(p)) {
                fresh.add(p);
                numbered(p);
            }
        }
        if (!fresh.isEmpty()) {
            content.changed(peers, fresh, List.of());
        }
    }

    /** The content swarm gave a file a number: the peers that listed it without a number of ours now have it. */
    public void numbered(int piece) {
        ContentExchange.Numbered concerned = content.numbered(piece, peers);
        for (PeerState p : concerned.holders()) {
            addPiece(p, piece);
            downloader.refresh(p);
        }
        for (PeerState p : concerned.fetchers()) {
            p.heardFetching(piece, true);
        }
    }

    /** Timers: keep-alives, idle, stalled and snubbed peers, the choker. Called every few seconds. */
    public void tick() {
        long now = clock.getAsLong();
        uploader.checkProgress(peers, now);
        for (PeerState p : List.copyOf(peers)) {
            if (gate.overdue(p, now)) {
                p.link.close("refused: no fleet key proof within " + gate.deadline().toMillis() + " ms");
            } else if (now - p.lastReceived > options.idleTimeout().toNanos()) {
                p.link.close("idle for " + options.idleTimeout().toSeconds() + " s");
            } else if (p.stalled && now - p.stalledSince > options.snubTimeout().toNanos()) {
                p.link.close("stalled: took none of " + p.link.queuedBytes() + " queued bytes for "
                        + options.snubTimeout().toSeconds() + " s");
            } else if (!p.requested.isEmpty() && now - p.lastBlock > options.snubTimeout().toNanos()) {
                p.link.close("snubbed: no block for " + options.snubTimeout().toSeconds() + " s");
            } else if (now - p.lastSent > options.keepAlive().toNanos()) {
                p.lastSent = now;
                p.link.send(Message.keepAlive());
            }
        }
        if (now - lastChoke >= options.chokeInterval().toNanos()) {
            boolean rotate = now - lastOptimistic >= options.optimisticInterval().toNanos();
            uploader.rechoke(peers, rotate);
            lastChoke = now;
            if (rotate) {
                lastOptimistic = now;
            }
        }
        exchanges.tick(peers, now);
        List.copyOf(peers).forEach(downloader::refresh);
    }

    /** How the connected peers stand towards {@code piece}, all counts read at once. */
    public PieceAvailability availabilityOf(int piece) {
        return new PieceAvailability(connectedPeers(), availability(piece), peersFetchingFromMirror(piece, false),
                peersFetchingFromMirror(piece, true));
    }

    /** @return the peers connected now (handshakes done) */
    public int connectedPeers() {
        return peers.size();
    }

    public SessionSnapshot snapshot() {
        long now = clock.getAsLong();
        List<PeerSnapshot> list = peers.stream().map(p -> p.snapshot(now)).toList();
        return Snapshots.session(infoHash, name, storage, wanted, this::availability, uploader.up, downloader.down,
                now, list, banned, closed.with(list));
    }

    /** Closes every connection, fails the waiting futures, releases the storage. */
    public void stop() {
        List.copyOf(peers).forEach(p -> p.link.close("session stopped"));
        downloader.stop(new IllegalStateException("peer wire session of " + infoHash + " stopped"));
        storage.close();
    }
}
