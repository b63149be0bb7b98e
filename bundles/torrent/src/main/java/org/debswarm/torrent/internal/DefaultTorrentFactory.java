package org.debswarm.torrent.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.debswarm.rfc822.ControlParser;
import org.debswarm.rfc822.PackageEntry;
import org.debswarm.rfc822.FileChecksum;
import org.debswarm.rfc822.PackageReader;
import org.debswarm.rfc822.SourceEntry;
import org.debswarm.rfc822.SourceReader;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrentBuilder;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.TorrentFactory;
import org.debswarm.torrent.TorrentFormatException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TorrentFactory} service. Packages files are read with the rfc822 bundle's {@link ControlParser};
 * the derivation itself ({@link DefaultPackagesTorrentBuilder}) does not depend on it.
 */
@Component(service = TorrentFactory.class)
public final class DefaultTorrentFactory implements TorrentFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultTorrentFactory.class);

    private final ControlParser parser;

    @Activate
    public DefaultTorrentFactory(@Reference ControlParser parser) {
        this.parser = parser;
    }

    /**
     * A Packages file whose entry lacks a field or has an invalid one fails whole (the parser's
     * ControlParseException): every node then fails alike, rather than deriving a torrent from a guess.
     */
    @Override
    public PackagesTorrents fromPackages(String mirrorHost, String indexPath, InputStream plainPackages)
            throws IOException {
        PackagesTorrentBuilder builder = packagesBuilder(mirrorHost, indexPath);
        try (PackageReader reader = parser.packages(new KeepOpen(plainPackages))) {
            for (PackageEntry entry = reader.next(); entry != null; entry = reader.next()) {
                builder.add(entry.filename(), entry.size(), entry.sha256(), "all".equals(entry.architecture()));
            }
        }
        PackagesTorrents torrents = builder.build();
        LOG.debug("Derived {} (skipped {} entries, {} conflicting paths)", torrents, torrents.skippedEntries(),
                torrents.conflictingPaths());
        return torrents;
    }

    /** Like Packages: a paragraph without a required field fails the whole file, so every node fails alike. */
    @Override
    public PackagesTorrents fromSources(String mirrorHost, String indexPath, InputStream plainSources)
            throws IOException {
        PackagesTorrentBuilder builder = packagesBuilder(mirrorHost, indexPath);
        try (SourceReader reader = parser.sources(new KeepOpen(plainSources))) {
            for (SourceEntry entry = reader.next(); entry != null; entry = reader.next()) {
                for (FileChecksum file : entry.archiveFiles()) {
                    builder.add(withoutDotSlash(file.path()), file.size(), file.sha256(), false);
                }
            }
        }
        PackagesTorrents torrents = builder.build();
        LOG.debug("Derived {} from Sources (skipped {} files, {} conflicting paths)", torrents,
                torrents.skippedEntries(), torrents.conflictingPaths());
        return torrents;
    }

    /** A flat repository's {@code Directory: .} gives {@code ./name}: the path is {@code name}. */
    private static String withoutDotSlash(String path) {
        String p = path;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    @Override
    public PackagesTorrentBuilder packagesBuilder(String mirrorHost, String indexPath) {
        return new DefaultPackagesTorrentBuilder(new SourceIndex(mirrorHost, indexPath));
    }

    @Override
    public MetaInfo readTorrentFile(byte[] torrentFile) throws TorrentFormatException {
        return MetaInfoReader.read(torrentFile);
    }

    @Override
    public byte[] createTorrentFile(Path folder, List<String> announce, int pieceLength) throws IOException {
        return TorrentFileWriter.create(folder, announce, pieceLength);
    }

    /** The parser's reader closes its stream; the caller owns this one. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes the stream it gave
        }
    }
}
