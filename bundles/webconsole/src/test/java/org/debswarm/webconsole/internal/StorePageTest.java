package org.debswarm.webconsole.internal;

import static org.debswarm.webconsole.internal.PageAssertions.selfContainedAndEscaped;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.debswarm.storage.FileKey;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.StoreEntry;
import org.debswarm.storage.StoreUsage;
import org.junit.Test;

/** The Store page and the store's families in /metrics: use against the limits, the files, escaping. */
public class StorePageTest {

    private static final StoreUsage USAGE = new StoreUsage(3L << 30, 10L << 30, 50L << 30, 2L << 30, 7, 7000);

    private static PieceStore store(List<StoreEntry> entries) {
        return (PieceStore) Proxy.newProxyInstance(StorePageTest.class.getClassLoader(), new Class<?>[] {PieceStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "usage" -> USAGE;
                    case "entries" -> entries;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void showsUseAgainstTheLimitsAndTheFilesEscaped() {
        FileKey key = new FileKey("deb.debian.org", "debian/pool/main/<script>x.deb", 1024, "ab".repeat(32));
        String html = StorePage.render(store(List.of(new StoreEntry(key, Instant.parse("2026-12-01T10:00:00Z"),
                Optional.empty(), true, false))));
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("<th>Stored</th><td>3.0 GiB</td>"));
        assertTrue(html, html.contains("<th>Largest store (maxStoreBytes)</th><td>10.0 GiB</td>"));
        assertTrue(html, html.contains("7 files"));
        assertTrue(html, html.contains("&lt;script&gt;x.deb"));
        assertTrue(html, html.contains("<td>pinned</td>"));
        assertTrue(html, html.contains("<td>not listed</td><td>never</td>"));
    }

    @Test
    public void withoutTheStoreANotice() {
        String html = StorePage.render(null);
        selfContainedAndEscaped(html);
        assertTrue(html, html.contains("org.debswarm.storage"));
    }

    @Test
    public void metricsShowTheStoreAgainstItsLimits() {
        String text = MetricsText.render(null, null, null, Optional.of(Optional.of(USAGE)));
        List<String> families = MetricsTest.wellFormed(text);
        assertTrue(families.toString(), families.contains("debswarm_store_evicted_bytes_total"));
        assertTrue(text, text.contains("\ndebswarm_store_up 1\n"));
        assertTrue(text, text.contains("\ndebswarm_store_bytes 3221225472\n"));
        assertTrue(text, text.contains("\ndebswarm_store_max_bytes 10737418240\n"));
        assertTrue(text, text.contains("\ndebswarm_store_min_free_disk_bytes 2147483648\n"));
        assertTrue(text, text.contains("\ndebswarm_store_evicted_files_total 7\n"));
        String down = MetricsText.render(null, null, null, Optional.of(Optional.empty()));
        assertTrue(down, down.contains("\ndebswarm_store_up 0\n"));
        assertFalse(down, down.contains("debswarm_store_bytes"));
        assertEquals("left out entirely when not asked for", -1,
                MetricsText.render(null, null, null).indexOf("debswarm_store"));
    }
}
