package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.dict;
import static org.debswarm.tracker.internal.TestSupport.get;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.debswarm.tracker.TorrentStats;
import org.h2.util.OsgiDataSourceFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.BundleContext;

/** The DS component's life cycle, constructed as SCR would, on a real H2 file under debswarm.home. */
public class TrackerComponentTest {

    @Rule
    public final TemporaryFolder home = new TemporaryFolder();

    private final Map<String, Object> config = new HashMap<>(Map.of("interval", 60, "minInterval", 30,
            "flushPeriod", 50));

    private TrackerComponent activate() throws Exception {
        return new TrackerComponent(configuration(), context(), new OsgiDataSourceFactory(new org.h2.Driver()));
    }

    private TrackerConfiguration configuration() {
        return (TrackerConfiguration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TrackerConfiguration.class},
                (proxy, method, args) -> config.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && "debswarm.home".equals(args[0])) {
                        return home.getRoot().getPath();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void countersSurviveDeactivateAndActivate() throws Exception {
        byte[] hash = id20(1);
        String hex = Bytes.copyOf(hash).hex();
        TrackerComponent first = activate();
        first.whenReady().get(10, TimeUnit.SECONDS);
        first.announce(announce(hash, id20(2), 6881, 0, 0, 10) + "&event=started&name=main", "127.0.0.1");
        byte[] response = first.announce(announce(hash, id20(2), 6881, 123, 456, 0) + "&event=completed",
                "127.0.0.1");
        assertEquals(60L, get(dict(response), "interval"));
        first.deactivate();
        assertTrue(Files.exists(home.getRoot().toPath().resolve("db/tracker.mv.db")));

        TrackerComponent second = activate();
        second.deactivate(); // the final tick restores the previous state if the first tick has not yet
        TorrentStats torrent = second.torrent(hex).orElseThrow();
        assertEquals(new TorrentStats(hex, "main", 1, 0, 1, 123, 456, torrent.lastAnnounce()), torrent);
        assertEquals(1, second.peers(hex).size());
        assertEquals(1, second.totals().torrents());
        assertEquals(1, second.torrents().size());
    }

    @Test
    public void refusesInconsistentConfiguration() {
        config.put("minInterval", 61);
        assertEquals("minInterval 61 (expected: 0..60)",
                assertThrows(IllegalArgumentException.class, this::activate).getMessage());
        config.put("minInterval", 30);
        config.put("flushPeriod", 0);
        assertEquals("flushPeriod 0 (expected: >= 10 ms)",
                assertThrows(IllegalArgumentException.class, this::activate).getMessage());
    }

    @Test
    public void writerAndExpiryThreadsStopOnDeactivate() throws Exception {
        TrackerComponent component = activate();
        component.deactivate();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("debswarm-tracker-")) {
                thread.join(5000); // the pool has terminated; the thread itself ends right after
                assertTrue(thread.getName(), !thread.isAlive());
            }
        }
    }
}
