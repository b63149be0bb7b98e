package org.debswarm.tracker.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One validated announce (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>), parsed from the
 * raw query bytes.
 *
 * <p>Required: {@code info_hash} and {@code peer_id} (20 bytes each), {@code port} (1..65535), {@code uploaded},
 * {@code downloaded} and {@code left} (0..2<sup>63</sup>-1). Optional: {@code event}, {@code numwant}
 * (0..{@value #NUMWANT_LIMIT}; capped later by configuration), {@code compact} and {@code no_peer_id}
 * ({@code 0}/{@code 1}), {@code ip} (used only when the tracker trusts it), and the Debswarm extension
 * {@code name} (the torrent's display name, UTF-8, at most {@value #NAME_LIMIT} bytes, no control characters).
 * Parameters the tracker does not know ({@code key}, {@code corrupt}, {@code supportcrypto}, ...) are ignored,
 * as clients send many; a known one given twice or with a malformed value is refused.
 *
 * @param numwant -1 when the client did not ask for a number
 * @param ip      the {@code ip} parameter as text, or null
 * @param name    the {@code name} parameter, or null
 */
record AnnounceRequest(Bytes infoHash, Bytes peerId, int port, long uploaded, long downloaded, long left,
        Event event, int numwant, boolean compact, boolean noPeerId, String ip, String name) {

    static final int MAX_QUERY_LENGTH = 4096;
    static final int MAX_PARAMS = 64;
    static final int NUMWANT_LIMIT = 10_000;
    static final int NAME_LIMIT = 256;

    static AnnounceRequest parse(String rawQuery) throws TrackerRequestException {
        QueryString q = QueryString.parse(rawQuery, MAX_QUERY_LENGTH, MAX_PARAMS);
        return new AnnounceRequest(
                id20(q, "info_hash"),
                id20(q, "peer_id"),
                (int) q.requiredNumber("port", 1, 65535),
                q.requiredNumber("uploaded", 0, Long.MAX_VALUE),
                q.requiredNumber("downloaded", 0, Long.MAX_VALUE),
                q.requiredNumber("left", 0, Long.MAX_VALUE),
                Event.parse(q.single("event")),
                (int) q.number("numwant", 0, NUMWANT_LIMIT, -1),
                q.number("compact", 0, 1, 1) == 1,
                q.number("no_peer_id", 0, 1, 0) == 1,
                ipParam(q.single("ip")),
                name(q.single("name")));
    }

    /** Whether the peer has the whole torrent. */
    boolean seeder() {
        return left == 0;
    }

    static Bytes id20(QueryString q, String name) throws TrackerRequestException {
        byte[] value = q.required(name);
        if (value.length != 20) {
            throw new TrackerRequestException(name + " length " + value.length + " (expected: 20)");
        }
        return Bytes.copyOf(value);
    }

    private static String ipParam(byte[] value) throws TrackerRequestException {
        if (value == null) {
            return null;
        }
        if (value.length == 0 || value.length > 64) {
            throw new TrackerRequestException("ip length " + value.length + " (expected: 1..64)");
        }
        return new String(value, StandardCharsets.ISO_8859_1);
    }

    private static String name(byte[] value) throws TrackerRequestException {
        if (value == null) {
            return null;
        }
        if (value.length > NAME_LIMIT) {
            throw new TrackerRequestException("name length " + value.length + " (expected: <= " + NAME_LIMIT + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new TrackerRequestException("name " + TrackerRequestException.excerpt(value)
                    + " (expected: UTF-8)");
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw new TrackerRequestException("name " + TrackerRequestException.excerpt(value)
                    + " (expected: no control characters)");
        }
        return text;
    }
}
