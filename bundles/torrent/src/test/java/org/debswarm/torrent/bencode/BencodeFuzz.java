package org.debswarm.torrent.bencode;

import java.util.Arrays;
import java.util.Objects;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): any bytes through the strict and the lenient decoder, whole and
 * fed in growing prefixes, with two properties checked besides "no exception but {@link BencodeException}":
 * a strictly decoded value encodes back to exactly the input (strict means canonical), and feeding in pieces
 * gives the same value as feeding whole.
 */
public final class BencodeFuzz {

    private BencodeFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        Object whole = strict(input);
        if (whole != null && !Arrays.equals(Bencode.encode(whole), input)) {
            throw new IllegalStateException("strictly decoded value does not encode back to its input");
        }
        try {
            Bencode.decodeLenient(input, BencodeLimits.DEFAULT);
        } catch (BencodeException expected) {
            // the documented refusal
        }
        if (input.length > 0) {
            Object pieces = inPieces(input, 1 + (input[0] & 0x0f));
            if (whole != null && !Objects.equals(pieces, whole)) {
                throw new IllegalStateException("fed in pieces: " + pieces + ", whole: " + whole);
            }
        }
    }

    private static Object strict(byte[] input) {
        try {
            return Bencode.decode(input);
        } catch (BencodeException expected) {
            return null;
        }
    }

    /** The first value of {@code input}, fed {@code step} more bytes at a time; null if refused or incomplete. */
    private static Object inPieces(byte[] input, int step) {
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.DEFAULT, true);
        try {
            for (int available = Math.min(step, input.length); ; available = Math.min(available + step,
                    input.length)) {
                int consumed = decoder.decode(input, 0, available);
                if (consumed > 0) {
                    return consumed == input.length ? decoder.value() : null;
                }
                if (available == input.length) {
                    return null;
                }
            }
        } catch (BencodeException expected) {
            return null;
        }
    }
}
