package org.debswarm.peerwire.internal.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

import org.debswarm.commons.Cidr;

/**
 * Which network interface Local Service Discovery uses: the one named by the {@code discoveryInterface}
 * setting (an interface name such as {@code eth0}, or one of its addresses), else the one holding the peer
 * wire's bind address. None when the peer wire listens on the wildcard address without a setting (announcing
 * out of an interface nobody chose is what we must not do), or when the interface cannot multicast
 * ({@code lo} on Linux has no MULTICAST flag): discovery is then off, and {@link #why} says why.
 */
record DiscoveryInterface(NetworkInterface nic, boolean ipv4, boolean ipv6) {

    static Optional<DiscoveryInterface> resolve(String setting, InetAddress bind) throws IOException {
        NetworkInterface nic = find(setting, bind);
        if (nic == null || !nic.isUp() || !nic.supportsMulticast()) {
            return Optional.empty();
        }
        boolean v4 = nic.inetAddresses().anyMatch(a -> a instanceof Inet4Address);
        boolean v6 = nic.inetAddresses().anyMatch(a -> a instanceof Inet6Address);
        return v4 || v6 ? Optional.of(new DiscoveryInterface(nic, v4, v6)) : Optional.empty();
    }

    /** Why {@link #resolve} found none, for the log. */
    static String why(String setting, InetAddress bind) throws IOException {
        NetworkInterface nic = find(setting, bind);
        if (nic == null) {
            return setting.isBlank() && bind.isAnyLocalAddress()
                    ? "the peer wire listens on " + bind.getHostAddress() + " and discoveryInterface is not set"
                    : "no network interface " + (setting.isBlank() ? "holds " + bind.getHostAddress() : "is " + setting);
        }
        return "interface " + nic.getName() + (nic.isUp() ? "" : " is down")
                + (nic.supportsMulticast() ? "" : " cannot multicast") + (nic.inetAddresses().findAny().isEmpty()
                ? " has no address" : "");
    }

    private static NetworkInterface find(String setting, InetAddress bind) throws SocketException {
        String s = setting == null ? "" : setting.strip();
        if (s.isEmpty()) {
            return bind.isAnyLocalAddress() ? null : NetworkInterface.getByInetAddress(bind);
        }
        NetworkInterface byName = NetworkInterface.getByName(s);
        if (byName != null) {
            return byName;
        }
        Optional<InetAddress> address = Cidr.literal(s);
        return address.isPresent() ? NetworkInterface.getByInetAddress(address.get()) : null;
    }
}
