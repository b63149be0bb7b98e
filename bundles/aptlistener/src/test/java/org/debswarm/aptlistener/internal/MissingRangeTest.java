package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.BitSet;
import java.util.Optional;

import org.junit.Test;

public class MissingRangeTest {

    private static final int B = 16 * 1024;

    @Test
    public void spansFromTheFirstMissingBlockToTheEndOfTheLastMissingOne() {
        BitSet present = bits(0, 2);
        assertEquals(Optional.of(new MissingRange(B, 4L * B - 1)), MissingRange.of(present, 4, 4L * B));
    }

    @Test
    public void aShortLastBlockEndsAtTheFileSize() {
        assertEquals(Optional.of(new MissingRange(0, 2L * B + 99)), MissingRange.of(bits(), 3, 2L * B + 100));
        assertEquals(Optional.of(new MissingRange(2L * B, 2L * B + 99)), MissingRange.of(bits(0, 1), 3, 2L * B + 100));
    }

    @Test
    public void nothingIsMissingWhenEveryBlockIsPresent() {
        assertEquals(Optional.empty(), MissingRange.of(bits(0, 1, 2), 3, 3L * B));
    }

    @Test
    public void refusesAnInvertedRange() {
        assertThrows(IllegalArgumentException.class, () -> new MissingRange(10, 9));
        assertThrows(IllegalArgumentException.class, () -> new MissingRange(-1, 9));
    }

    private static BitSet bits(int... set) {
        BitSet bits = new BitSet();
        for (int i : set) {
            bits.set(i);
        }
        return bits;
    }
}
