package org.debswarm.governor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.debswarm.governor.MirrorException;
import org.debswarm.governor.MirrorException.Reason;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.Content;

/**
 * A response body as a blocking stream. Jetty hands over one chunk at a time and reads the next
 * from the network only when the reader has used it up (backpressure: one network buffer held at
 * most). Jetty reads the connection only inside its own event handling, while the exchange is
 * live, so a stream left open after its exchange ended can never read a later exchange's bytes.
 * A reader waits at most until the deadline (plus a grace for the deadline timer to act first).
 * One reader at a time; {@link #close()} may come from any thread.
 */
final class BodyStream extends InputStream implements Response.AsyncContentListener {

    /** A body this short is read to its end on close, so that its connection can be reused. */
    private static final long DRAIN_LIMIT = 64 * 1024;
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Attempt attempt;
    private final long deadlineNanos;
    private final GovernorSettings settings;

    // guarded by this
    private Content.Chunk chunk;
    private Runnable demander;
    private Throwable failure;
    private boolean complete;
    private boolean closed;
    private long received;
    private long expected = -1;
    private final Throttle throttle;

    BodyStream(Attempt attempt, long deadlineNanos, GovernorSettings settings, Throttle throttle) {
        this.throttle = throttle;
        this.attempt = attempt;
        this.deadlineNanos = deadlineNanos;
        this.settings = settings;
    }

    /** @param expectedLength the body length the headers announce (0 for HEAD, 204, 304), or -1 */
    synchronized void delivered(long expectedLength) {
        expected = expectedLength;
    }

    @Override
    public void onContent(Response response, Content.Chunk next, Runnable demand) {
        attempt.lane.countBytes(next.remaining()); // before the hand-over, so a reader never sees uncounted bytes
        boolean discard;
        synchronized (this) {
            received += next.remaining();
            discard = closed;
            if (!discard) {
                next.retain(); // kept past this call, until the reader has used it up
                chunk = next;
                demander = demand;
                notifyAll();
            }
        }
        if (discard) {
            demand.run(); // closed while draining a short rest: drop it and go on to the end
        }
    }

    /** The exchange ended: every chunk has been handed over (success) or it failed. */
    synchronized void completed(Throwable cause) {
        if (cause == null) {
            complete = true;
        } else if (failure == null) {
            failure = cause;
        }
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n;
        Runnable demand = null;
        MirrorException gaveUp;
        synchronized (this) {
            gaveUp = awaitChunk();
            if (gaveUp == null) {
                if (chunk == null) {
                    return -1;
                }
                n = chunk.get(b, off, len);
                if (!chunk.hasRemaining()) {
                    chunk.release();
                    chunk = null;
                    demand = demander;
                    demander = null;
                }
            } else {
                n = 0;
            }
        }
        if (gaveUp != null) {
            attempt.abort(gaveUp);
            throw gaveUp;
        }
        if (demand != null) {
            demand.run(); // outside the lock: Jetty may hand over the next chunk on this very thread
        }
        throttle.pace(n, deadlineNanos); // on the reader's thread, outside the lock: the host's download limit
        return n;
    }

    @Override
    public synchronized int available() {
        return chunk == null ? 0 : chunk.remaining();
    }

    /**
     * Releases the connection: a body known to end within {@value #DRAIN_LIMIT} bytes is read
     * to its end (the connection is kept alive), any other is aborted (the connection closes).
     */
    @Override
    public void close() {
        Runnable demand;
        boolean abort;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (chunk != null) {
                chunk.release();
                chunk = null;
            }
            boolean ended = complete || failure != null;
            abort = !ended && (expected < 0 || expected - received > DRAIN_LIMIT);
            demand = abort ? null : demander;
            demander = null;
            notifyAll();
        }
        if (abort) {
            attempt.abort(new MirrorException(Reason.CANCELLED, attempt.uri,
                    "response closed after " + received + " body bytes, before the end of the body", null));
        } else if (demand != null) {
            demand.run();
        }
    }

    /**
     * Waits, under the lock, until a chunk is there or the body has ended; throws if the body
     * failed or was closed.
     *
     * @return {@code null}, or the failure to abort with when the reader gives up (deadline, interrupt)
     */
    private MirrorException awaitChunk() throws IOException {
        while (true) {
            if (closed) {
                throw new IOException("body of " + attempt.uri + " is closed");
            }
            if (chunk != null || complete) {
                return null;
            }
            if (failure != null) {
                throw Failures.classify(failure, attempt.uri, settings, "after " + received + " body bytes");
            }
            long wait = deadlineNanos + GRACE_NANOS - System.nanoTime();
            if (wait <= 0) {
                return gaveUp(Reason.DEADLINE_EXCEEDED, "deadline passed while reading the body", null);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return gaveUp(Reason.CANCELLED, "interrupted while reading the body", e);
            }
        }
    }

    private MirrorException gaveUp(Reason reason, String why, Throwable cause) {
        return new MirrorException(reason, attempt.uri, why + " after " + received + " bytes", cause);
    }
}
