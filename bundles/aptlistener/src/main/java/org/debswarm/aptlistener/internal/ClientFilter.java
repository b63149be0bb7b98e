package org.debswarm.aptlistener.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The clients allowed to use the listener: a list of {@link Cidr} ranges (configuration {@code allowedClients}). */
final class ClientFilter {

    private final List<Cidr> ranges;

    private ClientFilter(List<Cidr> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * @param entries CIDR ranges; an entry may hold several separated by commas or spaces
     * @throws IllegalArgumentException for an entry that is not a range
     */
    static ClientFilter of(String... entries) {
        List<Cidr> ranges = new ArrayList<>();
        for (String entry : entries) {
            for (String part : entry.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    ranges.add(Cidr.parse(part));
                }
            }
        }
        return new ClientFilter(ranges);
    }

    /**
     * @param remoteAddress the client's address as the servlet container gives it (a literal)
     * @return whether a range contains it; false for anything that is not an address literal
     */
    boolean allows(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isEmpty()) {
            return false;
        }
        String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        if (!literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%')) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            return ranges.stream().anyMatch(r -> r.contains(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
