package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/** A queued piece of output: bytes in memory, or a region of a file sent with {@code transferTo} (zero-copy). */
abstract class Outbound {

    abstract long remaining();

    /** Writes at most {@code max} bytes; returns how many were written. */
    abstract long writeTo(SocketChannel channel, long max) throws IOException;

    /** The bytes, if they are in memory: consecutive ones are written together with one gathering write. */
    ByteBuffer memory() {
        return null;
    }

    static Outbound of(ByteBuffer buffer) {
        return new Outbound() {
            @Override
            ByteBuffer memory() {
                return buffer;
            }

            @Override
            long remaining() {
                return buffer.remaining();
            }

            @Override
            long writeTo(SocketChannel channel, long max) throws IOException {
                if (max >= buffer.remaining()) {
                    return channel.write(buffer);
                }
                ByteBuffer part = buffer.duplicate();
                part.limit(part.position() + (int) max);
                int written = channel.write(part);
                buffer.position(buffer.position() + written);
                return written;
            }
        };
    }

    static Outbound of(FileChannel file, long position, long count) {
        return new Outbound() {
            private long at = position;
            private final long end = position + count;

            @Override
            long remaining() {
                return end - at;
            }

            @Override
            long writeTo(SocketChannel channel, long max) throws IOException {
                long written = file.transferTo(at, Math.min(max, end - at), channel);
                if (written == 0 && at >= file.size()) {
                    throw new IOException("stored file shorter than the block at " + at);
                }
                at += written;
                return written;
            }
        };
    }
}
