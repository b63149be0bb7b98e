package org.debswarm.node.internal.webseed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.debswarm.governor.ContentRange;
import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.debswarm.storage.FileWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mirror as a web seed: fills what a store write still misses with one range request through the
 * governor. The store verifies the whole file when its last byte arrives, whoever sent it; bytes written here
 * are reported to {@code fromMirror} so they count as the mirror's, not the peers'.
 */
public final class MirrorFill {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorFill.class);
    private static final int CHUNK = FileWrite.BLOCK_SIZE;

    private MirrorFill() {
    }

    /**
     * Starts filling {@code write} from {@code uri}.
     *
     * @param executor   runs the blocking body copy (the governor's threads only hand over the response)
     * @param fromMirror told the number of bytes written from each chunk of the body
     * @return completes when the mirror's bytes are written (the write may then complete, or fail
     *         verification); exceptionally when the mirror failed, which leaves the write as it was
     */
    public static CompletableFuture<Void> start(HttpGovernor governor, URI uri, FileWrite write, Duration deadline,
            Executor executor, LongConsumer fromMirror) {
        return start(governor, uri, write, deadline, executor, fromMirror, () -> false);
    }

    /**
     * As {@link #start(HttpGovernor, URI, FileWrite, Duration, Executor, LongConsumer)}, stopping between two
     * chunks once {@code stopped} says so: the future then fails with a {@link CancellationException}, the
     * response is closed (its connection released) and the blocks written so far stay in the write.
     */
    public static CompletableFuture<Void> start(HttpGovernor governor, URI uri, FileWrite write, Duration deadline,
            Executor executor, LongConsumer fromMirror, BooleanSupplier stopped) {
        Optional<MissingRange> missing = MissingRange.of(write);
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        MissingRange range = missing.get();
        MirrorRequest.Builder request = MirrorRequest.get(uri).deadline(deadline);
        if (range.first() > 0 || range.lastInclusive() < write.size() - 1) {
            request.range(range.first(), range.lastInclusive());
        }
        LOG.debug("Filling {} bytes of {} from {}", range.length(), write.key().path(), uri);
        return governor.fetch(request.build())
                .thenApplyAsync(response -> copy(response, write, range, fromMirror, stopped), executor);
    }

    private static Void copy(MirrorResponse response, FileWrite write, MissingRange range, LongConsumer fromMirror,
            BooleanSupplier stopped) {
        try (response) {
            long offset = startOffset(response, write, range);
            try (InputStream body = response.body()) {
                byte[] chunk = new byte[CHUNK];
                int read;
                while (offset < write.size() && (read = body.readNBytes(chunk, 0,
                        (int) Math.min(CHUNK, write.size() - offset))) > 0) {
                    if (stopped.getAsBoolean()) {
                        throw new CancellationException("stopped at byte " + offset + " of " + write.key().path());
                    }
                    write.writeAt(offset, ByteBuffer.wrap(chunk, 0, read));
                    fromMirror.accept(read);
                    offset += read;
                }
            }
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Where the body starts in the file; refuses any answer that is not the file or the asked range. */
    private static long startOffset(MirrorResponse response, FileWrite write, MissingRange range) throws IOException {
        if (response.status() == 200) {
            long length = response.contentLength().orElse(write.size());
            if (length != write.size()) {
                throw new IOException("mirror sent " + length + " bytes (expected: " + write.size() + ") for "
                        + response.servedBy());
            }
            return 0; // the mirror ignored the range: the whole file, present blocks are ignored by the store
        }
        if (response.status() == 206) {
            ContentRange served = response.contentRange()
                    .orElseThrow(() -> new IOException("206 without Content-Range from " + response.servedBy()));
            if (served.completeLength().orElse(write.size()) != write.size()) {
                throw new IOException("mirror's file is " + served.completeLength().getAsLong() + " bytes (expected: "
                        + write.size() + ") for " + response.servedBy());
            }
            if (served.first() != range.first()) {
                throw new IOException("mirror sent bytes from " + served.first() + " (expected: " + range.first()
                        + ") for " + response.servedBy());
            }
            return served.first();
        }
        throw new IOException("mirror answered " + response.status() + " for " + response.servedBy());
    }
}
