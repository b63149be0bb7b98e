package org.debswarm.webconsole.internal;

import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.HostStats;
import org.debswarm.governor.HttpGovernor;

/** The connection governor: limits, then per mirror host its connections, queue, requests, bytes and failures. */
final class GovernorPage {

    private static final String[] COLUMNS = {"Host", "Active", "Queued", "Requests", "Bytes", "Errors", "Timeouts"};

    private GovernorPage() {
    }

    static String render(HttpGovernor governor) {
        Html html = Page.start();
        if (governor == null) {
            html.notice("The HTTP connection governor (bundle org.debswarm.governor) is not running: no mirror"
                    + " can be reached until it is back.");
            return Page.end(html);
        }
        GovernorStats stats = governor.snapshot();
        html.element("h2", "Limits").raw("<table>")
                .row(true, "Connections per host", Format.count(stats.maxConnectionsPerHost()))
                .row(true, "Connections in total", Format.count(stats.maxConnectionsTotal()))
                .row(true, "Queue capacity", Format.count(stats.queueCapacity()))
                .row(true, "Snapshot taken", Format.time(stats.takenAt()))
                .raw("</table>");
        html.element("h2", "Mirror hosts");
        if (stats.hosts().isEmpty()) {
            html.notice("No mirror has been contacted since the governor started.");
        }
        html.raw("<table>").headings(COLUMNS);
        for (HostStats host : stats.hosts()) {
            row(html, host, host.host());
        }
        row(html, stats.total(), "All hosts");
        html.raw("</table>");
        html.raw("<p>Counts run from the start of the governor; requests include retries and redirects,"
                + " bytes are as received on the wire.</p>");
        return Page.end(html);
    }

    private static void row(Html html, HostStats h, String name) {
        html.row(false, name, Format.count(h.active()), Format.count(h.queued()), Format.count(h.requests()),
                Format.bytes(h.bytes()), Format.count(h.errors()), Format.count(h.timeouts()));
    }
}
