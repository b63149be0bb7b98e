package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.concurrent.RejectedExecutionException;

import org.debswarm.governor.ContentRange;
import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One package file fetched from its mirror into a {@link FileWrite} that this listener created. It runs on
 * the listener's download threads, independent of the apt request that started it: apt leaving does not
 * stop it, and every client of the same file streams from the write. A partial file left by an earlier run
 * is resumed with a {@code Range} request. Any failure aborts the write, so nothing is stored; the store
 * verifies the SHA-256 when the last byte arrives.
 */
final class Download {

    private static final Logger LOG = LoggerFactory.getLogger(Download.class);

    /** What apt's responses need from the mirror's: that it answered with the file, and its date. */
    record Headers(Instant lastModified) {
    }

    private final FileKey key;
    private final FileWrite write;
    private final LongConsumer fromMirror;
    private final CompletableFuture<Headers> headers = new CompletableFuture<>();
    private volatile CompletableFuture<MirrorResponse> request;

    private Download(FileKey key, FileWrite write, LongConsumer fromMirror) {
        this.key = key;
        this.write = write;
        this.fromMirror = fromMirror;
    }

    /**
     * Starts fetching the builder's URI into {@code write} (resuming at what it holds).
     *
     * @param executor runs the body copy; the governor's threads only hand over the response
     */
    static Download start(HttpGovernor governor, MirrorRequest.Builder builder, FileWrite write, Duration deadline,
            Executor executor, LongConsumer fromMirror) {
        Download download = new Download(write.key(), write, fromMirror);
        long resumeAt = write.available();
        builder.deadline(deadline);
        if (resumeAt > 0 && resumeAt < write.size()) {
            builder.rangeFrom(resumeAt);
        }
        MirrorRequest request = builder.build();
        URI uri = request.uri();
        download.request = governor.fetch(request);
        download.request.whenComplete((response, failure) -> {
            if (failure != null) {
                download.fail(Mirror.failure(uri.getHost(), failure));
                return;
            }
            try {
                executor.execute(() -> download.transfer(response, resumeAt));
            } catch (RejectedExecutionException e) {
                response.close();
                download.fail(new HttpRefusal(503, "the apt listener is stopping"));
            }
        });
        return download;
    }

    /** @return completes when the mirror answered with the file; exceptionally with an {@link HttpRefusal} */
    CompletableFuture<Headers> headers() {
        return headers;
    }

    FileWrite write() {
        return write;
    }

    /** Stops the download; the write is aborted. */
    void cancel(String reason) {
        CompletableFuture<MirrorResponse> r = request;
        if (r != null) {
            r.cancel(true);
        }
        fail(new HttpRefusal(503, reason));
    }

    private void transfer(MirrorResponse response, long resumeAt) {
        try (response) {
            long position = position(response, resumeAt);
            headers.complete(new Headers(response.lastModified().orElse(null)));
            copy(response.body(), write.appender(position), position);
            if (write.available() < key.size()) {
                throw new IOException("mirror sent " + write.available() + " of " + key.size() + " bytes");
            }
        } catch (Exception e) {
            fail(Mirror.failure(key.host(), e));
        }
    }

    /** @return where the body starts in the file, after checking that it is the file the index describes */
    private long position(MirrorResponse response, long resumeAt) throws HttpRefusal {
        int status = response.status();
        if (status == 206) {
            ContentRange range = response.contentRange().orElseThrow(
                    () -> new HttpRefusal(502, "mirror sent 206 without Content-Range for " + key.path()));
            if (range.first() != resumeAt || range.completeLength().orElse(key.size()) != key.size()) {
                throw new HttpRefusal(502, "mirror sent range " + range.toHeaderValue() + " for " + key.path()
                        + " (expected: from " + resumeAt + " of " + key.size() + " bytes)");
            }
            return resumeAt;
        }
        if (status != 200) {
            throw Mirror.status(key.host(), key.path(), status);
        }
        long length = response.contentLength().orElse(key.size());
        if (length != key.size()) {
            throw new HttpRefusal(502, "mirror " + key.host() + " has " + length + " bytes for /" + key.path()
                    + " (expected: " + key.size() + " as its index says)");
        }
        return 0; // bytes already present are skipped by the write
    }

    private void copy(InputStream body, WritableByteChannel channel, long position) throws IOException {
        byte[] buffer = new byte[Responses.BUFFER];
        long at = position;
        try (InputStream in = body) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (at + n > key.size()) {
                    throw new IOException("mirror sent more than the " + key.size() + " bytes of " + key.path());
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                at += n;
                fromMirror.accept(n);
            }
        }
    }

    private void fail(HttpRefusal refusal) {
        if (headers.completeExceptionally(refusal) || !write.isDone()) {
            LOG.info("Download of {}/{} failed: {}", key.host(), key.path(), refusal.getMessage());
        }
        write.abort(refusal.getMessage());
    }
}
