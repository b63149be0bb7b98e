package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** Error answers and byte copies shared by the handlers. */
final class Responses {

    /** Copy buffer size: large enough for disk and socket, small enough to stream as bytes arrive. */
    static final int BUFFER = 64 * 1024;

    private Responses() {
    }

    /**
     * Answers with the refusal's status and reason as a one-line text body; apt logs the status line, a
     * person with {@code curl} reads the reason. A response already committed cannot change its status: one
     * that announced its length ends short of it, which makes Jetty abort the connection, so apt sees a failed
     * transfer (an exception would do the same, but Felix HTTP logs every exception a servlet throws as an
     * error, and a transfer cut off by a stop or a failed mirror is not one). Without a length the refusal is
     * rethrown, so that the container aborts the connection instead of ending the body as if complete.
     */
    static void refuse(HttpServletResponse response, HttpRefusal refusal) throws IOException {
        if (response.isCommitted()) {
            if (response.getHeader("Content-Length") == null) {
                throw new IOException("aborting a response already under way: " + refusal.getMessage(), refusal);
            }
            return;
        }
        response.reset();
        response.setStatus(refusal.status());
        response.setContentType("text/plain;charset=utf-8");
        if (refusal.status() == 405) {
            response.setHeader("Allow", "GET, HEAD");
        }
        byte[] body = ("Debswarm: " + refusal.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Copies {@code count} bytes of a file from {@code position} to {@code out}, flushing each buffer so that
     * apt sees progress.
     */
    static void copy(FileChannel channel, long position, long count, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(count, 1)));
        pump(channel, position, count, buffer, b -> out.write(b.array(), 0, b.remaining()));
        out.flush();
    }

    /** Where {@link #pump} puts each buffer of file bytes; it consumes them before returning. */
    interface BufferSink {
        void write(ByteBuffer bytes) throws IOException;
    }

    /**
     * Reads {@code count} bytes of a file from {@code position} through {@code buffer} (from its start, at most
     * its capacity at a time) and hands each filled part to {@code sink}.
     */
    static void pump(FileChannel channel, long position, long count, ByteBuffer buffer, BufferSink sink)
            throws IOException {
        long at = position;
        long end = position + count;
        while (at < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("file ended at " + at + " (expected: " + end + " bytes)");
            }
            sink.write(buffer.flip());
            at += read;
        }
    }
}
