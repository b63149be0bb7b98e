package org.debswarm.peerwire.internal.discovery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.debswarm.torrent.InfoHash;

/**
 * Reads BEP 14 announces. Like the peer wire's decoders it takes partial input and never blocks: it returns
 * the bytes of one announce up to and including the blank line that ends its headers, or 0 if that blank line
 * has not come yet, and refuses a wrong request line at its first wrong byte and an announce longer than
 * {@link #MAX_LENGTH} bytes as soon as it is. Header names are case-insensitive (libtorrent sends
 * {@code cookie} in lower case); unknown headers are ignored, as in HTTP.
 */
final class LsdCodec {

    /** Longest announce: BEP 14 keeps announces within 1400 bytes, so that they are never fragmented. */
    static final int MAX_LENGTH = 1400;
    static final String REQUEST_LINE = "BT-SEARCH * HTTP/1.1";
    private static final byte[] START = (REQUEST_LINE + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private LsdCodec() {
    }

    /**
     * Reads an announce at {@code in.position()} without moving it.
     *
     * @return the bytes of the announce, its headers in {@code out[0]}; 0 if more bytes are needed
     * @throws LsdException if the bytes are not an announce, or too long for one (read as ISO 8859-1, so that
     *                      the message names a non-ASCII byte by its value)
     */
    static int decode(ByteBuffer in, LsdAnnounce[] out) throws LsdException {
        int at = in.position();
        int available = Math.min(in.remaining(), START.length);
        for (int i = 0; i < available; i++) {
            if (in.get(at + i) != START[i]) {
                throw new LsdException("request line byte " + (in.get(at + i) & 0xff) + " at " + i
                        + " (expected: \"" + REQUEST_LINE + "\")");
            }
        }
        int end = endOfHeaders(in);
        if (end < 0) {
            if (in.remaining() > MAX_LENGTH) {
                throw new LsdException("announce without its end within " + MAX_LENGTH + " bytes (expected: <= "
                        + MAX_LENGTH + ")");
            }
            return 0;
        }
        byte[] bytes = new byte[end];
        in.duplicate().get(bytes);
        int headers = end - 4 - START.length;
        out[0] = parse(headers < 0 ? List.of() : List.of(new String(bytes, START.length, headers,
                StandardCharsets.ISO_8859_1).split("\r\n", -1)));
        return end;
    }

    // index just past the first "\r\n\r\n" within MAX_LENGTH bytes, or -1
    private static int endOfHeaders(ByteBuffer in) {
        int at = in.position();
        int limit = Math.min(in.remaining(), MAX_LENGTH);
        for (int i = START.length - 2; i + 4 <= limit; i++) {
            if (in.get(at + i) == '\r' && in.get(at + i + 1) == '\n' && in.get(at + i + 2) == '\r'
                    && in.get(at + i + 3) == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private static LsdAnnounce parse(List<String> lines) throws LsdException {
        String host = null;
        String port = null;
        String cookie = "";
        List<InfoHash> hashes = new ArrayList<>();
        for (String line : lines) {
            checkCharacters(line);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new LsdException("header line \"" + line + "\" (expected: Name: value)");
            }
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon).strip().toLowerCase(Locale.ROOT)) {
                case "host" -> host = once("Host", host, value);
                case "port" -> port = once("Port", port, value);
                case "infohash" -> hashes.add(infoHash(value, hashes.size()));
                case "cookie" -> cookie = value;
                default -> {
                    // other headers: ignored, as HTTP does
                }
            }
        }
        if (host == null || port == null || hashes.isEmpty()) {
            throw new LsdException("announce without " + (host == null ? "Host" : port == null ? "Port" : "Infohash")
                    + " (expected: Host, Port and at least one Infohash)");
        }
        return build(host, port(port), hashes, cookie);
    }

    private static void checkCharacters(String line) throws LsdException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c >= 0x7f) {
                throw new LsdException("byte " + (int) c + " in a header line (expected: printable ASCII)");
            }
        }
    }

    private static String once(String name, String previous, String value) throws LsdException {
        if (previous != null) {
            throw new LsdException("second " + name + " header (expected: one)");
        }
        return value;
    }

    private static InfoHash infoHash(String value, int before) throws LsdException {
        if (before >= LsdAnnounce.MAX_INFOHASHES) {
            throw new LsdException("more than " + before + " Infohash headers (expected: <= "
                    + LsdAnnounce.MAX_INFOHASHES + ")");
        }
        if (value.length() != 2 * InfoHash.LENGTH || !value.chars().allMatch(HexFormat::isHexDigit)) {
            throw new LsdException("Infohash \"" + value + "\" (expected: 40 hex digits)");
        }
        return InfoHash.fromHex(value.toLowerCase(Locale.ROOT));
    }

    private static int port(String value) throws LsdException {
        if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
            throw new LsdException("Port \"" + value + "\" (expected: 1 to 65535)");
        }
        return Integer.parseInt(value);
    }

    private static LsdAnnounce build(String host, int port, List<InfoHash> hashes, String cookie)
            throws LsdException {
        try {
            return new LsdAnnounce(host, port, hashes, cookie);
        } catch (IllegalArgumentException e) {
            throw new LsdException(e.getMessage());
        }
    }
}
