package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * What a connection still has to write, in order, and how much: the measure of its backpressure. Messages in
 * memory that follow each other (requests, haves, block headers) go out in one gathering write.
 */
final class OutputQueue {

    /** At most this many buffers in one gathering write. */
    static final int MAX_GATHER = 64;

    /** How a flush ended. */
    enum Flushed { ALL, SOCKET_FULL, THROTTLED }

    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private long bytes;
    private long written;

    void add(Outbound out) {
        queue.add(out);
        bytes += out.remaining();
    }

    long bytes() {
        return bytes;
    }

    /** Bytes the socket took since the connection opened. */
    long written() {
        return written;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Writes as much as the socket and the upload limit take now. */
    Flushed flush(SocketChannel channel, TokenBucket limit, long now) throws IOException {
        while (!queue.isEmpty()) {
            Outbound head = queue.peek();
            int gathered = head.memory() == null ? 0 : gatherMemory();
            long wanted = gathered > 1 ? gatheredBytes(gathered) : head.remaining();
            long granted = limit.take(wanted, now);
            if (granted == 0) {
                return Flushed.THROTTLED;
            }
            long written = gathered > 1 && granted == wanted
                    ? channel.write(gather, 0, gathered) : head.writeTo(channel, granted);
            java.util.Arrays.fill(gather, 0, gathered, null);
            limit.giveBack(granted - written);
            bytes -= written;
            this.written += written;
            while (!queue.isEmpty() && queue.peek().remaining() == 0) {
                queue.poll();
            }
            if (written < granted) {
                return Flushed.SOCKET_FULL;
            }
            if (granted < wanted) {
                return Flushed.THROTTLED;
            }
        }
        return Flushed.ALL;
    }

    /** Puts the buffers of the memory outbounds at the head of the queue into {@link #gather}; returns how many. */
    private int gatherMemory() {
        int n = 0;
        for (Outbound out : queue) {
            ByteBuffer buffer = out.memory();
            if (buffer == null || n == MAX_GATHER) {
                break;
            }
            gather[n++] = buffer;
        }
        return n;
    }

    private long gatheredBytes(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += gather[i].remaining();
        }
        return sum;
    }
}
