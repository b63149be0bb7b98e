package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;

import org.debswarm.aptlistener.Fill;
import org.debswarm.governor.ContentRange;
import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a store write is filled from its mirror: what the write still misses, from the first missing block
 * to the end of the last one ({@link MissingRange}), with one request through the governor ({@code Range} unless
 * that is the whole file). The same code fetches a whole file for apt, resumes a partial one left by an earlier
 * run, and fills the blocks peers did not send. It runs on the listener's download threads, independent of the
 * apt request that started it. Any failure aborts the write, so nothing is stored; the store verifies the
 * SHA-256 when the last byte arrives, whoever sent it.
 */
final class MirrorFill implements Fill {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorFill.class);
    private static final int CHUNK = FileWrite.BLOCK_SIZE;

    /** What apt's responses need from the mirror's: that it answered with the file, and its date. */
    record Headers(Instant lastModified) {
    }

    private final FileWrite write;
    private final FileKey key;
    private final LongConsumer fromMirror;
    private final CompletableFuture<Headers> headers = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean stopped;
    private volatile CompletableFuture<MirrorResponse> request;

    private MirrorFill(FileWrite write, LongConsumer fromMirror) {
        this.write = write;
        this.key = write.key();
        this.fromMirror = fromMirror;
    }

    /**
     * Starts filling {@code write} from {@code uri}.
     *
     * @param executor   runs the blocking body copy (the governor's threads only hand over the response)
     * @param fromMirror told the number of bytes written from each chunk of the body
     */
    static MirrorFill start(HttpGovernor governor, URI uri, FileWrite write, Duration deadline, Executor executor,
            LongConsumer fromMirror) {
        MirrorFill fill = new MirrorFill(write, fromMirror);
        Optional<MissingRange> missing = MissingRange.of(write);
        if (missing.isEmpty()) {
            fill.headers.complete(new Headers(null));
            fill.done.complete(null);
            return fill;
        }
        MissingRange range = missing.get();
        MirrorRequest.Builder request = MirrorRequest.get(uri).deadline(deadline);
        if (range.first() > 0 || range.lastInclusive() < write.size() - 1) {
            request.range(range.first(), range.lastInclusive());
        }
        LOG.debug("Filling {} bytes of {} from {}", range.length(), write.key().path(), uri);
        fill.request = governor.fetch(request.build());
        fill.request.whenComplete((response, failure) -> {
            if (failure != null) {
                fill.fail(Mirror.failure(uri.getHost(), failure));
                return;
            }
            try {
                executor.execute(() -> fill.transfer(response, range));
            } catch (RejectedExecutionException e) {
                response.close();
                fill.fail(new HttpRefusal(503, "the apt listener is stopping"));
            }
        });
        return fill;
    }

    /** A fill that cannot start: the write is aborted with {@code refusal}. */
    static MirrorFill failed(FileWrite write, HttpRefusal refusal) {
        MirrorFill fill = new MirrorFill(write, n -> { });
        fill.fail(refusal);
        return fill;
    }

    /** @return completes when the mirror answered with the file; exceptionally with an {@link HttpRefusal} */
    CompletableFuture<Headers> headers() {
        return headers;
    }

    FileWrite write() {
        return write;
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    /** Stops between two chunks (or before the answer); the blocks written stay and the write stays open. */
    @Override
    public void stop() {
        stopped = true;
        CompletableFuture<MirrorResponse> r = request;
        if (r != null) {
            r.cancel(true);
        }
        done.completeExceptionally(new CancellationException("stopped at byte " + write.written() + " of "
                + key.path()));
    }

    /** Stops the fill and aborts the write (the listener is being deactivated). */
    void cancel(String reason) {
        CompletableFuture<MirrorResponse> r = request;
        if (r != null) {
            r.cancel(true);
        }
        fail(new HttpRefusal(503, reason));
    }

    private void transfer(MirrorResponse response, MissingRange range) {
        try (response) {
            long offset = startOffset(response, range);
            headers.complete(new Headers(response.lastModified().orElse(null)));
            copy(response.body(), offset, range.lastInclusive() + 1);
            done.complete(null);
        } catch (CancellationException e) {
            done.completeExceptionally(e); // stopped: the write is the stopper's
        } catch (Exception e) {
            fail(Mirror.failure(key.host(), e));
        }
    }

    /** @return where the body starts in the file, after checking that it is the file or the range asked for */
    private long startOffset(MirrorResponse response, MissingRange range) throws HttpRefusal {
        int status = response.status();
        if (status == 206) {
            ContentRange served = response.contentRange().orElseThrow(
                    () -> new HttpRefusal(502, "mirror sent 206 without Content-Range for " + key.path()));
            if (served.first() != range.first() || served.completeLength().orElse(key.size()) != key.size()) {
                throw new HttpRefusal(502, "mirror sent range " + served.toHeaderValue() + " for " + key.path()
                        + " (expected: from " + range.first() + " of " + key.size() + " bytes)");
            }
            return served.first();
        }
        if (status != 200) {
            throw Mirror.status(key.host(), key.path(), status);
        }
        long length = response.contentLength().orElse(key.size());
        if (length != key.size()) {
            throw new HttpRefusal(502, "mirror " + key.host() + " has " + length + " bytes for /" + key.path()
                    + " (expected: " + key.size() + " as its index says)");
        }
        return 0; // the mirror ignored the range: the whole file; blocks already present are ignored by the write
    }

    private void copy(InputStream body, long from, long end) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long offset = from;
        try (InputStream in = body) {
            int read;
            while (offset < key.size() && (read = in.readNBytes(chunk, 0,
                    (int) Math.min(CHUNK, key.size() - offset))) > 0) {
                if (stopped) {
                    throw new CancellationException("stopped at byte " + offset + " of " + key.path());
                }
                write.writeAt(offset, ByteBuffer.wrap(chunk, 0, read));
                fromMirror.accept(read);
                offset += read;
            }
        }
        if (offset < end && !write.isDone()) {
            throw new IOException("mirror sent " + (offset - from) + " of the " + (end - from) + " bytes asked for "
                    + key.path());
        }
    }

    private void fail(HttpRefusal refusal) {
        if (stopped) {
            done.completeExceptionally(new CancellationException("stopped: " + refusal.getMessage()));
            return;
        }
        if (headers.completeExceptionally(refusal) || !write.isDone()) {
            LOG.info("Download of {}/{} failed: {}", key.host(), key.path(), refusal.getMessage());
        }
        done.completeExceptionally(refusal);
        write.abort(refusal.getMessage());
    }
}
