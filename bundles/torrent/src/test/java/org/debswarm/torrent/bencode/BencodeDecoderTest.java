package org.debswarm.torrent.bencode;

import static org.debswarm.torrent.bencode.Feed.bytes;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** The incremental contract: consumed counts, values one after another, bytes after a value left alone. */
public class BencodeDecoderTest {

    private static final String STREAM = "i1e4:spamd3:cowl3:mooee" + "le";

    @Test
    public void valuesOneAfterAnotherInOneBuffer() throws BencodeException {
        byte[] data = bytes(STREAM);
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.DEFAULT);
        assertEquals(3, decoder.decode(data, 0, data.length));
        assertEquals(1L, decoder.value());
        assertEquals(6, decoder.decode(data, 3, data.length - 3));
        assertEquals(ByteString.utf8("spam"), decoder.value());
        assertEquals(14, decoder.decode(data, 9, data.length - 9));
        assertEquals(2, decoder.decode(data, 23, 2));
        assertEquals(List.of(), decoder.value());
    }

    @Test
    public void cumulatingReaderWithRandomChunks() throws BencodeException {
        byte[] data = bytes(STREAM);
        for (long seed = 0; seed < 50; seed++) {
            assertEquals(List.of(1L, ByteString.utf8("spam"),
                    java.util.Map.of(ByteString.utf8("cow"), List.of(ByteString.utf8("moo"))), List.of()),
                    readAll(data, new Random(seed)));
        }
    }

    /** What a socket reader does: append what arrives, decode from the first unconsumed byte. */
    private static List<Object> readAll(byte[] data, Random random) throws BencodeException {
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.DEFAULT);
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        List<Object> values = new ArrayList<>();
        int read = 0;
        while (read < data.length) {
            int chunk = Math.min(data.length - read, 1 + random.nextInt(5));
            pending.write(data, read, chunk);
            read += chunk;
            byte[] buffer = pending.toByteArray();
            int start = 0;
            int consumed;
            while ((consumed = decoder.decode(buffer, start, buffer.length - start)) > 0) {
                values.add(decoder.value());
                start += consumed;
            }
            pending.reset();
            pending.write(buffer, start, buffer.length - start);
        }
        assertEquals(0, pending.size());
        return values;
    }

    @Test
    public void bytesAfterTheValueAreNotConsumed() throws BencodeException {
        // BEP 9: a metadata piece follows its dictionary in the same message
        byte[] data = bytes("d8:msg_typei1e5:piecei0ee\u0001\u0002\u0003");
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.DEFAULT);
        assertEquals(data.length - 3, decoder.decode(data, 0, data.length));
    }

    @Test
    public void valueIsNullUntilComplete() throws BencodeException {
        byte[] data = bytes("4:spam");
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.DEFAULT);
        assertEquals(0, decoder.decode(data, 0, 3));
        assertNull(decoder.value());
        assertEquals(3, decoder.scanned());
    }

    @Test
    public void fewerBytesThanAlreadyScannedIsAMisuse() throws BencodeException {
        byte[] data = bytes("4:spam");
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.DEFAULT);
        decoder.decode(data, 0, 4);
        try {
            decoder.decode(data, 0, 2);
            fail();
        } catch (IllegalStateException expected) {
            assertEquals("2 bytes given but 4 were already scanned "
                    + "(expected: the unconsumed bytes again, and more)", expected.getMessage());
        }
    }

    @Test
    public void resetAfterAnErrorStartsAfresh() throws BencodeException {
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.DEFAULT);
        byte[] bad = bytes("li01e");
        assertEquals("leading zero in integer at offset 2 (expected: no leading zeros)",
                Feed.message(() -> decoder.decode(bad, 0, bad.length)));
        decoder.reset();
        byte[] good = bytes("i7e");
        assertEquals(3, decoder.decode(good, 0, good.length));
        assertEquals(7L, decoder.value());
    }

    @Test
    public void offsetInTheBufferIsHonoured() throws BencodeException {
        byte[] data = bytes("xxxi12eyy");
        BencodeDecoder decoder = new BencodeDecoder(BencodeLimits.DEFAULT);
        assertEquals(4, decoder.decode(data, 3, 6));
        assertEquals(12L, decoder.value());
    }

    @Test
    public void largeStringFedByteByByteIsCopiedOnce() throws BencodeException {
        byte[] body = new byte[100_000];
        new Random(1).nextBytes(body);
        byte[] data = Bencode.encode(body);
        assertEquals(ByteString.of(body), Feed.byteByByte(data, new BencodeDecoder(BencodeLimits.DEFAULT)));
    }
}
