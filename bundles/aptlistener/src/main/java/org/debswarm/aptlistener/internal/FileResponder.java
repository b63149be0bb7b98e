package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends a complete file from disk (a cached index or a stored package) with the validators and ranges apt
 * uses: {@code 304} to {@code If-Modified-Since} and {@code If-None-Match}, {@code 206} with
 * {@code Content-Range} for a single {@code Range} (guarded by {@code If-Range}), and HEAD
 * (<a href="https://www.rfc-editor.org/rfc/rfc9110#section-13">RFC 9110 sections 13</a> and 14).
 */
final class FileResponder {

    private FileResponder() {
    }

    /**
     * @param file the file; its length on disk must be {@code size}
     * @param lastModified the {@code Last-Modified} to send and compare, or null
     * @param etag the {@code ETag} to send and compare (quotes included), or null
     * @param sender sends the bytes
     */
    static void send(HttpServletRequest request, HttpServletResponse response, Path file, long size,
            Instant lastModified, String etag, FileSender sender) throws IOException, HttpRefusal {
        validators(response, lastModified, etag);
        if (notModified(request, lastModified, etag)) {
            response.setStatus(304);
            return;
        }
        Optional<RangeRequest> range = honoursRange(request, lastModified, etag)
                ? RangeRequest.resolve(request.getHeader("Range"), size) : Optional.empty();
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentType("application/octet-stream");
        long first = range.map(RangeRequest::first).orElse(0L);
        long length = range.map(RangeRequest::length).orElse(size);
        if (range.isPresent()) {
            response.setStatus(206);
            response.setHeader("Content-Range", range.get().contentRange(size));
        }
        response.setContentLengthLong(length);
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            sender.send(channel, first, length, response.getOutputStream());
        }
    }

    static void validators(HttpServletResponse response, Instant lastModified, String etag) {
        if (lastModified != null) {
            response.setDateHeader("Last-Modified", lastModified.toEpochMilli());
        }
        if (etag != null) {
            response.setHeader("ETag", etag);
        }
    }

    /** RFC 9110 section 13.2.2: If-None-Match first; If-Modified-Since only without it. */
    static boolean notModified(HttpServletRequest request, Instant lastModified, String etag) {
        String noneMatch = request.getHeader("If-None-Match");
        if (noneMatch != null) {
            return etag != null && (noneMatch.trim().equals("*") || noneMatch.contains(etag));
        }
        long since = dateHeader(request, "If-Modified-Since");
        return lastModified != null && since >= 0 && lastModified.getEpochSecond() <= since / 1000;
    }

    /** RFC 9110 section 13.1.5: a range applies only while the representation is the one apt has a part of. */
    private static boolean honoursRange(HttpServletRequest request, Instant lastModified, String etag) {
        String ifRange = request.getHeader("If-Range");
        if (ifRange == null) {
            return true;
        }
        if (ifRange.trim().startsWith("\"") || ifRange.trim().startsWith("W/")) {
            return etag != null && !etag.startsWith("W/") && ifRange.trim().equals(etag);
        }
        long date = dateHeader(request, "If-Range");
        return lastModified != null && date >= 0 && lastModified.getEpochSecond() == date / 1000;
    }

    private static long dateHeader(HttpServletRequest request, String name) {
        try {
            return request.getDateHeader(name);
        } catch (IllegalArgumentException e) {
            return -1; // an unparseable date is ignored (RFC 9110 section 13.1.3)
        }
    }
}
