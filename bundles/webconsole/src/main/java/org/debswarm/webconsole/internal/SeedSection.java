package org.debswarm.webconsole.internal;

import java.util.Optional;

import org.debswarm.node.SeedImport;
import org.debswarm.node.SeedImportReport;

/**
 * The Store page's seed import: a form that imports the package files of a folder of this machine (apt's
 * {@code /var/cache/apt/archives} by default), and the running or last import's figures.
 */
final class SeedSection {

    static final String DEFAULT_FOLDER = "/var/cache/apt/archives";

    private SeedSection() {
    }

    static void render(Html html, SeedImport seeds, String root, FormToken token) {
        html.element("h2", "Seed from files on this machine");
        if (seeds == null) {
            html.notice("The node's seed import (bundle org.debswarm.node) is not running.");
            return;
        }
        Optional<SeedImportReport> last = seeds.last();
        boolean running = last.isPresent() && last.get().state() == SeedImportReport.State.RUNNING;
        html.raw("<form method='post' action='").text(root).raw("'>")
                .raw("<input type='hidden' name='" + FormToken.PARAMETER + "' value='").text(token.value()).raw("'>")
                .raw("<input type='text' name='folder' size='60' value='")
                .text(last.map(SeedImportReport::folder).orElse(DEFAULT_FOLDER)).raw("'> ")
                .raw("<button type='submit' name='action' value='seed-import'").raw(running ? " disabled" : "")
                .raw(">import</button></form>");
        html.notice("Package files (.deb, .udeb) under the folder whose name and size a signed index of this node "
                + "lists are copied into the store, checked against the index's SHA-256, and offered to peers. "
                + "Others are left alone.");
        last.ifPresent(r -> report(html, r));
    }

    private static void report(Html html, SeedImportReport r) {
        html.raw("<table>")
                .row(true, "Folder", r.folder())
                .row(true, "State", r.state().name().toLowerCase() + (r.finishedAt().isPresent()
                        ? " at " + Format.time(r.finishedAt().get()) : " since " + Format.time(r.startedAt())))
                .row(true, "Package files looked at", Format.count(r.scanned()))
                .row(true, "Stored and offered", Format.count(r.imported()) + " (" + Format.bytes(r.importedBytes()) + ")")
                .row(true, "Held already", Format.count(r.held()))
                .row(true, "Listed by no index (left alone)", Format.count(r.unlisted()))
                .row(true, "Corrupt (not kept)", Format.count(r.corruptCount()))
                .row(true, "Errors", Format.count(r.errorCount()))
                .raw("</table>");
        r.corrupt().forEach(c -> html.notice("corrupt: " + c));
        r.errors().forEach(e -> html.notice("error: " + e));
    }
}
