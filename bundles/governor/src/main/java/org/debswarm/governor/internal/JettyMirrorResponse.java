package org.debswarm.governor.internal;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.debswarm.governor.Compression;
import org.debswarm.governor.ContentRange;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.DateParser;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/** A response as handed to the caller: status and headers read once, the body streaming. */
final class JettyMirrorResponse implements MirrorResponse {

    private final MirrorRequest request;
    private final int status;
    private final URI servedBy;
    private final HttpFields headers;
    private final ContentRange contentRange;
    private final BodyStream raw;
    private final InputStream body;

    JettyMirrorResponse(MirrorRequest request, Response response, URI servedBy, BodyStream raw, ContentRange range) {
        this.request = request;
        this.status = response.getStatus();
        this.servedBy = servedBy;
        this.headers = response.getHeaders().asImmutable();
        this.contentRange = range;
        this.raw = raw;
        Compression decoding = status == 200 ? request.decode().resolve(request.uri().getPath()) : Compression.NONE;
        this.body = decoding == Compression.NONE ? raw : new DecodingStream(raw, decoding, servedBy);
    }

    @Override
    public MirrorRequest request() {
        return request;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public URI servedBy() {
        return servedBy;
    }

    @Override
    public Optional<String> header(String name) {
        List<String> values = headers.getValuesList(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    @Override
    public Optional<Instant> lastModified() {
        String value = headers.get(HttpHeader.LAST_MODIFIED);
        long millis = value == null ? -1 : DateParser.parseDate(value);
        return millis < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    @Override
    public Optional<String> etag() {
        return Optional.ofNullable(headers.get(HttpHeader.ETAG));
    }

    @Override
    public OptionalLong contentLength() {
        try {
            long length = headers.getLongField(HttpHeader.CONTENT_LENGTH);
            return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // Jetty's parser rejects these; belt and braces
        }
    }

    @Override
    public Optional<ContentRange> contentRange() {
        return Optional.ofNullable(contentRange);
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public void close() {
        raw.close();
    }

    @Override
    public String toString() {
        return "HTTP " + status + " from " + servedBy + " for " + request;
    }
}
