package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.util.List;

import org.debswarm.node.SeedImport;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.StoreEntry;
import org.debswarm.storage.StoreUsage;

/**
 * The store: seeding from files already on the machine, its use against its limits, then the stored files, least
 * recently served first (at most 500).
 */
final class StorePage {

    static final int MAX_ROWS = 500;

    private StorePage() {
    }

    static String render(PieceStore store) {
        return render(store, null, null, null, null);
    }

    /**
     * @param seeds   the node's seed import, or null when absent
     * @param root    the page's own address, where the import form posts
     * @param token   the plugin's form token
     * @param message what the last POST did, shown once (null: nothing)
     */
    static String render(PieceStore store, SeedImport seeds, String root, FormToken token, String message) {
        Html html = Page.start();
        if (message != null) {
            html.notice(message);
        }
        if (token != null) {
            SeedSection.render(html, seeds, root, token);
        }
        if (store == null) {
            html.notice("The store (bundle org.debswarm.storage) is not running. The page fills in as soon as it is back.");
            return Page.end(html);
        }
        try {
            usage(html, store.usage());
            files(html, store.entries());
        } catch (IOException e) {
            html.notice("The store could not be read: " + e.getMessage());
        }
        return Page.end(html);
    }

    private static void usage(Html html, StoreUsage u) {
        html.element("h2", "Use against the limits");
        if (u.maxStoreBytes() > 0) {
            Page.bar(html, (double) u.storedBytes() / u.maxStoreBytes());
        }
        html.raw("<table>")
                .row(true, "Stored", Format.bytes(u.storedBytes()))
                .row(true, "Largest store (maxStoreBytes)", u.maxStoreBytes() > 0 ? Format.bytes(u.maxStoreBytes()) : "no limit")
                .row(true, "Usable on the disk", Format.bytes(u.usableDiskBytes()))
                .row(true, "Least free disk space (minFreeDiskBytes)",
                        u.minFreeDiskBytes() > 0 ? Format.bytes(u.minFreeDiskBytes()) : "no limit")
                .row(true, "Evicted since start", Format.count(u.evictedFiles()) + " files, " + Format.bytes(u.evictedBytes()))
                .raw("</table>");
    }

    private static void files(Html html, List<StoreEntry> entries) {
        html.element("h2", "Stored files (" + entries.size() + ")");
        if (entries.isEmpty()) {
            html.notice("Nothing stored yet.");
            return;
        }
        html.raw("<table>").headings("Path", "Size", "Pinned", "Listed by an index", "Last served", "Stored");
        entries.stream().limit(MAX_ROWS).forEach(e -> html.row(false, e.key().host() + "/" + e.key().path(),
                Format.bytes(e.key().size()), e.pinned() ? "pinned" : "", e.listed() ? "listed" : "not listed",
                e.lastServed().map(Format::time).orElse("never"), Format.time(e.storedAt())));
        html.raw("</table>");
        if (entries.size() > MAX_ROWS) {
            html.notice((entries.size() - MAX_ROWS) + " more: GET /debswarm/api/cache lists them all.");
        }
    }
}
