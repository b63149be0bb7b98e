package org.debswarm.aptlistener.internal;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.ResourceHttpContentFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A Debian mirror on a free loopback port: Jetty's resource handler over a folder (Last-Modified, ETag,
 * conditional and range requests), logging every request; chosen paths are held after their first bytes,
 * hang, fail with a status, or are cut off in the middle.
 */
final class MirrorServer implements AutoCloseable {

    private final Server server = new Server();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();
    private final Map<String, Long> cuts = new ConcurrentHashMap<>();
    private final Path root;
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

    MirrorServer(Path root) throws Exception {
        this.root = root;
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ResourceHandler files = new ResourceHandler() {
            @Override
            protected HttpContent.Factory newHttpContentFactory() {
                return new ResourceHttpContentFactory(getBaseResource(), getMimeTypes()); // no cache: tests change files
            }
        };
        files.setBaseResource(ResourceFactory.of(server).newResource(root));
        files.setDirAllowed(false);
        files.setEtags(true);
        server.setHandler(new Logging(files));
        server.start();
    }

    /** @return {@code 127.0.0.1:<port>} */
    String authority() {
        return "127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** @return every request so far, as {@code METHOD /path [If-Modified-Since]} */
    List<String> log() {
        return log;
    }

    long count(String path) {
        return log.stream().filter(l -> l.split(" ")[1].equals(path)).count();
    }

    /**
     * Answers the next request for {@code path} with its full {@code Content-Length} and its first 16 KiB, then
     * holds the rest until {@link #release}; later requests are served whole.
     *
     * @return completes once the first bytes are sent and the rest is held
     */
    CompletableFuture<Void> hold(String path) {
        Hold hold = new Hold(new CompletableFuture<>(), new CountDownLatch(1));
        holds.put(path, hold);
        return hold.reached();
    }

    /** Sends the rest of a held {@code path}. */
    void release(String path) {
        Hold hold = holds.get(path);
        if (hold != null) {
            hold.released().countDown();
        }
    }

    private record Hold(CompletableFuture<Void> reached, CountDownLatch released) {
    }

    /** Answers {@code path} only after 8 s, or never if the mirror is closed first. */
    void hang(String path) {
        hanging.add(path);
    }

    /** Answers {@code path} with {@code status} (and a short text body) until {@link #heal}. */
    void fail(String path, int status) {
        failing.put(path, status);
    }

    /** Serves {@code path} normally again after {@link #fail}. */
    void heal(String path) {
        failing.remove(path);
    }

    /**
     * Answers the next request for {@code path} with 200 and the file's full {@code Content-Length}, sends its
     * first {@code bytes} bytes and then drops the connection; later requests are served whole.
     */
    void cutOnce(String path, long bytes) {
        cuts.put(path, bytes);
    }

    @Override
    public void close() throws Exception {
        closing.countDown();
        server.stop();
    }

    private final class Logging extends Handler.Wrapper {
        Logging(Handler files) {
            super(files);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = request.getHttpURI().getPath();
            String conditional = request.getHeaders().get("If-Modified-Since");
            log.add(request.getMethod() + " " + path + (conditional == null ? "" : " IMS"));
            if (hanging.contains(path) && closing.await(8, java.util.concurrent.TimeUnit.SECONDS)) {
                return false; // closed while hanging: no answer at all
            }
            Integer status = failing.get(path);
            if (status != null) {
                response.setStatus(status);
                Content.Sink.write(response, true, "test mirror failing with " + status + "\n", callback);
                return true;
            }
            Long cut = cuts.remove(path);
            if (cut != null) {
                sendCut(root.resolve(path.substring(1)), cut, response, callback);
                return true;
            }
            Hold hold = holds.get(path);
            if (hold != null && !hold.reached().isDone()) {
                sendHeld(root.resolve(path.substring(1)), hold, response);
                callback.succeeded();
                return true;
            }
            return super.handle(request, response, callback);
        }

        /** The full length announced, {@code bytes} sent, then the connection aborted (a failed callback). */
        private void sendCut(Path file, long bytes, Response response, Callback callback) throws Exception {
            byte[] all = Files.readAllBytes(file);
            response.getHeaders().put("Content-Length", all.length);
            OutputStream out = Content.Sink.asOutputStream(response); // not closed: that would complete the response
            out.write(all, 0, (int) Math.min(bytes, all.length));
            out.flush();
            callback.failed(new java.io.IOException("test mirror cut " + file.getFileName() + " after " + bytes + " bytes"));
        }

        /** The first 16 KiB, then the rest once released (or after 60 s, so that a failed test ends). */
        private void sendHeld(Path file, Hold hold, Response response) throws Exception {
            byte[] bytes = Files.readAllBytes(file);
            int first = Math.min(16384, bytes.length);
            response.getHeaders().put("Content-Length", bytes.length);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(bytes, 0, first);
                out.flush();
                hold.reached().complete(null);
                hold.released().await(60, TimeUnit.SECONDS);
                out.write(bytes, first, bytes.length - first);
            }
        }
    }
}
