package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;

import java.util.Optional;

import org.debswarm.governor.ByteRange;
import org.junit.Test;

/** Range headers as apt sends them (bytes=N- to resume), and the ones to ignore or refuse. */
public class RangeRequestTest {

    @Test
    public void resumesFromAnOffset() throws Exception {
        RangeRequest r = RangeRequest.resolve("bytes=100-", 1000).orElseThrow();
        assertEquals(100, r.first());
        assertEquals(999, r.last());
        assertEquals(900, r.length());
        assertEquals("bytes 100-999/1000", r.contentRange(1000));
    }

    @Test
    public void closedAndSuffixRanges() throws Exception {
        assertEquals(new RangeRequest(0, 0), RangeRequest.resolve("bytes=0-0", 10).orElseThrow());
        assertEquals(new RangeRequest(2, 9), RangeRequest.resolve("bytes=2-50", 10).orElseThrow());
        assertEquals(new RangeRequest(7, 9), RangeRequest.resolve("bytes=-3", 10).orElseThrow());
        assertEquals(new RangeRequest(0, 9), RangeRequest.resolve("bytes=-30", 10).orElseThrow());
        assertEquals(new RangeRequest(5, 6), RangeRequest.resolve(" Bytes=5-6 ", 10).orElseThrow());
    }

    @Test
    public void ignoresWhatItCannotUse() throws Exception {
        for (String header : new String[] {null, "", "bytes", "bytes=", "bytes=-", "items=0-5", "bytes=0-1,4-5",
            "bytes=5-2", "bytes=a-", "bytes=1-b", "bytes=--1", "bytes=99999999999999999999-", "bytes=1 2-"}) {
            assertEquals(String.valueOf(header), Optional.empty(), RangeRequest.resolve(header, 10));
        }
    }

    @Test
    public void refusesARangeBeyondTheEndWith416() {
        for (String header : new String[] {"bytes=10-", "bytes=10-20", "bytes=-0"}) {
            try {
                RangeRequest.resolve(header, 10);
                fail(header);
            } catch (HttpRefusal e) {
                assertEquals(416, e.status());
            }
        }
    }

    @Test
    public void passesSimpleRangesOnToTheMirror() {
        assertEquals(Optional.of(ByteRange.from(100)), RangeRequest.forMirror("bytes=100-"));
        assertEquals(Optional.of(ByteRange.of(1, 5)), RangeRequest.forMirror("bytes=1-5"));
        assertFalse(RangeRequest.forMirror("bytes=-5").isPresent());
        assertFalse(RangeRequest.forMirror("bytes=5-1").isPresent());
        assertFalse(RangeRequest.forMirror(null).isPresent());
    }
}
