package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.dict;
import static org.debswarm.tracker.internal.TestSupport.encode;
import static org.debswarm.tracker.internal.TestSupport.failure;
import static org.debswarm.tracker.internal.TestSupport.get;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.debswarm.tracker.internal.TestSupport.text;
import static org.junit.Assert.assertEquals;

import java.util.Map;

import org.debswarm.torrent.bencode.ByteString;
import org.junit.Test;

/** BEP 48 scrape, byte-exact. */
public class ScrapeTest {

    private static final byte[] HASH = "AAAAAAAAAAAAAAAAAAAA".getBytes();

    private final TrackerEngine engine = new TrackerEngine(TestSupport.settings(), new TestSupport.TestClock());

    @Test
    public void scrapeOfOneTorrentIsByteExact() {
        engine.announce(announce(HASH, 1, "10.0.0.1", 0) + "&event=completed&name=main", "x");
        engine.announce(announce(HASH, 2, "10.0.0.2", 9), "x");
        assertEquals("d5:filesd20:AAAAAAAAAAAAAAAAAAAAd8:completei1e10:downloadedi1e10:incompletei1e"
                + "4:name4:maineee", text(engine.scrape("info_hash=" + encode(HASH))));
    }

    @SuppressWarnings("unchecked")
    @Test
    public void unknownHashesAreLeftOutAndRepeatsCountOnce() throws Exception {
        engine.announce(announce(id20(5), 1, "10.0.0.1", 0), "x");
        String query = "info_hash=" + encode(id20(5)) + "&info_hash=" + encode(id20(6)) + "&info_hash="
                + encode(id20(5));
        Map<ByteString, Object> files = (Map<ByteString, Object>) get(dict(engine.scrape(query)), "files");
        assertEquals(1, files.size());
        Map<ByteString, Object> file = (Map<ByteString, Object>) files.get(ByteString.of(id20(5)));
        assertEquals(1L, get(file, "complete"));
        assertEquals("d5:filesdee", text(engine.scrape("info_hash=" + encode(id20(7)))));
    }

    @SuppressWarnings("unchecked")
    @Test
    public void fullScrapeListsEveryTorrentUnlessDisabled() throws Exception {
        engine.announce(announce(id20(5), 1, "10.0.0.1", 0), "x");
        engine.announce(announce(id20(6), 1, "10.0.0.1", 0), "x");
        assertEquals(2, ((Map<ByteString, Object>) get(dict(engine.scrape(null)), "files")).size());
        TrackerEngine closed = new TrackerEngine(new TrackerSettings(60, 30, 30, 50, 200, true, 10, 10, 60, false),
                new TestSupport.TestClock());
        assertEquals("full scrape disabled (expected: info_hash)", failure(closed.scrape("")));
    }

    @Test
    public void refusesMalformedScrapes() throws Exception {
        assertEquals("info_hash length 3 (expected: 20)", failure(engine.scrape("info_hash=abc")));
        String many = ("info_hash=" + encode(id20(1)) + "&").repeat(129);
        assertEquals("query length " + (many.length()) + " (expected: <= 8192)", failure(engine.scrape(many)));
        String manyShort = "info_hash=AAAAAAAAAAAAAAAAAAAA&".repeat(129);
        assertEquals("129 info_hash parameters (expected: <= 128)", failure(engine.scrape(manyShort)));
        assertEquals("bad percent-escape at offset 10 of the query (expected: %XX with two hexadecimal digits)",
                failure(engine.scrape("info_hash=%")));
    }
}
