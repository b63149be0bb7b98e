package org.debswarm.aptlistener.internal;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * conditional and range requests), logging every request; chosen paths are sent slowly, or hang.
 */
final class MirrorServer implements AutoCloseable {

    private final Server server = new Server();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Set<String> slow = ConcurrentHashMap.newKeySet();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final Path root;

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

    /** Sends {@code path} in 16 KiB steps with a pause after each. */
    void slow(String path) {
        slow.add(path);
    }

    /** Never answers {@code path}. */
    void hang(String path) {
        hanging.add(path);
    }

    @Override
    public void close() throws Exception {
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
            if (hanging.contains(path)) {
                Thread.sleep(8_000);
            }
            if (slow.contains(path)) {
                sendSlowly(root.resolve(path.substring(1)), response);
                callback.succeeded();
                return true;
            }
            return super.handle(request, response, callback);
        }

        private void sendSlowly(Path file, Response response) throws Exception {
            byte[] bytes = Files.readAllBytes(file);
            response.getHeaders().put("Content-Length", bytes.length);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                for (int at = 0; at < bytes.length; at += 16384) {
                    out.write(bytes, at, Math.min(16384, bytes.length - at));
                    out.flush();
                    Thread.sleep(20);
                }
            }
        }
    }
}
