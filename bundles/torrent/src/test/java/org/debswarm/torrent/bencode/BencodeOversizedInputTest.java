package org.debswarm.torrent.bencode;

import static org.debswarm.torrent.bencode.Feed.bytes;
import static org.debswarm.torrent.bencode.Feed.failure;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** Input over a limit: rejected with the limit stated, before the oversized part is buffered. */
public class BencodeOversizedInputTest {

    @Test
    public void stringLongerThanTheLimit() {
        assertEquals("string length 9000000 at offset 12 (expected: <= 1048576)", failure("d9:signature9000000:"));
    }

    @Test
    public void oversizedStringIsRejectedAtItsColonBeforeTheBodyArrives() throws BencodeException {
        byte[] data = bytes("9000000:");
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.DEFAULT);
        for (int available = 1; available < data.length; available++) {
            assertEquals(0, decoder.decode(data, 0, available));
        }
        assertEquals("string length 9000000 at offset 0 (expected: <= 1048576)",
                Feed.message(() -> decoder.decode(data, 0, data.length)));
    }

    @Test
    public void stringLengthWithTooManyDigits() {
        assertEquals("string length of more than 18 digits at offset 0 (expected: <= 1048576)",
                failure("1234567890123456789:"));
    }

    @Test
    public void stringPastTheTotalSize() {
        assertEquals("string of length 20 ending past the value size limit at offset 1 "
                + "(expected: value size <= 16 bytes)", failure("l20:", BencodeLimits.DEFAULT.withMaxTotalSize(16)));
    }

    @Test
    public void valueLongerThanTheTotalSize() {
        assertEquals("value longer than 10 bytes at offset 10 (expected: <= 10 bytes)",
                failure("li1ei2ei3ei4ee", BencodeLimits.DEFAULT.withMaxTotalSize(10)));
    }

    @Test
    public void nestedTooDeep() {
        assertEquals("nesting depth 3 at offset 2 (expected: <= 2)",
                failure("llleee", BencodeLimits.DEFAULT.withMaxDepth(2)));
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            deep.append('l');
        }
        assertEquals("nesting depth 33 at offset 32 (expected: <= 32)", failure(deep.toString()));
    }

    @Test
    public void integerWithTooManyDigits() {
        assertEquals("integer of more than 3 digits at offset 0 (expected: <= 3 digits)",
                failure("i1234e", BencodeLimits.DEFAULT.withMaxIntegerDigits(3)));
        assertEquals("integer of more than 19 digits at offset 0 (expected: <= 19 digits)",
                failure("i-12345678901234567890e"));
    }

    @Test
    public void tooManyElements() {
        BencodeLimits two = BencodeLimits.DEFAULT.withMaxElements(2);
        assertEquals("list with more than 2 elements at offset 7 (expected: <= 2 elements)",
                failure("li1ei2ei3ee", two));
        assertEquals("dictionary with more than 2 entries at offset 13 (expected: <= 2 entries)",
                failure("d1:ai1e1:bi1e1:ci1ee", two));
    }

    @Test
    public void limitsAreValidated() {
        assertEquals("maxIntegerDigits 20 (expected: 1 to 19)", illegal(() -> BencodeLimits.DEFAULT.withMaxIntegerDigits(20)));
        assertEquals("maxDepth 0 (expected: 1 to 2147483647)", illegal(() -> BencodeLimits.DEFAULT.withMaxDepth(0)));
    }

    private static String illegal(Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected IllegalArgumentException");
    }
}
