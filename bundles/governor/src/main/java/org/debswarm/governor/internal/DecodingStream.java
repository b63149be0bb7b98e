package org.debswarm.governor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.debswarm.governor.Compression;

/**
 * A decoded body. The decoder is made on the first read, because making it reads the stream
 * header, and {@code body()} must not block or throw.
 */
final class DecodingStream extends InputStream {

    /** xz -9 needs 65 MiB to decode; a header asking for more than this is refused, not obeyed. */
    private static final int XZ_MEMORY_LIMIT_KIB = 96 * 1024;

    private final InputStream raw;
    private final Compression compression;
    private final URI uri;
    private InputStream decoder;

    DecodingStream(InputStream raw, Compression compression, URI uri) {
        this.raw = raw;
        this.compression = compression;
        this.uri = uri;
    }

    @Override
    public int read() throws IOException {
        return decoder().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return decoder().read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return decoder == null ? 0 : decoder.available();
    }

    @Override
    public void close() throws IOException {
        if (decoder != null) {
            decoder.close();
        }
        raw.close();
    }

    private InputStream decoder() throws IOException {
        if (decoder == null) {
            decoder = open();
        }
        return decoder;
    }

    private InputStream open() throws IOException {
        try {
            return switch (compression) {
                case GZ -> new GzipCompressorInputStream(raw, true);
                case XZ -> new XZCompressorInputStream(raw, true, XZ_MEMORY_LIMIT_KIB);
                case BZ2 -> new BZip2CompressorInputStream(raw, true);
                default -> raw;
            };
        } catch (LinkageError e) {
            // Commons Compress imports org.tukaani.xz optionally: without that bundle, xz cannot be read.
            throw new IOException("cannot decode " + compression + " from " + uri
                    + ": the decoder library is missing (install the org.tukaani.xz bundle)", e);
        }
    }
}
