package org.debswarm.aptlistener.internal;

import java.util.ArrayList;
import java.util.List;

import org.debswarm.commons.Cidr;

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
        return Cidr.literal(remoteAddress).map(a -> ranges.stream().anyMatch(r -> r.contains(a))).orElse(false);
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
