package org.debswarm.peerwire.internal.net;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/** What a connection still has to write, in order, and how much: the measure of its backpressure. */
final class OutputQueue {

    /** How a flush ended. */
    enum Flushed { ALL, SOCKET_FULL, THROTTLED }

    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private long bytes;

    void add(Outbound out) {
        queue.add(out);
        bytes += out.remaining();
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Writes as much as the socket and the upload limit take now. */
    Flushed flush(SocketChannel channel, TokenBucket limit, long now) throws IOException {
        while (!queue.isEmpty()) {
            Outbound head = queue.peek();
            long granted = limit.take(head.remaining(), now);
            if (granted == 0) {
                return Flushed.THROTTLED;
            }
            long written = head.writeTo(channel, granted);
            limit.giveBack(granted - written);
            bytes -= written;
            if (head.remaining() > 0) {
                return Flushed.SOCKET_FULL;
            }
            queue.poll();
        }
        return Flushed.ALL;
    }
}
