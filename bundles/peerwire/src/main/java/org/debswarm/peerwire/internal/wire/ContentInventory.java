package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.BencodeException;
import org.debswarm.torrent.bencode.BencodeLimits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * Debswarm's BEP 10 extension {@value #NAME} of the content swarm (docs/design/content-swarm.md): what the sender
 * holds, named by content. The payload is a bencoded dictionary with {@code add}, a string of 44-byte records
 * {@code <index: 4><sha256: 32><length: 8>} (big-endian), and {@code del}, a string of 4-byte indexes; any may
 * be absent, other keys are ignored. An index is the sender's own number for the file, fixed for the life of the
 * connection, and is what its {@code request} and {@code piece} messages name. One message stays within the
 * extended-message limit ({@link WireLimits#DEFAULT_MAX_EXTENDED}): {@link #MAX_RECORDS} additions at most; a
 * larger inventory goes as several messages ({@link #split}).
 * <p>
 * Mirror-fetch notices ride the same message, as the torrents' {@code ds_mirror_fetch} does for a piece:
 * {@code fetching}, a string of 32-byte SHA-256s of files the sender is now fetching from a mirror, and
 * {@code abandoned}, those it gave up. A completed fetch needs no notice: its {@code add} says it. The sender has
 * no number yet for a file it is fetching, so these name the content itself. Nodes that predate them ignore the
 * keys.
 */
public record ContentInventory(List<Added> added, List<Integer> deleted, List<ByteString> fetching,
        List<ByteString> abandoned) {

    /** The extension's name in the {@code m} dictionary of the BEP 10 handshake. */
    public static final String NAME = "ds_content";
    /** The id this node receives the extension under. */
    public static final int LOCAL_ID = 4;
    /** Bytes of one {@code add} record. */
    public static final int RECORD = 4 + 32 + 8;
    /** Additions in one message: what fits the extended-message limit beside the dictionary's keys. */
    public static final int MAX_RECORDS = (WireLimits.DEFAULT_MAX_EXTENDED - 64) / RECORD;
    /** The largest file length accepted: 1 TiB. */
    public static final long MAX_LENGTH = 1L << 40;

    private static final String FETCHING = "fetching";
    private static final String ABANDONED = "abandoned";
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT.withMaxDepth(2)
            .withMaxStringLength(WireLimits.DEFAULT_MAX_EXTENDED).withMaxTotalSize(WireLimits.DEFAULT_MAX_EXTENDED)
            .withMaxElements(16);

    /** One file the sender holds: its number for it, its SHA-256 and its length. */
    public record Added(int index, ByteString sha256, long length) {
        public Added {
            if (index < 0) {
                throw new IllegalArgumentException("index " + index + " (expected: >= 0)");
            }
            checkSha256(sha256);
            if (length <= 0 || length > MAX_LENGTH) {
                throw new IllegalArgumentException("length " + length + " (expected: 1 to " + MAX_LENGTH + ")");
            }
        }
    }

    public ContentInventory {
        added = List.copyOf(added);
        deleted = List.copyOf(deleted);
        fetching = List.copyOf(fetching);
        abandoned = List.copyOf(abandoned);
        if (added.size() > MAX_RECORDS || deleted.size() > MAX_RECORDS || fetching.size() > MAX_RECORDS
                || abandoned.size() > MAX_RECORDS) {
            throw new IllegalArgumentException(added.size() + " additions, " + deleted.size() + " deletions, "
                    + fetching.size() + " fetching and " + abandoned.size() + " abandoned in one message (expected: at"
                    + " most " + MAX_RECORDS + " each; split the inventory)");
        }
        for (int index : deleted) {
            if (index < 0) {
                throw new IllegalArgumentException("deleted index " + index + " (expected: >= 0)");
            }
        }
        for (ByteString sha256 : fetching) {
            checkSha256(sha256);
        }
        for (ByteString sha256 : abandoned) {
            checkSha256(sha256);
        }
    }

    /** Additions and deletions alone. */
    public ContentInventory(List<Added> added, List<Integer> deleted) {
        this(added, deleted, List.of(), List.of());
    }

    /** A mirror-fetch notice alone: the sender is now fetching the file from a mirror, or gave that up. */
    public static ContentInventory mirrorFetch(ByteString sha256, boolean fetching) {
        return fetching ? new ContentInventory(List.of(), List.of(), List.of(sha256), List.of())
                : new ContentInventory(List.of(), List.of(), List.of(), List.of(sha256));
    }

    private static void checkSha256(ByteString sha256) {
        if (sha256.length() != 32) {
            throw new IllegalArgumentException("sha256 of " + sha256.length() + " bytes (expected: 32)");
        }
    }

    /** The inventory as messages that each fit the limit: the additions first, in order, then the deletions. */
    public static List<ContentInventory> split(List<Added> added, List<Integer> deleted) {
        List<ContentInventory> messages = new ArrayList<>();
        for (int from = 0; from < added.size(); from += MAX_RECORDS) {
            messages.add(new ContentInventory(added.subList(from, Math.min(added.size(), from + MAX_RECORDS)),
                    List.of()));
        }
        for (int from = 0; from < deleted.size(); from += MAX_RECORDS) {
            messages.add(new ContentInventory(List.of(),
                    deleted.subList(from, Math.min(deleted.size(), from + MAX_RECORDS))));
        }
        return messages;
    }

    /** The extended message to a peer that announced this extension under {@code peersId}. */
    public Message toMessage(int peersId) {
        ByteBuffer adds = ByteBuffer.allocate(added.size() * RECORD);
        for (Added a : added) {
            adds.putInt(a.index()).put(a.sha256().toByteArray()).putLong(a.length());
        }
        ByteBuffer dels = ByteBuffer.allocate(deleted.size() * 4);
        deleted.forEach(dels::putInt);
        Map<String, Object> dict = new TreeMap<>();
        if (!added.isEmpty()) {
            dict.put("add", adds.array());
        }
        if (!deleted.isEmpty()) {
            dict.put("del", dels.array());
        }
        if (!fetching.isEmpty()) {
            dict.put(FETCHING, concatenated(fetching));
        }
        if (!abandoned.isEmpty()) {
            dict.put(ABANDONED, concatenated(abandoned));
        }
        return new Extended(peersId, Bencode.encode(dict));
    }

    /**
     * Reads one inventory message.
     *
     * @throws PeerWireException if the payload is not a dictionary, a list is not whole records, an index is
     *                           negative or a length out of range
     */
    public static ContentInventory parse(byte[] payload) throws PeerWireException {
        Object value;
        try {
            value = Bencode.decodeLenient(payload, LIMITS);
        } catch (BencodeException e) {
            throw new PeerWireException(NAME + ": " + e.getMessage(), e);
        }
        if (!(value instanceof SortedMap<?, ?> dict)) {
            throw new PeerWireException(NAME + " payload is not a dictionary");
        }
        try {
            return new ContentInventory(additions(bytes(dict, "add", RECORD)), deletions(bytes(dict, "del", 4)),
                    hashes(bytes(dict, FETCHING, 32)), hashes(bytes(dict, ABANDONED, 32)));
        } catch (IllegalArgumentException e) {
            throw new PeerWireException(NAME + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer bytes(SortedMap<?, ?> dict, String key, int entry) throws PeerWireException {
        Object value = dict.get(ByteString.utf8(key));
        if (value == null) {
            return ByteBuffer.allocate(0);
        }
        if (!(value instanceof ByteString s) || s.length() % entry != 0) {
            throw new PeerWireException(NAME + " " + key + " is not a string of " + entry + "-byte records");
        }
        return ByteBuffer.wrap(s.toByteArray());
    }

    private static List<Added> additions(ByteBuffer in) {
        List<Added> added = new ArrayList<>(in.remaining() / RECORD);
        while (in.hasRemaining()) {
            int index = in.getInt();
            byte[] sha256 = new byte[32];
            in.get(sha256);
            added.add(new Added(index, ByteString.of(sha256), in.getLong()));
        }
        return added;
    }

    private static byte[] concatenated(List<ByteString> hashes) {
        ByteBuffer out = ByteBuffer.allocate(hashes.size() * 32);
        hashes.forEach(h -> out.put(h.toByteArray()));
        return out.array();
    }

    private static List<ByteString> hashes(ByteBuffer in) {
        List<ByteString> hashes = new ArrayList<>(in.remaining() / 32);
        while (in.hasRemaining()) {
            byte[] sha256 = new byte[32];
            in.get(sha256);
            hashes.add(ByteString.of(sha256));
        }
        return hashes;
    }

    private static List<Integer> deletions(ByteBuffer in) {
        List<Integer> deleted = new ArrayList<>(in.remaining() / 4);
        while (in.hasRemaining()) {
            deleted.add(in.getInt());
        }
        return deleted;
    }
}
