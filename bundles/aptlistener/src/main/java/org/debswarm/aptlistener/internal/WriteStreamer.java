package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.StoredFile;
import org.debswarm.storage.VerificationException;

/**
 * Streams a file to apt while it is being written: bytes go out as {@link FileWrite#whenAvailable} says they
 * arrived (an event, no polling), except the last one, which is held back until the store has verified the
 * whole file. A file whose SHA-256 does not match therefore never reaches apt complete: its response is cut
 * one byte short and apt reports a failed transfer.
 */
final class WriteStreamer {

    private WriteStreamer() {
    }

    /**
     * @param fromMirror the mirror's fill of the write, when the mirror fills it: its answer decides the status
     *        (a 404 from the mirror is a 404 to apt); without it the status is 200 at once
     * @param deadline the longest wait, from now to the last byte
     */
    static void stream(HttpServletRequest request, HttpServletResponse response, FileKey key, FileWrite write,
            Optional<MirrorFill> fromMirror, Duration deadline) throws IOException, HttpRefusal {
        stream(request, response, key, write, fromMirror, deadline, stored -> { });
    }

    /** What runs once the store verified the whole file, before apt gets its last byte. */
    @FunctionalInterface
    interface BeforeLastByte {
        void stored(StoredFile file) throws IOException;
    }

    /**
     * As {@link #stream(HttpServletRequest, HttpServletResponse, FileKey, FileWrite, Optional, Duration)}, with
     * {@code beforeLastByte} run on this thread once the file is verified and stored (not for a HEAD, which
     * gets the head alone); if it fails, apt's response is cut one byte short.
     */
    static void stream(HttpServletRequest request, HttpServletResponse response, FileKey key, FileWrite write,
            Optional<MirrorFill> fromMirror, Duration deadline, BeforeLastByte beforeLastByte)
            throws IOException, HttpRefusal {
        long end = System.nanoTime() + deadline.toNanos();
        Instant lastModified = null;
        if (fromMirror.isPresent()) {
            lastModified = await(fromMirror.get().headers(), end, key).lastModified();
        }
        try (FileChannel reader = openReader(write, key)) {
            response.setStatus(200);
            response.setContentType("application/octet-stream");
            response.setContentLengthLong(key.size());
            FileResponder.validators(response, lastModified, null);
            if (!"HEAD".equals(request.getMethod())) {
                send(reader, write, key, response.getOutputStream(), end, beforeLastByte);
            }
        }
    }

    private static void send(FileChannel reader, FileWrite write, FileKey key, OutputStream out, long end,
            BeforeLastByte beforeLastByte) throws IOException, HttpRefusal {
        long size = key.size();
        long beforeVerification = Math.max(0, size - 1);
        long sent = 0;
        while (sent < beforeVerification) {
            long available = Math.min(write.available(), beforeVerification);
            if (available > sent) {
                Responses.copy(reader, sent, available - sent, out);
                sent = available;
            } else {
                await(write.whenAvailable(sent + 1), end, key);
            }
        }
        beforeLastByte.stored(await(write.completion(), end, key));
        Responses.copy(reader, sent, size - sent, out);
    }

    private static FileChannel openReader(FileWrite write, FileKey key) throws HttpRefusal {
        try {
            return write.openReader();
        } catch (IOException e) {
            throw failed(key, e);
        }
    }

    private static <T> T await(CompletableFuture<T> future, long end, FileKey key) throws HttpRefusal {
        try {
            return future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpRefusal(503, "interrupted while waiting for " + key.path());
        } catch (TimeoutException e) {
            throw new HttpRefusal(504, "no complete copy of " + key.host() + "/" + key.path() + " within the deadline");
        } catch (ExecutionException e) {
            throw failed(key, e.getCause());
        }
    }

    private static HttpRefusal failed(FileKey key, Throwable cause) {
        if (cause instanceof HttpRefusal refusal) {
            return refusal;
        }
        if (cause instanceof VerificationException v) {
            return new HttpRefusal(502, "the mirror's copy of " + key.path() + " does not match its index: " + v.getMessage(), v);
        }
        return new HttpRefusal(502, "download of " + key.host() + "/" + key.path() + " failed: " + cause.getMessage(), cause);
    }
}
