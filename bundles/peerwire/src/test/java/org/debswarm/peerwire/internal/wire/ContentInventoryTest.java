package org.debswarm.peerwire.internal.wire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.debswarm.torrent.bencode.ByteString;
import org.junit.Test;

/** The {@code ds_content} inventory: written and read back, split to the message limit, bad payloads refused. */
public class ContentInventoryTest {

    private static ContentInventory.Added added(int index, long length) {
        byte[] sha = new byte[32];
        sha[0] = (byte) index;
        sha[31] = (byte) (index >> 8);
        return new ContentInventory.Added(index, ByteString.of(sha), length);
    }

    @Test
    public void writtenAndReadBack() throws Exception {
        ContentInventory sent = new ContentInventory(List.of(added(0, 1), added(7, 123_456_789_012L)), List.of(3, 9));
        Extended message = (Extended) sent.toMessage(5);
        assertEquals(5, message.extendedId());
        assertEquals(sent, ContentInventory.parse(message.payload()));
    }

    @Test
    public void mirrorFetchNoticesNameContentAndAreReadBack() throws Exception {
        ByteString sha = added(3, 1).sha256();
        ContentInventory fetching = ContentInventory.mirrorFetch(sha, true);
        assertEquals(List.of(sha), fetching.fetching());
        assertEquals(fetching, ContentInventory.parse(WireFeed.payload(fetching.toMessage(5))));
        ContentInventory abandoned = ContentInventory.mirrorFetch(sha, false);
        assertEquals(List.of(sha), abandoned.abandoned());
        assertEquals(abandoned, ContentInventory.parse(WireFeed.payload(abandoned.toMessage(5))));
        assertEquals("d8:fetching32:",
                new String(WireFeed.payload(fetching.toMessage(5)), 0, 14, StandardCharsets.ISO_8859_1));
        refused("d8:fetching31:0123456789012345678901234567890e".getBytes(StandardCharsets.ISO_8859_1));
        refused("d9:abandonedi3ee".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    public void aLargeInventoryIsSplitIntoMessagesThatFitTheLimit() throws Exception {
        List<ContentInventory.Added> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            all.add(added(i, 1000 + i));
        }
        List<ContentInventory> messages = ContentInventory.split(all, List.of(1, 2));
        assertEquals("5,000 files: " + ContentInventory.MAX_RECORDS + " a message, then the deletions",
                (5000 + ContentInventory.MAX_RECORDS - 1) / ContentInventory.MAX_RECORDS + 1, messages.size());
        List<ContentInventory.Added> read = new ArrayList<>();
        for (ContentInventory m : messages) {
            byte[] payload = WireFeed.payload(m.toMessage(3));
            assertTrue(payload.length + " bytes", payload.length <= WireLimits.DEFAULT_MAX_EXTENDED);
            read.addAll(ContentInventory.parse(payload).added());
        }
        assertEquals(all, read);
    }

    @Test
    public void badPayloadsAreRefusedWithAReason() {
        for (String bad : List.of("", "le", "i3e", "d3:add3:abce", "d3:deli4ee", "d3:del3:abce")) {
            refused(bad.getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] record = new byte[ContentInventory.RECORD];
        record[0] = (byte) 0x80; // a negative index
        refused(withAdd(record));
        byte[] zeroLength = new byte[ContentInventory.RECORD];
        refused(withAdd(zeroLength));
    }

    @Test
    public void unknownKeysAreIgnored() throws Exception {
        ContentInventory read = ContentInventory.parse("d4:more3:xyze".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(read.added().isEmpty() && read.deleted().isEmpty());
    }

    private static byte[] withAdd(byte[] records) {
        byte[] head = ("d3:add" + records.length + ":").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + records.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(records, 0, out, head.length, records.length);
        out[out.length - 1] = 'e';
        return out;
    }

    private static void refused(byte[] payload) {
        try {
            ContentInventory.parse(payload);
            fail("accepted " + new String(payload, StandardCharsets.ISO_8859_1));
        } catch (PeerWireException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith(ContentInventory.NAME));
        }
    }

    /** The worked example of docs/torrent-format.md, section 9: file 7 is "hello\n" (6 bytes), file 3 deleted. */
    @Test
    public void theWorkedExampleIsByteExact() throws Exception {
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest("hello\n".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        ContentInventory example = new ContentInventory(List.of(new ContentInventory.Added(7, ByteString.of(sha), 6)),
                List.of(3));
        assertEquals("6433 3a61 6464 3434 3a00 0000 0758 91b5 b522 d5df 086d 0ff0 b110 fbd9 d21b b4fc 7163 af34"
                + " d082 86a2 e846 f6be 0300 0000 0000 0000 0633 3a64 656c 343a 0000 0003 65",
                java.util.HexFormat.ofDelimiter("").formatHex(WireFeed.payload(example.toMessage(4)))
                        .replaceAll("(.{4})", "$1 ").trim());
        assertEquals(example, ContentInventory.parse(WireFeed.payload(example.toMessage(4))));
    }
}
