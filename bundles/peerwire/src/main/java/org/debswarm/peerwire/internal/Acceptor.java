package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listening socket: accepts connections on the I/O thread and hands them to the engine. */
final class Acceptor implements IoLoop.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);

    private final ServerSocketChannel server;
    private final Consumer<SocketChannel> accepted;

    private Acceptor(ServerSocketChannel server, Consumer<SocketChannel> accepted) {
        this.server = server;
        this.accepted = accepted;
    }

    /** Binds at once (so the caller learns of a port in use), then registers on the loop. */
    static Acceptor bind(IoLoop loop, InetSocketAddress address, Consumer<SocketChannel> accepted)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(address, 64);
            server.configureBlocking(false);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        Acceptor acceptor = new Acceptor(server, accepted);
        loop.execute(() -> {
            try {
                loop.register(server, SelectionKey.OP_ACCEPT, acceptor);
            } catch (IOException e) {
                LOG.warn("Cannot accept peer connections on {}", address, e);
            }
        });
        return acceptor;
    }

    int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            for (SocketChannel c = server.accept(); c != null; c = server.accept()) {
                accepted.accept(c);
            }
        } catch (IOException e) {
            LOG.warn("Accepting a peer connection failed: {}", e.toString());
        }
    }

    @Override
    public void shutdown() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the listening socket failed", e);
        }
    }
}
