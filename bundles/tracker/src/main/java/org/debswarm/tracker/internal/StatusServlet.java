package org.debswarm.tracker.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.debswarm.tracker.TrackerStats;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * The tracker port's own pages: {@code /} (HTML) and {@code /stats.json}, each optionally narrowed to one
 * torrent and its peers with {@code ?info_hash=<40 hex digits>}. Every other path is 404.
 */
@Component(service = Servlet.class, configurationPid = TrackerConfiguration.PID)
@HttpWhiteboardServletPattern({"/", "/stats.json"})
@HttpWhiteboardServletName("debswarm-tracker-status")
@HttpWhiteboardTarget(TrackerConfiguration.DEFAULT_TARGET)
public final class StatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TrackerStats stats;
    private final transient Tracker tracker;

    @Activate
    public StatusServlet(@Reference TrackerStats stats, @Reference Tracker tracker) {
        this.stats = stats;
        this.tracker = tracker;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String infoHash = request.getParameter("info_hash");
        response.setHeader("Cache-Control", "no-store");
        if (!tracker.ready()) {
            response.setHeader("Retry-After", "1");
            send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "text/plain; charset=utf-8",
                    "The tracker is starting and restoring its state\n");
        } else if (path.equals("/stats.json")) {
            RenderedPage page = StatsJson.render(stats, infoHash);
            send(response, page.status(), "application/json", page.body());
        } else if (path.equals("/") || path.isEmpty()) {
            RenderedPage page = StatusPage.render(stats, infoHash);
            send(response, page.status(), "text/html; charset=utf-8", page.body());
        } else {
            send(response, HttpServletResponse.SC_NOT_FOUND, "text/plain; charset=utf-8", "Not found\n");
        }
    }

    private static void send(HttpServletResponse response, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
