package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.internal.swarm.Swarm;
import org.debswarm.peerwire.internal.swarm.SwarmFactory;
import org.debswarm.torrent.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connection of the engine, incoming and outgoing, with the limits per torrent and in total, the rate
 * limits and the timers connections use. Confined to the I/O thread, except {@link #schedule}.
 */
final class Connections implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    private final EngineOptions options;
    private final IoLoop loop;
    private final ScheduledExecutorService timer;
    private final Map<InfoHash, Session> sessions;
    private final byte[] peerId;
    private final SwarmFactory swarms;
    private final TokenBucket up;
    private final TokenBucket down;
    private final Set<Connection> all = new HashSet<>();
    /** Incoming connections still waiting for their handshake, and how many by remote address. */
    private final Set<Connection> handshaking = new HashSet<>();
    private final Map<InetAddress, Integer> handshakingFrom = new HashMap<>();
    private int listenPort;

    Connections(EngineOptions options, IoLoop loop, ScheduledExecutorService timer, Map<InfoHash, Session> sessions,
            byte[] peerId, SwarmFactory swarms) {
        this.options = options;
        this.loop = loop;
        this.timer = timer;
        this.sessions = sessions;
        this.peerId = peerId;
        this.swarms = swarms;
        this.up = new TokenBucket(options.uploadRate(), System.nanoTime());
        this.down = new TokenBucket(options.downloadRate(), System.nanoTime());
    }

    void listening(int port) {
        this.listenPort = port;
    }

    /**
     * Connects to the peers not yet connected, banned or ourselves, within the limits, and remembers them to
     * connect again when a connection fails or closes ({@link #retry}).
     */
    void connect(Session session, List<InetSocketAddress> peers) {
        long now = nanoTime();
        peers.forEach(address -> session.known.given(address, now));
        dial(session, peers);
    }

    /** Connects again to the known peers whose retry is due. */
    void retry(Session session) {
        dial(session, session.known.due(nanoTime()));
    }

    private void dial(Session session, List<InetSocketAddress> peers) {
        for (InetSocketAddress address : peers) {
            if (all.size() >= options.maxConnections() || session.connections.size() >= options.swarm().maxPeers()) {
                return;
            }
            if (!swarms.banned(address) && !session.connectedTo(address) && !isSelf(address)
                    && options.fleet().admits(address.getAddress())) {
                try {
                    Connection c = Connection.connect(this, loop, session.swarm, address,
                            options.connectTimeout().toNanos());
                    all.add(c);
                    session.connections.add(c);
                } catch (IOException e) {
                    LOG.debug("Cannot connect to {}: {}", address, e.toString());
                    session.known.lost(address, nanoTime());
                }
            }
        }
    }

    private boolean isSelf(InetSocketAddress address) {
        return address.getPort() == listenPort && address.getAddress() != null
                && (address.getAddress().isLoopbackAddress()
                || address.getAddress().equals(options.listen().getAddress()));
    }

    /**
     * An incoming socket: closed at once beyond the connections in total, or when its address already has
     * {@link EngineOptions#maxPerAddress} connections waiting for their handshake (so that one address cannot
     * hold every slot with sockets that never handshake; handshaken peers behind one address, such as several
     * nodes on one machine, are limited per torrent instead), else it has the handshake deadline.
     */
    void accepted(SocketChannel channel) {
        try {
            if (channel.getRemoteAddress() instanceof InetSocketAddress remote
                    && !options.fleet().admits(remote.getAddress())) {
                LOG.debug("Refused {}: not in peerAllowlist", remote);
                channel.close();
                return;
            }
            InetAddress from = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
            int waiting = handshakingFrom.getOrDefault(from, 0);
            if (all.size() >= options.maxConnections() || waiting >= options.maxPerAddress()) {
                LOG.debug("Refused {}: {} connections, {} from there without a handshake (expected: < {}, < {})",
                        from, all.size(), waiting, options.maxConnections(), options.maxPerAddress());
                channel.close();
                return;
            }
            Connection c = Connection.accepted(this, loop, channel, options.connectTimeout().toNanos());
            all.add(c);
            handshaking.add(c);
            handshakingFrom.merge(from, 1, Integer::sum);
        } catch (IOException e) {
            LOG.debug("Cannot accept a connection: {}", e.toString());
        }
    }

    private void handshakeOver(Connection c) {
        if (handshaking.remove(c)) {
            handshakingFrom.computeIfPresent(c.address().getAddress(), (a, n) -> n > 1 ? n - 1 : null);
        }
    }

    /** The swarm named {@code wireHash} in handshakes: a fleet torrent's derived infohash, else its own. */
    @Override
    public Swarm swarm(InfoHash wireHash) {
        for (Session session : sessions.values()) {
            if (session.swarm.wireHash().equals(wireHash)) {
                return session.swarm;
            }
        }
        return null;
    }

    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    @Override
    public Optional<String> refusal(Connection connection, Swarm swarm, byte[] remotePeerId) {
        handshakeOver(connection);
        if (Arrays.equals(remotePeerId, peerId)) {
            return Optional.of("connected to ourselves");
        }
        Session session = sessions.get(swarm.infoHash());
        if (session == null) {
            return Optional.of("session stopped");
        }
        if (connection.incoming()) {
            session.connections.add(connection);
        }
        if (session.connections.size() > options.swarm().maxPeers() && swarm.evictIdlePeer()) {
            LOG.debug("Torrent {} full: an idle peer made room for {}", swarm.infoHash(), connection);
        }
        if (session.connections.size() > options.swarm().maxPeers()) {
            return Optional.of("torrent has " + session.connections.size() + " connections (expected: <= "
                    + options.swarm().maxPeers() + ")");
        }
        Optional<String> refusal = swarm.refusal(connection.address(), remotePeerId, connection.incoming());
        if (refusal.isEmpty() && !connection.incoming()) {
            session.known.connected(connection.address());
        }
        return refusal;
    }

    @Override
    public void closed(Connection connection, Swarm swarm) {
        all.remove(connection);
        handshakeOver(connection);
        Session session = swarm == null ? null : sessions.get(swarm.infoHash());
        if (session != null) {
            session.connections.remove(connection);
            if (!connection.incoming()) {
                session.known.lost(connection.address(), nanoTime());
            }
        }
    }

    @Override
    public TokenBucket uploadLimit() {
        return up;
    }

    @Override
    public TokenBucket downloadLimit() {
        return down;
    }

    @Override
    public Future<?> schedule(Runnable task, long delayNanos) {
        try {
            return timer.schedule(() -> {
                try {
                    loop.execute(task);
                } catch (RejectedExecutionException e) {
                    // the engine stopped meanwhile: nothing left to time out
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
