package org.debswarm.torrent.bencode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes and decodes whole bencoded values (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>).
 * A pure, stateless codec.
 *
 * <p>Decoded values are {@link Long} (integers), {@link ByteString} (strings), {@code List<Object>} (lists)
 * and {@code SortedMap<ByteString, Object>} (dictionaries). For values arriving in pieces, use
 * {@link BencodeDecoder}; to stream a large encoding, {@link BencodeWriter}.
 */
public final class Bencode {

    private Bencode() {
    }

    /**
     * The canonical encoding of {@code value}: {@link Long} or {@link Integer}; {@link ByteString},
     * {@code byte[]} or {@link String} (as UTF-8); {@link java.util.List}; {@link java.util.Map} with
     * {@code String}, {@code ByteString} or {@code byte[]} keys, written sorted by their raw bytes.
     *
     * @throws IllegalArgumentException for another type, a null, or two keys with the same bytes
     */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new BencodeWriter(out).value(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    /** Decodes exactly one value filling {@code data}, strictly, within {@link BencodeLimits#DEFAULT}. */
    public static Object decode(byte[] data) throws BencodeException {
        return decode(data, BencodeLimits.DEFAULT);
    }

    /**
     * Decodes exactly one value filling {@code data}: strict BEP 3 (canonical integers and lengths, dictionary
     * keys sorted and unique) and nothing after the value.
     */
    public static Object decode(byte[] data, BencodeLimits limits) throws BencodeException {
        return decode(data, new BencodeDecoder(limits, true));
    }

    /**
     * As {@link #decode(byte[], BencodeLimits)}, but dictionary keys may come in any order (they must still be
     * unique): for .torrent files written by clients that do not sort them.
     */
    public static Object decodeLenient(byte[] data, BencodeLimits limits) throws BencodeException {
        return decode(data, new BencodeDecoder(limits, false));
    }

    private static Object decode(byte[] data, BencodeDecoder decoder) throws BencodeException {
        int consumed = decoder.decode(data, 0, data.length);
        if (consumed == 0) {
            throw new BencodeException("input ends", data.length, decoder.expecting());
        }
        if (consumed < data.length) {
            throw new BencodeException("trailing data", consumed, "end of input after the value");
        }
        return decoder.value();
    }
}
