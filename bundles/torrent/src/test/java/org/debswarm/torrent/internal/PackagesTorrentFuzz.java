package org.debswarm.torrent.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.debswarm.rfc822.ControlParseException;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.TorrentFactory;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): any bytes as a mirror's Packages index (and as a Sources index),
 * turned into the Packages torrents the node builds from it: sizes, file names and checksums come from outside.
 * A {@link ControlParseException} is the documented answer to a bad index (bad entries are skipped and
 * counted); anything else escaping is a finding.
 */
public final class PackagesTorrentFuzz {

    private static final TorrentFactory FACTORY = new DefaultTorrentFactory(new DefaultControlParser());
    private static final String HOST = "deb.debian.org";

    private PackagesTorrentFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        try {
            touch(FACTORY.fromPackages(HOST, "debian/dists/bookworm/main/binary-amd64/Packages",
                    new ByteArrayInputStream(input)));
            touch(FACTORY.fromSources(HOST, "debian/dists/bookworm/main/source/Sources",
                    new ByteArrayInputStream(input)));
        } catch (ControlParseException expected) {
            // the documented refusal
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
    }

    private static void touch(PackagesTorrents torrents) {
        for (PackagesTorrent t : new PackagesTorrent[] {torrents.architecture(), torrents.all()}) {
            t.infoHash();
            for (int piece = 0; piece < t.pieceCount(); piece++) {
                t.indexOf(t.path(piece));
                t.length(piece);
            }
        }
    }
}
