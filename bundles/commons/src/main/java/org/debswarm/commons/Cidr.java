package org.debswarm.commons;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 192.168.1.0/24}, {@code fd00::/8}, or a single
 * address), <a href="https://www.rfc-editor.org/rfc/rfc4632#section-3.1">RFC 4632 section 3.1</a>. An IPv4
 * range also matches the IPv4-mapped IPv6 form of its addresses ({@code ::ffff:192.168.1.7}).
 *
 * <p>Only numeric addresses are read, here and in {@link #literal}: a host name would mean a DNS look-up while a
 * configuration is read or a request is served, so it is refused (or not judged) instead. Immutable.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Parses {@code address/prefix}; a bare address is a range of one. The address bits beyond the prefix are
     * ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}).
     *
     * @throws IllegalArgumentException for a host name, garbage or a prefix out of range, naming what is
     *             expected
     */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(address)
                .orElseThrow(() -> new IllegalArgumentException("address range '" + text
                        + "' (expected: an IPv4 or IPv6 address with an optional /prefix, such as 192.168.0.0/16)"))
                .getAddress();
        int max = bytes.length * 8;
        int prefix = slash < 0 ? max : prefix(s.substring(slash + 1), max, text);
        return new Cidr(mask(bytes, prefix), prefix);
    }

    /**
     * Whether {@code text} can only be a numeric IPv4 address (digits and dots) or IPv6 address (hex digits and
     * colons, an optional dotted IPv4 tail and numeric scope, such as {@code fe80::1%2}), so that resolving it
     * never asks DNS. It may still be malformed: {@link #literal} says.
     */
    public static boolean isAddressLiteral(String text) {
        if (text.indexOf(':') >= 0) {
            return text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%');
        }
        // IPv4: digits and dots only, and at least one dot: "cafe" or "1234" could be a host name
        return text.indexOf('.') >= 0 && text.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.');
    }

    /**
     * The address a numeric literal names, IPv6 also in brackets ({@code [::1]}, as in URIs and as servlet
     * containers give it); empty for a host name, garbage or a malformed literal. Never asks DNS.
     */
    public static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.length() > 1 && text.startsWith("[") && text.endsWith("]")
                ? text.substring(1, text.length() - 1) : text;
        if (!isAddressLiteral(s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s)); // a literal: parsed, no name look-up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code address} lies in this range; an address of the other family never does. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && network.length == 4 && isIpv4Mapped(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    /** The prefix length: 0 to 32 for IPv4, 0 to 128 for IPv6. */
    public int prefix() {
        return prefix;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    /** The canonical form, {@code 192.168.1.0/24}. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes by construction
        }
    }

    private static int prefix(String digits, int max, String text) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(digits) > max) {
            throw new IllegalArgumentException("prefix length '" + digits + "' in '" + text
                    + "' (expected: 0 to " + max + ")");
        }
        return Integer.parseInt(digits);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xff << (8 - bits));
        }
        return masked;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
