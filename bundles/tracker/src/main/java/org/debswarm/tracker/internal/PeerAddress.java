package org.debswarm.tracker.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Where a peer listens: an IPv4 or IPv6 address and a port.
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) count as IPv4, so a dual-stack socket hands out
 * 6-byte compact entries for IPv4 clients as <a href="https://www.bittorrent.org/beps/bep_0023.html">BEP 23</a>
 * expects, and 18-byte {@code peers6} entries only for real IPv6 peers
 * (<a href="https://www.bittorrent.org/beps/bep_0007.html">BEP 7</a>).
 */
final class PeerAddress {

    private final byte[] ip;
    private final int port;

    private PeerAddress(byte[] ip, int port) {
        this.ip = ip;
        this.port = port;
    }

    /**
     * Parses an IP literal, never a host name: a name would need a DNS look-up on the request thread, and a
     * tracker must not resolve names that clients send.
     *
     * @param literal a dotted quad, or IPv6 text optionally in brackets (as some containers report it)
     */
    static PeerAddress parse(String literal, int port) throws TrackerRequestException {
        String text = literal.startsWith("[") && literal.endsWith("]")
                ? literal.substring(1, literal.length() - 1) : literal;
        byte[] ip = text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
        if (ip == null) {
            throw new TrackerRequestException("address " + TrackerRequestException.excerpt(literal.getBytes(
                    java.nio.charset.StandardCharsets.ISO_8859_1)) + " (expected: an IPv4 or IPv6 literal)");
        }
        return new PeerAddress(ip, port);
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] ip = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            ip[i] = (byte) value;
        }
        return ip;
    }

    private static byte[] parseIpv6(String text) {
        if (!looksLikeIpv6(text)) {
            return null;
        }
        try {
            // A string starting with a hex digit or ':' and holding a ':' is parsed as a literal, never resolved.
            InetAddress address = InetAddress.getByName(text);
            return address.getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static boolean looksLikeIpv6(String text) {
        int zone = text.indexOf('%');
        String address = zone < 0 ? text : text.substring(0, zone);
        String scope = zone < 0 ? "" : text.substring(zone + 1);
        return !address.isEmpty() && address.length() <= 45 && scope.length() <= 16
                && address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                && scope.chars().allMatch(c -> c < 0x80 && Character.isLetterOrDigit(c));
    }

    static PeerAddress of(byte[] ip, int port) {
        if (ip.length != 4 && ip.length != 16) {
            throw new IllegalArgumentException("ip length " + ip.length + " (expected: 4 or 16)");
        }
        return new PeerAddress(ip.clone(), port);
    }

    boolean ipv6() {
        return ip.length == 16;
    }

    int port() {
        return port;
    }

    /** The raw address, 4 or 16 bytes; a copy. */
    byte[] ip() {
        return ip.clone();
    }

    /**
     * Who the tracker's per-client limits count: the IPv4 address, or the /64 of an IPv6 address (one host
     * usually holds a whole /64, so counting single IPv6 addresses would hand a flooder 2^64 budgets).
     */
    Bytes client() {
        return Bytes.copyOf(ip.length == 16 ? Arrays.copyOf(ip, 8) : ip);
    }

    PeerAddress withPort(int newPort) {
        return newPort == port ? this : new PeerAddress(ip, newPort);
    }

    /** 127.0.0.0/8 or ::1: an address that names the announcing host itself. */
    boolean isLoopback() {
        if (ip.length == 4) {
            return ip[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[15] == 1;
    }

    boolean sameIp(PeerAddress other) {
        return Arrays.equals(ip, other.ip);
    }

    /** The compact form: the address in network order, then the port big-endian (BEP 23, BEP 7). */
    byte[] compact() {
        byte[] compact = Arrays.copyOf(ip, ip.length + 2);
        compact[ip.length] = (byte) (port >>> 8);
        compact[ip.length + 1] = (byte) port;
        return compact;
    }

    /** Text form of the address only, without port or brackets. */
    String ipText() {
        try {
            return InetAddress.getByAddress(ip).getHostAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerAddress other && port == other.port && Arrays.equals(ip, other.ip);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ip) + port;
    }

    @Override
    public String toString() {
        return (ipv6() ? "[" + ipText() + "]" : ipText()) + ":" + port;
    }
}
