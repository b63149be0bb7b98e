package org.debswarm.node.internal.tracker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A tracker on a real Jetty on loopback whose answers the test scripts: each request takes the next
 * {@link Reply} (the last one repeats), and its query is recorded.
 */
public final class ScriptedTracker implements AutoCloseable {

    /** What to answer. */
    public record Reply(int status, byte[] body, boolean hangs, boolean chunked) {

        public static Reply ok(byte[] body) {
            return new Reply(200, body, false, false);
        }

        public static Reply status(int status) {
            return new Reply(status, new byte[0], false, false);
        }

        public static Reply hanging() {
            return new Reply(200, new byte[0], true, false);
        }

        /** {@code body} written in pieces without a Content-Length. */
        public static Reply chunked(byte[] body) {
            return new Reply(200, body, false, true);
        }
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<Query> queries = new LinkedBlockingQueue<>();
    private volatile Reply last = Reply.status(500);

    public ScriptedTracker() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                queries.add(new Query(request.getHttpURI().getQuery()));
                Reply reply = replies.poll();
                reply = reply == null ? last : (last = reply);
                answer(reply, response, callback);
                return true;
            }
        });
        server.start();
    }

    private static void answer(Reply reply, Response response, Callback callback) {
        if (reply.hangs()) {
            return; // never completes: the client's deadline must end it
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        if (!reply.chunked()) {
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            for (int at = 0; at < reply.body().length; at += 4096) {
                out.write(reply.body(), at, Math.min(4096, reply.body().length - at));
                out.flush();
            }
            callback.succeeded();
        } catch (IOException e) {
            callback.failed(e); // the client hung up, as it should on an oversized body
        }
    }

    public ScriptedTracker reply(Reply... next) {
        for (Reply r : next) {
            replies.add(r);
        }
        return this;
    }

    public URI announce() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/announce");
    }

    /** The next request's query, waiting at most {@code wait}; null if none came. */
    public Query nextQuery(Duration wait) throws InterruptedException {
        return queries.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
