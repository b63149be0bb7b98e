package org.debswarm.aptlistener.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.debswarm.stats.StatsRecorder;

/**
 * What the listener tells the node's statistics: body bytes from mirrors (package files, index files, files
 * passed through), per mirror host as the governor names it, and package files answered to apt, from the store
 * or not. The listener knows files, not torrents: an info hash is given only when a package source that knows the
 * torrent handed the file down to the mirror. Without a statistics service nothing is recorded.
 */
final class Metering {

    private final Supplier<StatsRecorder> stats;

    Metering(Supplier<StatsRecorder> stats) {
        this.stats = stats;
    }

    /** @return where the bytes of a body from the mirror at {@code uri} are counted, as they arrive */
    LongConsumer fromMirror(URI uri) {
        return fromMirror(uri, (String) null);
    }

    /**
     * @param infoHash the torrent the bytes are for, when a package source that knows torrents handed the file
     *                 down to the mirror; {@code null} otherwise
     * @return where the bytes of a body from the mirror at {@code uri} are counted, as they arrive
     */
    LongConsumer fromMirror(URI uri, String infoHash) {
        String host = host(uri);
        return bytes -> {
            StatsRecorder recorder = stats.get();
            if (recorder != null && bytes > 0) {
                recorder.mirrorDownloaded(infoHash, host, bytes);
            }
        };
    }

    /** A package file answered to apt in full ({@code bytes} sent); not for index files. */
    void served(long bytes, boolean fromStore) {
        StatsRecorder recorder = stats.get();
        if (recorder != null) {
            recorder.fileServed(null, bytes, fromStore);
        }
    }

    /** @return {@code body}, counting what is read from it as bytes from the mirror at {@code uri} */
    InputStream fromMirror(URI uri, InputStream body) {
        LongConsumer counted = fromMirror(uri);
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counted.accept(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                counted.accept(n);
                return n;
            }
        };
    }

    /**
     * @return the host as the governor names it, so that figures per host match its own: {@code name}, or
     *         {@code name:port} when the port is not the scheme's default
     */
    static String host(URI uri) {
        String name = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean standard = port < 0 || port == ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return standard ? name : name + ":" + port;
    }
}
