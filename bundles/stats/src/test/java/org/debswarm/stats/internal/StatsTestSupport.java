package org.debswarm.stats.internal;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.util.OsgiDataSourceFactory;
import org.osgi.framework.BundleContext;

/** Builds the component as SCR would, on a real H2 file under a temporary debswarm.home. */
final class StatsTestSupport {

    final Map<String, Object> config = new HashMap<>(Map.of("flushPeriod", 60_000));
    final TestClock clock = new TestClock(Instant.parse("2026-11-25T12:00:00Z").toEpochMilli());
    private final Path home;

    StatsTestSupport(Path home) {
        this.home = home;
    }

    StatsComponent activate() throws Exception {
        return new StatsComponent(configuration(), context(), new OsgiDataSourceFactory(new org.h2.Driver()), clock);
    }

    Path home() {
        return home;
    }

    StatsConfiguration configuration() {
        return (StatsConfiguration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StatsConfiguration.class},
                (proxy, method, args) -> config.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && "debswarm.home".equals(args[0])) {
                        return home.toString();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** 40 hex digits made of one repeated digit pair, e.g. {@code id(1)} = "0101...". */
    static String id(int n) {
        return String.format("%02x", n).repeat(20);
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {

        private final AtomicLong millis;

        TestClock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        void advance(long byMillis) {
            millis.addAndGet(byMillis);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
