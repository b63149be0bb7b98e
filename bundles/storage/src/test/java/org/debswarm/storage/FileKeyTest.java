package org.debswarm.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class FileKeyTest {

    private static final String SHA = "a".repeat(64);

    @Test
    public void acceptsArchivePathsAndNormalisesHostAndDigest() {
        FileKey key = new FileKey("Deb.Debian.ORG", "debian/pool/main/h/hello/hello_2.10-3+b1_amd64.deb", 53_000,
                "ABCDEF" + "0".repeat(58));
        assertEquals("deb.debian.org", key.host());
        assertEquals("debian/pool/main/h/hello/hello_2.10-3+b1_amd64.deb", key.path());
        assertEquals("abcdef" + "0".repeat(58), key.sha256());
        assertEquals("[::1]:9999", FileKey.checkHost("[::1]:9999"));
        assertEquals("debian/dists/bookworm/main/binary-all/Packages.xz",
                FileKey.checkPath("debian/dists/bookworm/main/binary-all/Packages.xz"));
    }

    @Test
    public void rejectsDotDotSegments() {
        assertRejected("path", "debian/../../etc/passwd", "segment \"..\" is not allowed");
        assertRejected("path", "..", "segment \"..\" is not allowed");
        assertRejected("path", "debian/./pool", "segment \".\" is not allowed");
    }

    @Test
    public void rejectsAbsoluteAndEmptySegments() {
        assertRejected("path", "/etc/passwd", "absolute paths are not allowed");
        assertRejected("path", "debian//pool", "empty segment");
        assertRejected("path", "debian/pool/", "empty segment");
        assertRejected("path", "", "length 0 (expected: 1 to 1024)");
    }

    @Test
    public void rejectsBackslashNulAndControlCharacters() {
        assertRejected("path", "debian\\..\\x", "character '\\' at 6 is not allowed");
        assertRejected("path", "debian/a\0b", "character U+0000 at 8 is not allowed");
        assertRejected("path", "debian/a\nb", "character U+000A at 8 is not allowed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileKey.checkPath("a\0b"));
        assertTrue("NUL is escaped in the message: " + e.getMessage(), e.getMessage().contains("\\u0000"));
    }

    @Test
    public void rejectsOverlongPathsAndSegments() {
        assertRejected("path", "a/".repeat(600) + "b", "length 1201 (expected: 1 to 1024)");
        assertRejected("path", "x".repeat(256), "segment length 256 (expected: <= 255)");
    }

    @Test
    public void rejectsHostsThatAreNotOneDirectoryName() {
        assertRejected("host", "..", "must not start with '.'");
        assertRejected("host", "evil/host", "character '/' at 4 is not allowed");
        assertRejected("host", "evil\\host", "character '\\' at 4 is not allowed");
        assertRejected("host", "a\0b", "character U+0000 at 1 is not allowed");
        assertRejected("host", "", "length 0 (expected: 1 to 255)");
    }

    @Test
    public void rejectsBadDigestsAndSizes() {
        assertThrows(IllegalArgumentException.class, () -> new FileKey("h", "p", 1, "abc"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FileKey("h", "p", 1, "g".repeat(64)));
        assertEquals("sha256 \"" + "g".repeat(64) + "\": character 'g' at 0 is not a hex digit", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FileKey("h", "p", -1, SHA));
        assertEquals("size -1 (expected: >= 0)", e.getMessage());
    }

    private static void assertRejected(String what, String value, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FileKey(what.equals("host") ? value : "h", what.equals("path") ? value : "p", 0, SHA));
        assertTrue(e.getMessage(), e.getMessage().startsWith(what + " \""));
        assertTrue(e.getMessage(), e.getMessage().contains(reason));
    }
}
