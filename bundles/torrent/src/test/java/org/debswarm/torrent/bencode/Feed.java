package org.debswarm.torrent.bencode;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;

/** Feeds test input to the decoder whole and byte by byte, and checks that both agree. */
final class Feed {

    private Feed() {
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Decodes whole and byte by byte; asserts both give the same value, which is returned. */
    static Object decode(String input, BencodeLimits limits) throws BencodeException {
        byte[] data = bytes(input);
        Object whole = Bencode.decode(data, limits);
        assertEquals("byte by byte", whole, byteByByte(data, new BencodeDecoder(limits)));
        return whole;
    }

    static Object decode(String input) throws BencodeException {
        return decode(input, BencodeLimits.DEFAULT);
    }

    /** Asserts that decoding fails, whole and byte by byte, with the same message; returns it. */
    static String failure(String input, BencodeLimits limits, boolean sortedKeys) {
        byte[] data = bytes(input);
        String whole = message(() -> {
            if (sortedKeys) {
                Bencode.decode(data, limits);
            } else {
                Bencode.decodeLenient(data, limits);
            }
        });
        String split = message(() -> byteByByte(data, new BencodeDecoder(limits, sortedKeys)));
        assertEquals("byte by byte", whole, split);
        return whole;
    }

    static String failure(String input, BencodeLimits limits) {
        return failure(input, limits, true);
    }

    static String failure(String input) {
        return failure(input, BencodeLimits.DEFAULT, true);
    }

    /** Presents 1, 2, ... n bytes as a cumulating reader would; same end-of-input rules as Bencode.decode. */
    static Object byteByByte(byte[] data, BencodeDecoder decoder) throws BencodeException {
        for (int available = 1; available <= data.length; available++) {
            int consumed = decoder.decode(data, 0, available);
            if (consumed > 0) {
                if (consumed < data.length) {
                    throw new BencodeException("trailing data", consumed, "end of input after the value");
                }
                return decoder.value();
            }
        }
        throw new BencodeException("input ends", data.length, decoder.expecting());
    }

    interface Action {
        void run() throws Exception;
    }

    static String message(Action action) {
        try {
            action.run();
        } catch (BencodeException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError("expected a BencodeException", e);
        }
        fail("expected a BencodeException");
        return null;
    }
}
