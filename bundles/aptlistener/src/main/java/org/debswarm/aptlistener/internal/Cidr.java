package org.debswarm.aptlistener.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address range in CIDR notation ({@code 192.168.1.0/24}, {@code fd00::/8}, or a single address),
 * <a href="https://www.rfc-editor.org/rfc/rfc4632#section-3.1">RFC 4632 section 3.1</a>. An IPv4 range
 * also matches the IPv4-mapped IPv6 form of its addresses ({@code ::ffff:192.168.1.7}).
 */
final class Cidr {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * @param text an address literal with an optional {@code /prefix}; host names are refused
     * @throws IllegalArgumentException naming what is wrong
     */
    static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address, text);
        int max = bytes.length * 8;
        int prefix = slash < 0 ? max : prefix(trimmed.substring(slash + 1), max, text);
        return new Cidr(mask(bytes, prefix), prefix, trimmed);
    }

    /** @return whether {@code address} lies in this range */
    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && network.length == 4 && isIpv4Mapped(bytes)) {
            bytes = java.util.Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes.length == network.length && java.util.Arrays.equals(mask(bytes, prefixLength), network);
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] literal(String address, String text) {
        boolean looksLiteral = !address.isEmpty() && address.chars()
                .allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        if (!looksLiteral) {
            throw new IllegalArgumentException("address range '" + text
                    + "' (expected: an IPv4 or IPv6 address with an optional /prefix, such as 192.168.0.0/16)");
        }
        try {
            return InetAddress.getByName(address).getAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address range '" + text + "': " + e.getMessage(), e);
        }
    }

    private static int prefix(String digits, int max, String text) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)
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
