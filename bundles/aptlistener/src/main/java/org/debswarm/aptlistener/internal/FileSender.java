package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends part of a file on disk to apt. The servlet API has no file or channel send (no {@code sendfile}); what
 * it has since Servlet 6.1 is {@link ServletOutputStream#write(ByteBuffer)}, which Jetty's output stream
 * implements by handing the buffer to the socket. Where the container's stream implements it itself, the file
 * is read into a direct buffer from a small pool and written from there: no copy through the Java heap. Where
 * it does not (an older API, a wrapping stream, whose default would copy the buffer into a new array), or
 * when every pooled buffer is in use, the bytes go through a heap buffer ({@link Responses#copy}).
 */
final class FileSender {

    private static final Logger LOG = LoggerFactory.getLogger(FileSender.class);

    /** Size of a pooled buffer: well above Jetty's aggregation size, so it is written, not copied. */
    static final int BUFFER = 256 * 1024;

    /** Per stream class: whether it writes a ByteBuffer itself rather than through the API's copying default. */
    private static final ClassValue<Boolean> WRITES_BUFFERS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            boolean own;
            try {
                ServletOutputStream.class.getMethod("write", ByteBuffer.class); // Servlet 6.1 or later
                own = type.getMethod("write", ByteBuffer.class).getDeclaringClass() != ServletOutputStream.class;
            } catch (NoSuchMethodException e) {
                own = false; // a Servlet API before 6.1
            }
            LOG.debug("{} {} ByteBuffers itself: files are sent through {} buffers", type.getName(),
                    own ? "writes" : "does not write", own ? "direct" : "heap");
            return own;
        }
    };

    private final BlockingQueue<ByteBuffer> idle;
    private final AtomicInteger unallocated;

    /** @param buffers how many direct buffers of {@link #BUFFER} bytes may exist at once */
    FileSender(int buffers) {
        this.idle = new ArrayBlockingQueue<>(Math.max(1, buffers));
        this.unallocated = new AtomicInteger(buffers);
    }

    /** Sends {@code count} bytes of {@code channel} from {@code position}, then flushes. */
    void send(FileChannel channel, long position, long count, ServletOutputStream out) throws IOException {
        ByteBuffer buffer = writesBuffers(out) ? borrow() : null;
        if (buffer == null) {
            Responses.copy(channel, position, count, out);
            return;
        }
        boolean clean = false;
        try {
            Responses.pump(channel, position, count, buffer, out::write);
            out.flush();
            clean = true;
        } finally {
            giveBack(buffer, clean);
        }
    }

    /** @return whether {@code out} writes a ByteBuffer itself (Servlet 6.1), so a direct buffer is not copied */
    static boolean writesBuffers(ServletOutputStream out) {
        return WRITES_BUFFERS.get(out.getClass());
    }

    /** @return an idle buffer, a new one while fewer than the limit exist, else null */
    private ByteBuffer borrow() {
        ByteBuffer buffer = idle.poll();
        if (buffer == null && unallocated.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            buffer = ByteBuffer.allocateDirect(BUFFER);
        }
        return buffer;
    }

    /** A write that failed may have left the buffer with the connection: it is not reused, a new one may be made. */
    private void giveBack(ByteBuffer buffer, boolean clean) {
        if (!clean || !idle.offer(buffer)) {
            unallocated.incrementAndGet();
        }
    }
}
