package org.debswarm.tracker.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers one announce hands out, collected in the form the client asked for while the swarm's lock is held:
 * compact entries are copied straight from each peer's precomputed bytes (the hot path of a busy tracker),
 * dictionaries only for clients that sent {@code compact=0}.
 */
final class PeerList {

    private final ByteArrayOutputStream peers4;
    private final ByteArrayOutputStream peers6;
    private final List<Peer.Contact> contacts;
    private final boolean forRemoteClient;
    private int withheldLoopback;

    PeerList(boolean compact, int numwant) {
        this(compact, numwant, false);
    }

    /**
     * @param forRemoteClient the client announced from another host: peers that announced over loopback are
     *                        withheld, since their {@code 127.x} address would only make it dial itself
     */
    PeerList(boolean compact, int numwant, boolean forRemoteClient) {
        this.forRemoteClient = forRemoteClient;
        int expected = Math.min(numwant, 64);
        peers4 = compact ? new ByteArrayOutputStream(6 * expected) : null;
        peers6 = compact ? new ByteArrayOutputStream() : null;
        contacts = compact ? null : new ArrayList<>(expected);
    }

    void add(Peer peer) {
        if (forRemoteClient && peer.address.isLoopback()) {
            withheldLoopback++;
            return;
        }
        if (contacts != null) {
            contacts.add(peer.contact());
        } else {
            byte[] compact = peer.compact;
            (compact.length == 6 ? peers4 : peers6).write(compact, 0, compact.length);
        }
    }

    /** How many loopback peers were withheld from a remote client. */
    int withheldLoopback() {
        return withheldLoopback;
    }

    boolean compact() {
        return contacts == null;
    }

    /** BEP 23 {@code peers}: 6 bytes per IPv4 peer. */
    byte[] peers4() {
        return peers4.toByteArray();
    }

    /** BEP 7 {@code peers6}: 18 bytes per IPv6 peer. */
    byte[] peers6() {
        return peers6.toByteArray();
    }

    /** For {@code compact=0}: every peer with its id and address. */
    List<Peer.Contact> contacts() {
        return contacts;
    }
}
