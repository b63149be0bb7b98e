package org.debswarm.peerwire.internal.swarm;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The bytes of a block to upload: a region of a stored file (sent zero-copy) or a buffer. */
public sealed interface BlockData permits BlockData.FileRegion, BlockData.Buffer {

    int length();

    /** {@code length} bytes of {@code file} from {@code position}; the file stays open while it is queued. */
    record FileRegion(FileChannel file, long position, int length) implements BlockData {
    }

    record Buffer(ByteBuffer bytes) implements BlockData {
        @Override
        public int length() {
            return bytes.remaining();
        }
    }
}
