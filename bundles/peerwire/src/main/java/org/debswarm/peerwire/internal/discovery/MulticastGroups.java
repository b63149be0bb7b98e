package org.debswarm.peerwire.internal.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;

import org.debswarm.peerwire.internal.IoLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BEP 14 multicast groups on one interface, as non-blocking datagram channels served by the engine's I/O
 * loop (no thread of their own). Each channel joins its group on that interface only, sends out of it only
 * ({@code IP_MULTICAST_IF}) with a TTL of 1 (the LAN, not routed further), and hands every datagram it reads
 * to {@link LocalDiscovery#received}. To be opened and used on the I/O thread; the loop closes the channels
 * when it stops, and {@link #close} does before.
 */
final class MulticastGroups implements AutoCloseable {

    static final int PORT = 6771;
    static final String IPV4_GROUP = "239.192.152.143";
    static final String IPV6_GROUP = "ff15::efc0:988f";
    /** A datagram buffer larger than any announce, so that an oversized one is seen as such. */
    private static final int BUFFER = LsdCodec.MAX_LENGTH + 100;
    /** Datagrams read per readiness, so that a flood cannot hold the I/O thread. */
    private static final int READS_PER_ROUND = 64;

    private static final Logger LOG = LoggerFactory.getLogger(MulticastGroups.class);

    private final List<Channel> channels = new ArrayList<>();

    private MulticastGroups() {
    }

    /** Opens and joins the groups of the interface's address families; throws if none could be joined. */
    static MulticastGroups open(DiscoveryInterface nic, IoLoop loop, Receiver receiver) throws IOException {
        MulticastGroups groups = new MulticastGroups();
        List<String> failures = new ArrayList<>();
        if (nic.ipv4()) {
            groups.join(StandardProtocolFamily.INET, IPV4_GROUP, IPV4_GROUP + ":" + PORT, nic, loop, receiver, failures);
        }
        if (nic.ipv6()) {
            groups.join(StandardProtocolFamily.INET6, IPV6_GROUP, "[" + IPV6_GROUP + "]:" + PORT, nic, loop,
                    receiver, failures);
        }
        if (groups.channels.isEmpty()) {
            throw new IOException("cannot join a Local Service Discovery group on " + nic.nic().getName() + ": "
                    + failures);
        }
        failures.forEach(f -> LOG.info("Local Service Discovery on {}: {}", nic.nic().getName(), f));
        return groups;
    }

    /** Where datagrams go. */
    public interface Receiver {
        void received(ByteBuffer datagram, InetSocketAddress source);
    }

    private void join(ProtocolFamily family, String group, String host, DiscoveryInterface nic, IoLoop loop,
            Receiver receiver, List<String> failures) {
        DatagramChannel channel = null;
        try {
            InetAddress address = InetAddress.getByName(group);
            channel = DatagramChannel.open(family);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(PORT));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nic.nic());
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            channel.join(address, nic.nic());
            channel.configureBlocking(false);
            Channel c = new Channel(channel, host, new InetSocketAddress(address, PORT), receiver);
            loop.register(channel, SelectionKey.OP_READ, c);
            channels.add(c);
        } catch (IOException | RuntimeException e) {
            failures.add(host + ": " + e);
            closeQuietly(channel);
        }
    }

    /** The joined groups, to send announces to. */
    List<LocalDiscovery.Group> groups() {
        return List.copyOf(channels);
    }

    @Override
    public void close() {
        channels.forEach(c -> closeQuietly(c.channel));
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing a discovery channel failed", e);
            }
        }
    }

    private static final class Channel implements LocalDiscovery.Group, IoLoop.Handler {
        private final DatagramChannel channel;
        private final String host;
        private final InetSocketAddress target;
        private final Receiver receiver;
        private final ByteBuffer in = ByteBuffer.allocate(BUFFER);

        Channel(DatagramChannel channel, String host, InetSocketAddress target, Receiver receiver) {
            this.channel = channel;
            this.host = host;
            this.target = target;
            this.receiver = receiver;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public void send(ByteBuffer datagram) {
            try {
                if (channel.send(datagram, target) == 0) {
                    LOG.debug("Local Service Discovery announce to {} dropped: send buffer full", host);
                }
            } catch (IOException e) {
                LOG.debug("Local Service Discovery announce to {} failed: {}", host, e.toString());
            }
        }

        @Override
        public void ready(SelectionKey key) {
            try {
                for (int i = 0; i < READS_PER_ROUND; i++) {
                    in.clear();
                    InetSocketAddress source = (InetSocketAddress) channel.receive(in);
                    if (source == null) {
                        return;
                    }
                    try {
                        receiver.received(in.flip(), source);
                    } catch (RuntimeException e) {
                        // one datagram's failure must not end discovery (the loop would close this channel)
                        LOG.warn("Local Service Discovery datagram from {} failed", source, e);
                    }
                }
            } catch (IOException e) {
                LOG.debug("Local Service Discovery receive on {} failed: {}", host, e.toString());
            }
        }

        @Override
        public void shutdown() {
            closeQuietly(channel);
        }
    }
}
