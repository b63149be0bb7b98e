package org.debswarm.node.internal.tracker;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.BencodeException;
import org.debswarm.torrent.bencode.BencodeLimits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * Decodes an announce response with the strict bencode codec, within limits: a dictionary with either
 * {@code failure reason} or {@code interval} and peers. Anything else is a {@link TrackerException}.
 */
final class AnnounceResponseParser {

    /** A longer interval is not a tracker in its right mind: the answer is refused. */
    private static final long MAX_INTERVAL_SECONDS = 7 * 24 * 3600L;

    private final BencodeLimits limits;

    /** @param maxBytes the largest response accepted, in bytes */
    AnnounceResponseParser(int maxBytes) {
        this.limits = BencodeLimits.DEFAULT.withMaxTotalSize(maxBytes).withMaxDepth(4)
                .withMaxStringLength(maxBytes).withMaxElements(20_000);
    }

    AnnounceResponse parse(byte[] body) throws TrackerException {
        Map<ByteString, Object> dict = dictionary(body);
        Optional<String> failure = text(dict, "failure reason");
        if (failure.isPresent()) {
            throw TrackerException.refused(failure.get());
        }
        long interval = integer(dict, "interval").orElseThrow(() -> garbage("no interval"));
        if (interval < 0 || interval > MAX_INTERVAL_SECONDS) {
            throw garbage("interval " + interval + " (expected: 0.." + MAX_INTERVAL_SECONDS + ")");
        }
        Optional<Duration> minInterval = integer(dict, "min interval")
                .filter(s -> s >= 0 && s <= MAX_INTERVAL_SECONDS).map(Duration::ofSeconds);
        List<InetSocketAddress> peers = new ArrayList<>(PeerLists.peers(dict.get(key("peers")), 4));
        peers.addAll(PeerLists.peers(dict.get(key("peers6")), 16));
        Optional<ByteString> trackerId = Optional.ofNullable(dict.get(key("tracker id")))
                .filter(ByteString.class::isInstance).map(ByteString.class::cast);
        return new AnnounceResponse(Duration.ofSeconds(interval), minInterval, peers,
                text(dict, "warning message"), integer(dict, "complete").orElse(-1L),
                integer(dict, "incomplete").orElse(-1L), trackerId);
    }

    @SuppressWarnings("unchecked")
    private Map<ByteString, Object> dictionary(byte[] body) throws TrackerException {
        Object value;
        try {
            value = Bencode.decode(body, limits);
        } catch (BencodeException e) {
            throw new TrackerException("malformed response: " + e.getMessage(), e);
        }
        if (!(value instanceof Map)) {
            throw garbage("response is not a dictionary");
        }
        return (Map<ByteString, Object>) value;
    }

    static ByteString key(String name) {
        return ByteString.utf8(name);
    }

    private static Optional<String> text(Map<ByteString, Object> dict, String name) throws TrackerException {
        Object value = dict.get(key(name));
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof ByteString)) {
            throw garbage(name + " is not a string");
        }
        return Optional.of(new String(((ByteString) value).toByteArray(), StandardCharsets.UTF_8));
    }

    private static Optional<Long> integer(Map<ByteString, Object> dict, String name) throws TrackerException {
        Object value = dict.get(key(name));
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Long)) {
            throw garbage(name + " is not an integer");
        }
        return Optional.of((Long) value);
    }

    static TrackerException garbage(String what) {
        return new TrackerException("malformed response: " + what);
    }
}
