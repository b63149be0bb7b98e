package org.debswarm.node.internal.apt;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.debswarm.peerwire.ContentSession;
import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.PieceAvailability;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.storage.FileKey;
import org.debswarm.torrent.bencode.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swarms in which peers may hold, or be fetching, one file apt asked for: the session of a Packages torrent
 * that lists it (when one is registered and runs) and the content swarm (when it runs), which names the file by
 * SHA-256 whatever index its peers read. A mirror fetch is told in both, and a peer fetching it in either counts.
 * Each question is one bounded trip to the engine's I/O thread per swarm; a busy or stopping engine counts as no
 * peers, so the write goes to the mirror.
 */
final class FileSwarms {

    private static final Logger LOG = LoggerFactory.getLogger(FileSwarms.class);
    private static final long AVAILABILITY_WAIT_SECONDS = 5;

    private final FileKey key;
    private final Optional<TorrentSession> torrent;
    private final int piece;
    private final Optional<ContentSession> content;

    /** @param piece the file's piece in {@code torrent}'s session; unused without one */
    FileSwarms(FileKey key, Optional<TorrentSession> torrent, int piece, Optional<ContentSession> content) {
        this.key = key;
        this.torrent = torrent;
        this.piece = piece;
        this.content = content;
    }

    Optional<TorrentSession> torrent() {
        return torrent;
    }

    Optional<ContentSession> content() {
        return content;
    }

    /** Whether neither swarm runs (no engine): nobody to ask, nobody to tell. */
    boolean none() {
        return torrent.isEmpty() && content.isEmpty();
    }

    /** The torrent's id (hex) the statistics count the mirror's bytes for; null without a torrent. */
    String countedFor() {
        return torrent.map(s -> s.infoHash().toHex()).orElse(null);
    }

    PieceAvailability inTorrent() {
        return torrent.map(s -> availability(s, piece)).orElse(PieceAvailability.NONE);
    }

    PieceAvailability inContent() {
        return content.map(c -> availability(c, key)).orElse(PieceAvailability.NONE);
    }

    /**
     * How the peers of both swarms stand towards the file, read at one moment; the content swarm is asked only when
     * no peer of the torrent has the file or fetches it (it is not needed then).
     */
    record Look(PieceAvailability inTorrent, PieceAvailability inContent) {

        /** Whether a peer of either swarm has the file or fetches it from a mirror. */
        boolean fromPeers() {
            return inTorrent.fromPeers() || inContent.fromPeers();
        }
    }

    /** One trip to the engine per swarm at most. */
    Look look() {
        PieceAvailability t = inTorrent();
        return new Look(t, t.fromPeers() ? PieceAvailability.NONE : inContent());
    }

    /** Tells the peers of both swarms that this node fetches the file from a mirror, or gave that up. */
    void fetchingFromMirror(boolean fetching) {
        torrent.ifPresent(s -> s.fetchingFromMirror(piece, fetching));
        content.ifPresent(c -> c.fetchingFromMirror(key, fetching));
    }

    /** Peers, in either swarm, fetching the file from a mirror whose peer id sorts before ours. */
    int fetchersWithPrecedence() {
        return inTorrent().fetchersWithPrecedence() + inContent().fetchersWithPrecedence();
    }

    /**
     * How many connected peers, of both swarms together (each counted once), have a peer id that sorts before
     * ours (unsigned bytes, compared as lower-case hex): who goes first when several nodes would ask the mirror
     * for the same file at the same moment. One snapshot of each swarm with connected peers as of {@code look}
     * (at most 5 s each); a swarm that does not answer counts as having no such peer.
     */
    int peersBefore(ByteString ourPeerId, Look look) {
        String ours = hex(ourPeerId.toByteArray());
        Set<String> before = new HashSet<>();
        torrent.filter(s -> look.inTorrent().connectedPeers() > 0)
                .ifPresent(s -> before.addAll(idsBefore(s::snapshot, ours)));
        content.filter(c -> look.inContent().connectedPeers() > 0)
                .ifPresent(c -> before.addAll(idsBefore(c::snapshot, ours)));
        return before.size();
    }

    private static Set<String> idsBefore(java.util.function.Supplier<SessionSnapshot> snapshot, String ours) {
        Set<String> ids = new HashSet<>();
        try {
            for (PeerSnapshot peer : snapshot.get().peers()) {
                String id = peer.peerId().toLowerCase(java.util.Locale.ROOT);
                if (id.length() == ours.length() && id.compareTo(ours) < 0) {
                    ids.add(id);
                }
            }
        } catch (IllegalStateException stoppedOrBusy) {
            return Set.of();
        }
        return ids;
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** How the connected peers of a torrent's session stand towards the piece: one bounded trip. */
    static PieceAvailability availability(TorrentSession session, int piece) {
        return await(session.availability(piece), "piece " + piece, session);
    }

    /** As {@link #availability(TorrentSession, int)}, for a file of the content swarm. */
    static PieceAvailability availability(ContentSession content, FileKey key) {
        return await(content.availability(key), key.path(), content);
    }

    /**
     * The answer within {@value #AVAILABILITY_WAIT_SECONDS} s; a busy or stopping engine counts as no peers. Rare
     * and worth seeing: it is why a file a peer has comes from the mirror.
     */
    private static PieceAvailability await(CompletableFuture<PieceAvailability> answer, String what, Object swarm) {
        try {
            return answer.get(AVAILABILITY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PieceAvailability.NONE;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.info("No answer on {} from the {} within {} s, counted as no peers: {}", what, swarm,
                    AVAILABILITY_WAIT_SECONDS, e.toString());
            return PieceAvailability.NONE;
        }
    }

    @Override
    public String toString() {
        return key.path() + " in " + torrent.map(Object::toString).orElse("no torrent") + " and "
                + content.map(Object::toString).orElse("no content swarm");
    }
}
