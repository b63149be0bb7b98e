package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;

/**
 * Passes a package file the node cannot store (no index lists it, or no store is running) straight from the
 * mirror to apt, which checks its hashes itself. apt's {@code Range} and {@code If-Modified-Since} go to
 * the mirror; nothing is kept. The body's bytes count as mirror bytes as they arrive, and a whole file (200)
 * answered to apt as a file served that was not in the store.
 */
final class Proxy {

    private final Supplier<HttpGovernor> governor;
    private final Settings settings;
    private final Metering metering;

    Proxy(Supplier<HttpGovernor> governor, Settings settings, Metering metering) {
        this.governor = governor;
        this.settings = settings;
        this.metering = metering;
    }

    void serve(HttpServletRequest request, HttpServletResponse response, RequestTarget target)
            throws IOException, HttpRefusal {
        boolean head = "HEAD".equals(request.getMethod());
        URI uri = target.mirrorUri(settings);
        MirrorRequest.Builder builder = (head ? MirrorRequest.head(uri) : MirrorRequest.get(uri))
                .deadline(settings.debDeadline());
        forwardConditions(request, builder);
        try (MirrorResponse mirror = Mirror.fetch(governor, builder.build(), settings.debDeadline())) {
            int status = mirror.status();
            if (status != 200 && status != 206 && status != 304) {
                throw Mirror.status(target.host(), target.path(), status);
            }
            response.setStatus(status);
            copyHeaders(mirror, response);
            if (!head && status != 304) {
                long sent = stream(metering.fromMirror(uri, mirror.body()), response, target);
                if (status == 200) {
                    metering.served(sent, false);
                }
            }
        }
    }

    private static void forwardConditions(HttpServletRequest request, MirrorRequest.Builder builder) {
        long since = dateHeader(request, "If-Modified-Since");
        if (since >= 0) {
            builder.ifModifiedSince(java.time.Instant.ofEpochMilli(since));
        }
        if (request.getHeader("If-Range") == null) { // with If-Range, only the whole file is safe to send
            RangeRequest.forMirror(request.getHeader("Range")).ifPresent(builder::range);
        }
    }

    private static void copyHeaders(MirrorResponse mirror, HttpServletResponse response) {
        mirror.contentLength().ifPresent(response::setContentLengthLong);
        mirror.contentRange().ifPresent(r -> response.setHeader("Content-Range", r.toHeaderValue()));
        FileResponder.validators(response, mirror.lastModified().orElse(null), mirror.etag().orElse(null));
        response.setContentType("application/octet-stream");
    }

    /** @return the bytes sent to apt */
    private static long stream(InputStream body, HttpServletResponse response, RequestTarget target)
            throws IOException, HttpRefusal {
        OutputStream out = response.getOutputStream();
        byte[] buffer = new byte[Responses.BUFFER];
        long sent = 0;
        try (InputStream in = body) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                sent += n;
            }
            return sent;
        } catch (IOException e) {
            if (response.isCommitted()) {
                throw e;
            }
            throw Mirror.failure(target.host(), e);
        }
    }

    private static long dateHeader(HttpServletRequest request, String name) {
        try {
            return request.getDateHeader(name);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
