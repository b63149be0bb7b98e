package org.debswarm.peerwire.internal.swarm;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.debswarm.peerwire.internal.fleet.FleetKey;
import org.debswarm.torrent.InfoHash;

/**
 * What a swarm needs beyond its torrent: the name the torrent has on the wire, the fleet key its peers must
 * prove they hold (empty: any BitTorrent client may join), and where peers learnt by peer exchange go.
 *
 * @param wireHash  the infohash in handshakes and discovery (the torrent's own, or the fleet's derived one)
 * @param fleetKey  the key peers must prove they hold before any piece moves
 * @param exchanged receives the listening addresses peers told us of ({@code ut_pex}), at most
 *                  {@link org.debswarm.peerwire.internal.wire.PeerExchange#MAX_PEERS} at a time
 * @param proofDeadline how long after the BitTorrent handshake a peer has to prove the fleet key
 */
record SwarmContext(InfoHash wireHash, Optional<FleetKey> fleetKey,
        Consumer<List<InetSocketAddress>> exchanged, Duration proofDeadline) {

    /** The default proof deadline, the engine's default connect timeout. */
    public static final Duration PROOF_DEADLINE = Duration.ofSeconds(10);

    /** An open swarm under the torrent's own infohash, whose exchanged peers are dropped. */
    public static SwarmContext plain(InfoHash infoHash) {
        return new SwarmContext(infoHash, Optional.empty(), peers -> { }, PROOF_DEADLINE);
    }

    /** A swarm for {@code infoHash}: a fleet swarm under its derived name if {@code key} is there. */
    public static SwarmContext of(InfoHash infoHash, Optional<FleetKey> key,
            Consumer<List<InetSocketAddress>> exchanged, Duration proofDeadline) {
        return new SwarmContext(key.map(k -> k.wireHash(infoHash)).orElse(infoHash), key, exchanged, proofDeadline);
    }
}
