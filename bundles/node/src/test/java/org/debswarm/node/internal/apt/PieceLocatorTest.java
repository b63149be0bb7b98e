package org.debswarm.node.internal.apt;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Optional;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.FileKey;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrentBuilder;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.internal.DefaultTorrentFactory;
import org.junit.Test;

/** A file apt asks for, found in a torrent by path tail, length and SHA-256. */
public class PieceLocatorTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    private final PackagesTorrent all = torrent();

    @Test
    public void findsThePieceByTheTailOfTheHostRelativePath() {
        FileKey key = new FileKey("deb.debian.org", "debian/pool/main/h/hello/hello_1_all.deb", 100, SHA_A);
        assertEquals(Optional.of(new PieceLocator.Located(all, all.indexOf("pool/main/h/hello/hello_1_all.deb"))),
                PieceLocator.find(List.of(all), key));
    }

    @Test
    public void theSameContentUnderAnotherMirrorIsTheSamePiece() {
        FileKey key = new FileKey("mirror.example", "ftp/debian/pool/main/h/hello/hello_1_all.deb", 100, SHA_A);
        assertEquals(true, PieceLocator.find(List.of(all), key).isPresent());
    }

    @Test
    public void anotherSizeOrHashIsNotThePiece() {
        String path = "debian/pool/main/h/hello/hello_1_all.deb";
        assertEquals(Optional.empty(), PieceLocator.find(List.of(all), new FileKey("h", path, 101, SHA_A)));
        assertEquals(Optional.empty(), PieceLocator.find(List.of(all), new FileKey("h", path, 100, SHA_B)));
        assertEquals(Optional.empty(), PieceLocator.find(List.of(all),
                new FileKey("h", "debian/pool/main/x/x/x_1_all.deb", 100, SHA_A)));
    }

    private static PackagesTorrent torrent() {
        PackagesTorrentBuilder builder = new DefaultTorrentFactory(new DefaultControlParser())
                .packagesBuilder("deb.debian.org", "debian/dists/bookworm/main/binary-amd64/Packages.xz");
        builder.add("pool/main/h/hello/hello_1_all.deb", 100, SHA_A, true);
        builder.add("pool/main/o/other/other_1_all.deb", 200, SHA_B, true);
        PackagesTorrents torrents = builder.build();
        return torrents.all();
    }
}
