package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.debswarm.commons.Cidr;

/**
 * LAN mode: the one setting ({@code lan}, an interface name or a CIDR range) that puts the peer wire on a LAN.
 * It names the interface and the address the peer wire binds to and announces, and the interface Local Service
 * Discovery uses. An IPv4 address is preferred when the interface has both (trackers and BEP 14 announce it).
 *
 * @param nic     the LAN interface
 * @param address this host's address on it
 */
record LanMode(NetworkInterface nic, InetAddress address) {

    /**
     * Finds the interface and address: by name ({@code eth0}), or the interface holding an address in a range
     * ({@code 192.168.1.0/24}).
     *
     * @throws IOException saying what was looked for and which interfaces and addresses this host has
     */
    static LanMode resolve(String setting) throws IOException {
        String s = setting.strip();
        NetworkInterface byName = NetworkInterface.getByName(s);
        if (byName != null) {
            Optional<InetAddress> address = preferred(byName.getInterfaceAddresses());
            if (address.isEmpty()) {
                throw new IOException("lan=" + s + ": interface " + s + " has no address (this host: " + describeHost()
                        + ")");
            }
            return new LanMode(byName, address.get());
        }
        Cidr range;
        try {
            range = Cidr.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IOException("lan=" + s + ": neither an interface of this host nor a CIDR range (this host: "
                    + describeHost() + ")", e);
        }
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            Optional<InetAddress> inRange = nic.getInterfaceAddresses().stream().map(InterfaceAddress::getAddress)
                    .filter(range::contains).findFirst();
            if (inRange.isPresent() && nic.isUp()) {
                return new LanMode(nic, inRange.get());
            }
        }
        throw new IOException("lan=" + s + ": no interface of this host is up with an address in " + range
                + " (this host: " + describeHost() + ")");
    }

    private static Optional<InetAddress> preferred(List<InterfaceAddress> addresses) {
        return addresses.stream().map(InterfaceAddress::getAddress).filter(a -> !a.isLinkLocalAddress())
                .min(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
    }

    /** Every interface with its addresses, for messages: {@code eth0 192.168.1.5/24, lo 127.0.0.1/8}. */
    static String describeHost() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .map(nic -> nic.getName() + " " + nic.getInterfaceAddresses().stream()
                        .map(a -> a.getAddress().getHostAddress().replaceFirst("%.*", "") + "/" + a.getNetworkPrefixLength())
                        .collect(Collectors.joining(" ")))
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return nic.getName() + " " + address.getHostAddress();
    }
}
