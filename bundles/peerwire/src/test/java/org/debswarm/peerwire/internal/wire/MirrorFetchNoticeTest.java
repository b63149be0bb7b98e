package org.debswarm.peerwire.internal.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

/** Debswarm's ds_mirror_fetch payload: both notices, and every malformed payload refused with a reason. */
public class MirrorFetchNoticeTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String failure(String payload) {
        return assertThrows(PeerWireException.class, () -> MirrorFetchNotice.parse(ascii(payload), 10)).getMessage();
    }

    @Test
    public void bothNoticesRoundTrip() throws Exception {
        Extended fetching = (Extended) new MirrorFetchNotice(7, true).toMessage(3);
        assertEquals(3, fetching.extendedId());
        assertArrayEquals(ascii("d8:fetchingi7ee"), fetching.payload());
        assertEquals(new MirrorFetchNotice(7, true), MirrorFetchNotice.parse(fetching.payload(), 10));
        Extended abandoned = (Extended) new MirrorFetchNotice(0, false).toMessage(1);
        assertArrayEquals(ascii("d9:abandonedi0ee"), abandoned.payload());
        assertEquals(new MirrorFetchNotice(0, false), MirrorFetchNotice.parse(abandoned.payload(), 10));
    }

    @Test
    public void malformedPayloadsNameWhatIsWrong() {
        assertEquals("ds_mirror_fetch piece 10 (expected: an integer 0 to 9)", failure("d8:fetchingi10ee"));
        assertEquals("ds_mirror_fetch piece -1 (expected: an integer 0 to 9)", failure("d8:fetchingi-1ee"));
        assertEquals("ds_mirror_fetch piece \"something\" (expected: an integer 0 to 9)",
                failure("d8:fetching9:somethinge"));
        assertEquals("ds_mirror_fetch key done (expected: fetching or abandoned)", failure("d4:donei1ee"));
        assertEquals("ds_mirror_fetch payload a dictionary of 2 keys (expected: a dictionary of one key, fetching"
                + " or abandoned)", failure("d9:abandonedi1e8:fetchingi1ee"));
        assertEquals("ds_mirror_fetch payload a Long (expected: a dictionary of one key, fetching or abandoned)",
                failure("i1e"));
    }

    @Test
    public void truncatedAndOversizedPayloadsAreRefused() {
        for (String truncated : new String[] {"", "d", "d8:fetch", "d8:fetchingi7", "d8:fetchingi7e"}) {
            assertThrows(truncated, PeerWireException.class, () -> MirrorFetchNotice.parse(ascii(truncated), 10));
        }
        String big = "d8:fetchingi1e" + "x".repeat(100) + "e";
        assertThrows(PeerWireException.class, () -> MirrorFetchNotice.parse(ascii(big), 10));
    }
}
