package org.debswarm.torrent.internal;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.TorrentFactory;
import org.debswarm.torrent.TorrentFile;
import org.debswarm.torrent.TorrentFormatException;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): any bytes as a .torrent file (the node reads those dropped into
 * torrents/ and those a peer's metadata names), with the accessors the node uses afterwards. A
 * {@link TorrentFormatException} is the documented answer to bad input; anything else escaping is a finding.
 */
public final class MetaInfoFuzz {

    private static final TorrentFactory FACTORY = new DefaultTorrentFactory(new DefaultControlParser());

    private MetaInfoFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        try {
            MetaInfo info = FACTORY.readTorrentFile(input);
            info.infoHash();
            info.name();
            info.announceTiers();
            info.totalLength();
            for (int i = 0; i < info.pieceCount(); i++) {
                info.pieceHash(i);
                info.pieceLength(i);
            }
            for (TorrentFile file : info.files()) {
                file.path();
                file.length();
            }
        } catch (TorrentFormatException expected) {
            // the documented refusal
        }
    }
}
