package org.debswarm.node.internal.tracker;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.debswarm.tracker.TrackerStats;
import org.debswarm.tracker.internal.AnnounceServlet;
import org.debswarm.tracker.internal.Tracker;
import org.debswarm.tracker.internal.TrackerComponent;
import org.debswarm.tracker.internal.TrackerConfiguration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.util.OsgiDataSourceFactory;
import org.osgi.framework.BundleContext;

/**
 * Debswarm's own tracker, the real component on a real H2 file, its real announce servlet on a real Jetty on
 * loopback, as in the tracker bundle's own tests. Each announce it served is also handed to the test, so that
 * tests wait for announces instead of sleeping.
 */
public final class RealTracker implements AutoCloseable {

    private final TrackerComponent tracker;
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final BlockingQueue<Query> announces = new LinkedBlockingQueue<>();

    public RealTracker(Path home) throws Exception {
        this(home, query -> { });
    }

    /** @param beforeAnswer runs on the servlet's thread before each announce is handed to the tracker */
    public RealTracker(Path home, java.util.function.Consumer<Query> beforeAnswer) throws Exception {
        Map<String, Object> config = Map.of("interval", 60, "minInterval", 30, "flushPeriod", 50,
                "jdbcUrl", "jdbc:h2:" + home.resolve("db/tracker").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        TrackerConfiguration configuration = (TrackerConfiguration) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TrackerConfiguration.class},
                (proxy, method, args) -> config.getOrDefault(method.getName(), method.getDefaultValue()));
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> null);
        tracker = new TrackerComponent(configuration, context, new OsgiDataSourceFactory(new org.h2.Driver()));
        tracker.whenReady().get(10, TimeUnit.SECONDS);
        Tracker recording = new Tracker() {
            @Override
            public byte[] announce(String rawQuery, String remoteAddr) {
                beforeAnswer.accept(new Query(rawQuery));
                byte[] answer = tracker.announce(rawQuery, remoteAddr);
                announces.add(new Query(rawQuery));
                return answer;
            }

            @Override
            public byte[] scrape(String rawQuery) {
                return tracker.scrape(rawQuery);
            }
        };
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler servlets = new ServletContextHandler();
        servlets.setContextPath("/");
        servlets.addServlet(new ServletHolder(new AnnounceServlet(recording)), "/announce");
        server.setHandler(servlets);
        server.start();
    }

    public URI announce() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/announce");
    }

    /** The same tracker on the IPv6 loopback too; its peers then come in {@code peers6}. */
    public URI announceIpv6() throws Exception {
        ServerConnector ipv6 = new ServerConnector(server);
        ipv6.setHost("::1");
        ipv6.setPort(0);
        server.addConnector(ipv6);
        ipv6.start();
        return URI.create("http://[::1]:" + ipv6.getLocalPort() + "/announce");
    }

    public TrackerStats stats() {
        return tracker;
    }

    /** The next announce the tracker answered, waiting at most {@code wait}; null if none came. */
    public Query nextAnnounce(Duration wait) throws InterruptedException {
        return announces.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next announce with {@code event} (others skipped), waiting at most {@code wait} in all. */
    public Query nextAnnounce(String event, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = end - System.nanoTime()) {
            Query q = announces.poll(left, TimeUnit.NANOSECONDS);
            if (q != null && event.equals(q.param("event") == null ? "" : q.param("event"))) {
                return q;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        Method deactivate = TrackerComponent.class.getDeclaredMethod("deactivate"); // package-private for SCR
        deactivate.setAccessible(true);
        deactivate.invoke(tracker);
    }
}
