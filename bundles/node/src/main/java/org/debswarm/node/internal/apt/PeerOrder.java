package org.debswarm.node.internal.apt;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.torrent.bencode.ByteString;

/**
 * Who goes first when several nodes would ask the mirror for the same package at the same moment: the one whose
 * peer id sorts first (unsigned bytes), as the give-way check of {@link AnnouncedMirrorFetch} decides.
 */
final class PeerOrder {

    private PeerOrder() {
    }

    /**
     * Whether a connected peer of the session has a peer id that sorts before ours. One trip to the engine's I/O
     * thread (at most 5 s); an engine that does not answer counts as no such peer (this node then goes first).
     */
    static boolean precededByAConnectedPeer(TorrentSession session, ByteString ours) {
        String own = hex(ours.toByteArray());
        try {
            for (PeerSnapshot peer : session.snapshot().peers()) {
                if (peer.peerId().length() == own.length() && peer.peerId().toLowerCase(java.util.Locale.ROOT)
                        .compareTo(own) < 0) {
                    return true;
                }
            }
        } catch (IllegalStateException stoppedOrBusy) {
            return false;
        }
        return false;
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
