package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * What a peer said, one method per BEP 3 / BEP 10 message, called by {@link MessageDecoder} as each message is
 * read (as libtorrent's {@code on_have}, {@code on_request}, {@code on_piece}): no message object is built, and
 * the values passed have been checked against the torrent's limits. A handler that finds a message wrong for
 * its state (a request beyond the end of a piece, a bitfield taking pieces back) throws
 * {@link PeerWireException}, which closes that connection. Called on the connection's thread, one call at a
 * time.
 */
public interface MessageHandler {

    // keep-alive: <len=0000>
    void keepAlive() throws PeerWireException;

    // choke: <len=0001><id=0>
    void choke() throws PeerWireException;

    // unchoke: <len=0001><id=1>
    void unchoke() throws PeerWireException;

    // interested: <len=0001><id=2>
    void interested() throws PeerWireException;

    // not interested: <len=0001><id=3>
    void notInterested() throws PeerWireException;

    /** The peer verified {@code piece} (below the torrent's piece count). */
    void have(int piece) throws PeerWireException;

    /** The peer's pieces, indexed by piece: exactly the torrent's size, no spare bit set. */
    void bitfield(BitSet pieces) throws PeerWireException;

    /** The peer asks for a block of at most 128 KiB. */
    void request(BlockRef block) throws PeerWireException;

    /** The peer withdraws a request. */
    void cancel(BlockRef block) throws PeerWireException;

    /**
     * A block of data. {@code block} is a read-only view of the connection's read buffer, not a copy: it is
     * valid only during this call (a handler stores it or copies it before returning).
     */
    void piece(int piece, int begin, ByteBuffer block) throws PeerWireException;

    /** A BEP 10 extended message: id 0 is the extension handshake, others the ids we announced in it. */
    void extended(int extendedId, byte[] payload) throws PeerWireException;
}
