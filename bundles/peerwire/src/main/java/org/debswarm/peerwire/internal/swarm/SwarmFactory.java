package org.debswarm.peerwire.internal.swarm;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;

import org.debswarm.peerwire.internal.fleet.FleetKey;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PieceBits;

/**
 * The swarms of one engine, and what they share: the options, the ban list (a peer banned in one torrent is
 * banned in all), this node's listening port and peer id, and how long a peer has to prove the fleet key. The
 * engine names a swarm by its torrent and its fleet key; the swarm's context and the ban list stay in this
 * package.
 */
public final class SwarmFactory {

    private static final String CONTENT = "content swarm";

    private final SwarmOptions options;
    private final BanList bans;
    private final IntSupplier listenPort;
    private final byte[] peerId;
    private final Duration proofDeadline;

    /** @param listenPort read when a swarm is made: the port may be bound after this factory is */
    public SwarmFactory(SwarmOptions options, IntSupplier listenPort, byte[] peerId, Duration proofDeadline) {
        this.options = options;
        this.bans = new BanList(options.maxBadPieces());
        this.listenPort = listenPort;
        this.peerId = peerId.clone();
        this.proofDeadline = proofDeadline;
    }

    /**
     * A torrent's swarm; with a fleet key, it is named on the wire by the hash derived from the key and open only
     * to peers that prove they hold it.
     *
     * @param storage   creates the storage, given the listener it reports verification outcomes to
     * @param wanted    the pieces to download
     * @param exchanged receives the listening addresses peers told us of ({@code ut_pex})
     */
    public Swarm torrent(InfoHash infoHash, String name, Function<PieceStorage.Listener, PieceStorage> storage,
            PieceBits wanted, Optional<FleetKey> key, Consumer<List<InetSocketAddress>> exchanged) {
        return new Swarm(infoHash, name, storage, wanted, options, bans, listenPort.getAsInt(), peerId,
                System::nanoTime, SwarmContext.of(infoHash, key, exchanged, proofDeadline));
    }

    /** The fleet's content swarm, named {@code id} on the wire too, numbering its files in {@code catalog}. */
    public Swarm content(InfoHash id, Function<PieceStorage.Listener, PieceStorage> storage, PieceBits wanted,
            Optional<FleetKey> key, Consumer<List<InetSocketAddress>> exchanged, ContentCatalog catalog) {
        return new Swarm(id, CONTENT, storage, wanted, options, bans, listenPort.getAsInt(), peerId, System::nanoTime,
                new SwarmContext(id, key, exchanged, proofDeadline), catalog);
    }

    /** Whether a peer at {@code address} was banned, in any swarm of the engine: it is not dialled. */
    public boolean banned(InetSocketAddress address) {
        return bans.isBanned(address);
    }
}
