package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.Future;

import org.debswarm.peerwire.internal.swarm.BlockData;
import org.debswarm.peerwire.internal.swarm.PeerLink;
import org.debswarm.peerwire.internal.swarm.Swarm;
import org.debswarm.peerwire.internal.wire.Handshake;
import org.debswarm.peerwire.internal.wire.Message;
import org.debswarm.peerwire.internal.wire.MessageDecoder;
import org.debswarm.peerwire.internal.wire.MessageHandler;
import org.debswarm.peerwire.internal.wire.PeerWireException;
import org.debswarm.torrent.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer connection on the I/O thread: connect (outgoing), the handshake, then messages in both directions.
 * Input is decoded as it arrives, never blocking; output is queued and written as the socket takes it, piece
 * blocks straight from their files. A protocol error closes only this connection, with the reason logged.
 * Larger than most classes: it is the handshake state machine and both directions of one socket.
 */
final class Connection implements PeerLink, IoLoop.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** Room for two blocks; direct, so that reading copies once, from the kernel. */
    private static final int INITIAL_BUFFER = 4 + 9 + 2 * 16 * 1024;
    /** A connection whose reads fill the buffer gets room for several blocks per read: fewer system calls. */
    private static final int BUSY_BUFFER = 128 * 1024;
    static final long LOW_WATER = 64 * 1024;

    private final Transport transport;
    private final SocketChannel channel;
    private final InetSocketAddress address;
    private final boolean incoming;
    private final OutputQueue output = new OutputQueue();
    private SelectionKey key;
    private ByteBuffer in = ByteBuffer.allocateDirect(INITIAL_BUFFER);
    private Swarm swarm;
    private InfoHash expected;
    /** Whether the handshake is done and the swarm was told (it keeps the peer's state, by this link). */
    private boolean attached;
    private MessageDecoder decoder;
    /** Where the decoder tells the peer's messages: the swarm's handler for this peer, once attached. */
    private MessageHandler inbox;
    private Future<?> deadline;
    private boolean readPaused;
    private boolean writePaused;
    private boolean closed;

    private Connection(Transport transport, SocketChannel channel, InetSocketAddress address, boolean incoming) {
        this.transport = transport;
        this.channel = channel;
        this.address = address;
        this.incoming = incoming;
    }

    /** An accepted socket: waits for the peer's handshake, then answers for the swarm it names. */
    static Connection accepted(Transport transport, IoLoop loop, SocketChannel channel, long handshakeNanos)
            throws IOException {
        channel.configureBlocking(false);
        Connection c = new Connection(transport, channel, (InetSocketAddress) channel.getRemoteAddress(), true);
        c.key = loop.register(channel, SelectionKey.OP_READ, c);
        c.deadline = transport.schedule(() -> c.expire("no handshake within the deadline"), handshakeNanos);
        return c;
    }

    /** Connects to a peer of {@code swarm}, with a deadline for the connection and the handshake. */
    static Connection connect(Transport transport, IoLoop loop, Swarm swarm, InetSocketAddress address,
            long deadlineNanos) throws IOException {
        SocketChannel channel = SocketChannel.open();
        Connection c = new Connection(transport, channel, address, false);
        c.swarm = swarm;
        c.expected = swarm.wireHash();
        try {
            channel.configureBlocking(false);
            boolean now = channel.connect(address);
            c.key = loop.register(channel, now ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            c.deadline = transport.schedule(() -> c.expire("no connection and handshake within the deadline"),
                    deadlineNanos);
            if (now) {
                c.connected();
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return c;
    }

    private void connected() {
        enqueue(Outbound.of(Handshake.of(expected, transport.peerId()).toBuffer()));
        key.interestOps(SelectionKey.OP_READ | (output.isEmpty() ? 0 : SelectionKey.OP_WRITE));
    }

    private void expire(String reason) {
        if (!attached) {
            close(reason);
        }
    }

    @Override
    public void ready(SelectionKey k) {
        try {
            if (k.isConnectable()) {
                if (channel.finishConnect()) {
                    connected();
                }
                return;
            }
            if (k.isReadable()) {
                read();
            }
            if (!closed && k.isValid() && k.isWritable()) {
                flush();
            }
        } catch (PeerWireException e) {
            close("protocol error: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            close(e.toString());
        }
    }

    private void read() throws IOException {
        long now = transport.nanoTime();
        long granted = transport.downloadLimit().take(in.remaining(), now);
        if (granted == 0) {
            pauseReading(now);
            return;
        }
        ByteBuffer window = in.duplicate().limit(in.position() + (int) granted);
        int n = channel.read(window);
        transport.downloadLimit().giveBack(granted - Math.max(n, 0));
        if (n < 0) {
            close("closed by the peer");
            return;
        }
        in.position(window.position());
        boolean filled = !in.hasRemaining();
        in.flip();
        try {
            while (!closed && in.hasRemaining() && consume()) {
                // one message per round
            }
        } finally {
            in.compact();
        }
        grow(filled);
    }

    /** Reads one handshake or message if it is all there. */
    private boolean consume() throws IOException {
        if (decoder == null) {
            Handshake[] hs = new Handshake[1];
            int used = Handshake.decode(in, hs);
            if (used == 0) {
                return false;
            }
            in.position(in.position() + used);
            handshake(hs[0]);
            return true;
        }
        int used = decoder.decode(in, inbox);
        if (used == 0) {
            return false;
        }
        in.position(in.position() + used);
        return true;
    }

    private void handshake(Handshake hs) throws IOException {
        if (incoming) {
            swarm = transport.swarm(hs.infoHash());
            if (swarm == null) {
                throw new PeerWireException("handshake for torrent " + hs.infoHash() + " (expected: a running one)");
            }
        } else if (!hs.infoHash().equals(expected)) {
            throw new PeerWireException("handshake for torrent " + hs.infoHash() + " (expected: " + expected + ")");
        }
        Optional<String> refusal = transport.refusal(this, swarm, hs.peerId());
        if (refusal.isPresent()) {
            close("refused: " + refusal.get());
            return;
        }
        if (incoming) {
            enqueue(Outbound.of(Handshake.of(hs.infoHash(), transport.peerId()).toBuffer()));
        }
        decoder = new MessageDecoder(swarm.pieceCount());
        deadline.cancel(false);
        inbox = swarm.attach(this, hs);
        attached = true;
    }

    // the read buffer grows when a frame the decoder accepted does not fit (at most the frame limit), and once
    // to BUSY_BUFFER when a read filled it
    private void grow(boolean filled) {
        long frame = !in.hasRemaining() && in.position() >= 4 ? 4 + Integer.toUnsignedLong(in.getInt(0)) : 0;
        long wanted = Math.max(frame, filled && !closed ? BUSY_BUFFER : 0);
        if (wanted <= in.capacity()) {
            return;
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect((int) wanted);
        in.flip();
        in = bigger.put(in);
    }

    private void pauseReading(long now) {
        if (!readPaused) {
            readPaused = true;
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
            transport.schedule(() -> {
                readPaused = false;
                if (!closed && key.isValid()) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_READ);
                }
            }, Math.max(1, transport.downloadLimit().nanosUntilAvailable(now)));
        }
    }

    @Override
    public void send(Message message) {
        enqueue(Outbound.of(message.toBuffer()));
    }

    @Override
    public void sendBlock(int piece, int begin, BlockData data) {
        ByteBuffer header = ByteBuffer.allocate(Message.PIECE_HEADER);
        Message.writePieceHeader(header, piece, begin, data.length());
        enqueue(Outbound.of(header.flip()));
        if (data instanceof BlockData.FileRegion r) {
            enqueue(Outbound.of(r.file(), r.position(), r.length()));
        } else {
            enqueue(Outbound.of(((BlockData.Buffer) data).bytes()));
        }
    }

    private void enqueue(Outbound out) {
        if (closed) {
            return;
        }
        output.add(out);
        if (key.isValid() && (key.interestOps() & SelectionKey.OP_CONNECT) == 0 && !writePaused) {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    private void flush() throws IOException {
        long now = transport.nanoTime();
        OutputQueue.Flushed flushed = output.flush(channel, transport.uploadLimit(), now);
        if (flushed == OutputQueue.Flushed.THROTTLED) {
            pauseWriting(now);
        } else if (flushed == OutputQueue.Flushed.ALL) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            if (attached && output.bytes() < LOW_WATER) {
                swarm.writable(this);
            }
        }
    }

    private void pauseWriting(long now) {
        writePaused = true;
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        transport.schedule(() -> {
            writePaused = false;
            if (!closed && key.isValid()) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            }
        }, Math.max(1, transport.uploadLimit().nanosUntilAvailable(now)));
    }

    @Override
    public long queuedBytes() {
        return output.bytes();
    }

    @Override
    public long writtenBytes() {
        return output.written();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public boolean incoming() {
        return incoming;
    }

    /** The torrent of this connection, once known. */
    InfoHash infoHash() {
        return swarm == null ? null : swarm.infoHash();
    }

    @Override
    public void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing {} failed", address, e);
        }
        if (reason.startsWith("protocol error") || reason.startsWith("banned")) {
            LOG.info("Closed connection with {}: {}", address, reason);
        } else {
            LOG.debug("Closed connection with {}: {}", address, reason);
        }
        if (attached) {
            swarm.detached(this, reason);
        }
        transport.closed(this, swarm);
    }

    @Override
    public void shutdown() {
        close("engine stopped");
    }

    @Override
    public String toString() {
        return (incoming ? "from " : "to ") + address;
    }
}
