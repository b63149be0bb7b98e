package org.debswarm.torrent.bencode;

import static org.junit.Assert.assertEquals;

import java.util.Random;
import org.junit.Test;

/**
 * Mutated and random input: the decoder either returns a value or throws a {@link BencodeException}, never
 * another exception or a hang, and whole and byte-by-byte feeding agree on the outcome.
 */
public class BencodeRandomInputTest {

    private static final byte[] SEED = Feed.bytes(
            "d8:announce17:http://t/announce4:infod6:lengthi16385e4:name5:a.iso12:piece lengthi16384e"
            + "6:pieces40:0123456789012345678901234567890123456789e5:nodesll3:abci-7eeee");

    private static final String MUTANTS = "ilde:-0123456789x\u0000";

    @Test
    public void mutationsOfAValidValue() {
        Random random = new Random(42);
        BencodeLimits limits = BencodeLimits.DEFAULT.withMaxDepth(8);
        for (int round = 0; round < 2_000; round++) {
            byte[] data = SEED.clone();
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                data[random.nextInt(data.length)] = (byte) MUTANTS.charAt(random.nextInt(MUTANTS.length()));
            }
            assertSameOutcome(data, limits);
        }
    }

    @Test
    public void randomBytes() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            byte[] data = new byte[random.nextInt(40)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) "ilde:-019a".charAt(random.nextInt(10));
            }
            assertSameOutcome(data, BencodeLimits.DEFAULT);
        }
    }

    private static void assertSameOutcome(byte[] data, BencodeLimits limits) {
        assertEquals(outcome(() -> Bencode.decode(data, limits)),
                outcome(() -> Feed.byteByByte(data, new BencodeDecoder(limits))));
    }

    interface Decode {
        Object run() throws BencodeException;
    }

    private static String outcome(Decode decode) {
        try {
            return "value " + decode.run();
        } catch (BencodeException e) {
            return "error " + e.getMessage();
        }
    }
}
