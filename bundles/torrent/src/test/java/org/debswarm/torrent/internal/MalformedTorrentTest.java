package org.debswarm.torrent.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.torrent.TorrentFactory;
import org.debswarm.torrent.TorrentFormatException;
import org.junit.Test;

/** .torrent files that are not valid BEP 3 metainfo: rejected, naming the field and the expectation. */
public class MalformedTorrentTest {

    private static final String PIECE = "6:pieces20:" + "p".repeat(20);

    private final TorrentFactory factory = new DefaultTorrentFactory(new DefaultControlParser());

    private String rejection(String torrent) {
        try {
            factory.readTorrentFile(torrent.getBytes(StandardCharsets.ISO_8859_1));
        } catch (TorrentFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + torrent);
    }

    private static String info(String entries) {
        return "d4:info" + entries + "e";
    }

    @Test
    public void notBencoded() {
        assertEquals("not a bencoded .torrent file: input ends at offset 7 (expected: a value for key \"info\")",
                rejection("d4:info"));
        assertEquals("not a bencoded .torrent file: unexpected '<' (0x3c) at offset 0 "
                + "(expected: a value: 'i', 'l', 'd' or a digit)", rejection("<html>"));
        assertTrue(rejection("d4:infodee" + "garbage").contains("trailing data at offset 10"));
    }

    @Test
    public void wrongShapes() {
        assertEquals("metainfo is a list (expected: a dictionary)", rejection("le"));
        assertEquals("info is missing (expected: a dictionary)", rejection("d8:announce1:xe"));
        assertEquals("info is a string (expected: a dictionary)", rejection("d4:info1:xe"));
    }

    @Test
    public void badName() {
        assertEquals("info.name is missing (expected: a string)",
                rejection(info("d6:lengthi1e12:piece lengthi16384e" + PIECE + "e")));
        assertEquals("info.name is \"..\" (expected: a file or folder name without slashes, not . or ..)",
                rejection(info("d6:lengthi1e4:name2:..12:piece lengthi16384e" + PIECE + "e")));
        assertEquals("info.name is \"a/b\" (expected: a file or folder name without slashes, not . or ..)",
                rejection(info("d6:lengthi1e4:name3:a/b12:piece lengthi16384e" + PIECE + "e")));
    }

    @Test
    public void badPieces() {
        assertEquals("info.piece length is 0 (expected: 1 to 1073741824)",
                rejection(info("d6:lengthi1e4:name1:a12:piece lengthi0e" + PIECE + "e")));
        assertEquals("info.pieces has 20 bytes for 16385 bytes in pieces of 16384 (expected: 40, 20 per piece)",
                rejection(info("d6:lengthi16385e4:name1:a12:piece lengthi16384e" + PIECE + "e")));
        assertEquals("info.pieces has 3 bytes for 1 bytes in pieces of 16384 (expected: 20, 20 per piece)",
                rejection(info("d6:lengthi1e4:name1:a12:piece lengthi16384e6:pieces3:abce")));
        assertEquals("info.pieces is missing: BitTorrent v2 torrents (BEP 52) are not supported "
                + "(expected: a v1 or hybrid torrent)",
                rejection(info("d6:lengthi1e12:meta versioni2e4:name1:a12:piece lengthi16384ee")));
    }

    @Test
    public void badLengths() {
        assertEquals("info.length is -1 (expected: 0 to 9223372036854775807)",
                rejection(info("d6:lengthi-1e4:name1:a12:piece lengthi16384e" + PIECE + "e")));
        assertEquals("info has both length and files (expected: one of them)",
                rejection(info("d5:filesld6:lengthi1e4:pathl1:aeee6:lengthi1e4:name1:a12:piece lengthi16384e"
                        + PIECE + "e")));
        assertEquals("info.length is missing (expected: an integer)",
                rejection(info("d4:name1:a12:piece lengthi16384e" + PIECE + "e")));
    }

    @Test
    public void badFiles() {
        String tail = "4:name1:d12:piece lengthi16384e" + PIECE + "e";
        assertEquals("info.files is empty (expected: at least one file)", rejection(info("d5:filesle" + tail)));
        assertEquals("info.files[0].path[1] is \"..\" (expected: a file or folder name without slashes, not . or ..)",
                rejection(info("d5:filesld6:lengthi1e4:pathl1:a2:..eee" + tail)));
        assertEquals("info.files[0].path is empty (expected: at least one name)",
                rejection(info("d5:filesld6:lengthi1e4:pathleee" + tail)));
        assertEquals("info.files[1].path [a] repeats an earlier file (expected: distinct paths)",
                rejection(info("d5:filesld6:lengthi1e4:pathl1:aeed6:lengthi0e4:pathl1:aeee" + tail)));
        assertEquals("info.files[0].length is a string (expected: an integer)",
                rejection(info("d5:filesld6:length1:14:pathl1:aeee" + tail)));
    }

    @Test
    public void badTrackers() {
        String good = "d6:lengthi1e4:name1:a12:piece lengthi16384e" + PIECE + "e";
        assertEquals("announce-list[0] is a string (expected: a list)",
                rejection("d13:announce-listl1:xe4:info" + good + "e"));
        assertEquals("announce is an integer (expected: a string)", rejection("d8:announcei1e4:info" + good + "e"));
    }

    @Test
    public void oversizedPieceListIsRefusedByTheLimits() {
        assertEquals("not a bencoded .torrent file: string length 100000000 at offset 34 (expected: <= 67108864)",
                rejection("d4:infod12:piece lengthi1e6:pieces100000000:"));
    }
}
