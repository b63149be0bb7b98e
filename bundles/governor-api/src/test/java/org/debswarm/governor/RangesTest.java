package org.debswarm.governor;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.OptionalLong;

import org.junit.Test;

/** {@link ByteRange} (asked for) and {@link ContentRange} (answered), RFC 9110 section 14. */
public class RangesTest {

    @Test
    public void byteRangesWriteTheirHeader() {
        assertEquals("bytes=0-1023", ByteRange.of(0, 1023).toHeaderValue());
        assertEquals("bytes=500-", ByteRange.from(500).toHeaderValue());
        assertEquals("bytes=7-7", ByteRange.of(7, 7).toHeaderValue());
    }

    @Test
    public void byteRangesAreValidated() {
        assertMessage("range first position -1 (expected: >= 0)", () -> ByteRange.from(-1));
        assertMessage("range last position 4 (expected: >= first position 5)", () -> ByteRange.of(5, 4));
    }

    @Test
    public void contentRangesParseBothLengthForms() {
        assertEquals(new ContentRange(0, 499, OptionalLong.of(1234)), ContentRange.parse("bytes 0-499/1234"));
        assertEquals(new ContentRange(500, 999, OptionalLong.empty()), ContentRange.parse("bytes 500-999/*"));
        assertEquals(500, ContentRange.parse("bytes 500-999/*").length());
        assertEquals("bytes 0-499/1234", ContentRange.parse("bytes 0-499/1234").toHeaderValue());
    }

    @Test
    public void malformedContentRangesAreRefusedWithTheReason() {
        assertMessage("invalid Content-Range 'bytes */1234': expected: bytes first-last/length",
                () -> ContentRange.parse("bytes */1234"));
        assertMessage("invalid Content-Range 'items 0-1/2': expected: bytes first-last/length",
                () -> ContentRange.parse("items 0-1/2"));
        assertMessage("invalid Content-Range 'null': expected: bytes first-last/length", () -> ContentRange.parse(null));
        assertMessage("invalid Content-Range 'bytes 5-4/10': content range 5-4 (expected: 0 <= first <= last)",
                () -> ContentRange.parse("bytes 5-4/10"));
        assertMessage("invalid Content-Range 'bytes 0-10/10': content range last position 10 (expected: < complete length 10)",
                () -> ContentRange.parse("bytes 0-10/10"));
        assertMessage("invalid Content-Range 'bytes 0-1234567890123456789/*': position '1234567890123456789' "
                + "(expected: 1 to 18 decimal digits)", () -> ContentRange.parse("bytes 0-1234567890123456789/*"));
        assertMessage("invalid Content-Range 'bytes 0-+1/5': position '+1' (expected: 1 to 18 decimal digits)",
                () -> ContentRange.parse("bytes 0-+1/5"));
    }

    @Test
    public void compressionFollowsTheSuffixOnlyWhenAskedTo() {
        assertEquals(Compression.XZ, Compression.AUTO_BY_SUFFIX.resolve("/dists/bookworm/main/binary-amd64/Packages.xz"));
        assertEquals(Compression.GZ, Compression.AUTO_BY_SUFFIX.resolve("/Sources.GZ"));
        assertEquals(Compression.BZ2, Compression.AUTO_BY_SUFFIX.resolve("/Translation-en.bz2"));
        assertEquals(Compression.NONE, Compression.AUTO_BY_SUFFIX.resolve("/InRelease"));
        assertEquals(Compression.NONE, Compression.AUTO_BY_SUFFIX.resolve(null));
        assertEquals(Compression.GZ, Compression.GZ.resolve("/InRelease"));
    }

    private static void assertMessage(String message, org.junit.function.ThrowingRunnable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
