package org.debswarm.peerwire.internal.swarm;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.debswarm.peerwire.internal.wire.Heard;
import org.debswarm.peerwire.internal.wire.Message;

/** A connection that records what the swarm sends, as its bytes read back (the message types are the codec's). */
final class FakeLink implements PeerLink {

    final InetSocketAddress address;
    final List<Heard> sent = new ArrayList<>();
    /** The torrent's piece count, which bitfields are read with. */
    int pieceCount = 1 << 20;
    final List<int[]> blocks = new ArrayList<>();
    String closed;
    long queued;
    long written;
    Runnable onClose = () -> { };
    boolean incoming;

    FakeLink(int port) {
        this.address = new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public boolean incoming() {
        return incoming;
    }

    @Override
    public void send(Message message) {
        sent.add(Heard.of(message, pieceCount));
    }

    @Override
    public void sendBlock(int piece, int begin, BlockData data) {
        blocks.add(new int[] {piece, begin, data.length()});
    }

    @Override
    public long queuedBytes() {
        return queued;
    }

    @Override
    public long writtenBytes() {
        return written;
    }

    @Override
    public void close(String reason) {
        if (closed == null) {
            closed = reason;
            onClose.run();
        }
    }

    <T extends Heard> List<T> sent(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void clear() {
        sent.clear();
        blocks.clear();
    }
}
