package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;

import org.debswarm.storage.FileWrite;

/** A sequential view of a {@link FileWrite}: each write goes at the next position. Not thread-safe. */
final class Appender implements WritableByteChannel {

    private final FileWrite write;
    private long position;
    private boolean open = true;

    Appender(FileWrite write, long position) {
        if (position < 0 || position > write.size()) {
            throw new IllegalArgumentException("position " + position + " (expected: 0 to " + write.size() + ")");
        }
        this.write = write;
        this.position = position;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int length = src.remaining();
        write.writeAt(position, src);
        position += length;
        return length;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
