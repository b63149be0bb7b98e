package org.debswarm.governor.internal;

import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real Jetty server on a free loopback port, playing a mirror. It counts, as the mirror sees
 * them, requests in its handler and open connections, now and at most.
 */
final class TestMirror implements AutoCloseable {

    final AtomicInteger activeRequests = new AtomicInteger();
    final AtomicInteger maxActiveRequests = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger openConnections = new AtomicInteger();
    final AtomicInteger maxOpenConnections = new AtomicInteger();
    /** For handlers that act later (trickle, delayed answers); stopped with the mirror. */
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-mirror-timer");
        t.setDaemon(true);
        return t;
    });

    private final Server server;
    private final ServerConnector connector;

    private TestMirror(Function<TestMirror, Handler> handlers) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("test-mirror");
        server = new Server(pool);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(5_000);
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                maxOpenConnections.accumulateAndGet(openConnections.incrementAndGet(), Math::max);
            }

            @Override
            public void onClosed(Connection connection) {
                openConnections.decrementAndGet();
            }
        });
        server.addConnector(connector);
        server.setHandler(new Counting(handlers.apply(this)));
        server.start();
    }

    /** @param handler what the mirror answers */
    static TestMirror start(Handler handler) throws Exception {
        return new TestMirror(mirror -> handler);
    }

    /** @param handlers makes what the mirror answers, given the mirror (for its {@link #timer}) */
    static TestMirror start(Function<TestMirror, Handler> handlers) throws Exception {
        return new TestMirror(handlers);
    }

    /** @return the mirror's host as the governor names it, {@code 127.0.0.1:port} */
    String host() {
        return "127.0.0.1:" + connector.getLocalPort();
    }

    URI uri(String path) {
        return URI.create("http://" + host() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        timer.shutdownNow();
    }

    /**
     * Counts a request from its entry until just before the handler completes it: the client
     * cannot have seen the end of the response earlier, so the count never overstates.
     */
    private final class Counting extends Handler.Wrapper {
        Counting(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            requests.incrementAndGet();
            maxActiveRequests.accumulateAndGet(activeRequests.incrementAndGet(), Math::max);
            Callback counted = new Callback() {
                @Override
                public void succeeded() {
                    activeRequests.decrementAndGet();
                    callback.succeeded();
                }

                @Override
                public void failed(Throwable failure) {
                    activeRequests.decrementAndGet();
                    callback.failed(failure);
                }

                @Override
                public InvocationType getInvocationType() {
                    return callback.getInvocationType();
                }
            };
            if (!super.handle(request, response, counted)) {
                Response.writeError(request, response, counted, 404);
            }
            return true;
        }
    }
}
