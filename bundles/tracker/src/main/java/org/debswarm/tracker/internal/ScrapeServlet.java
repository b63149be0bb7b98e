package org.debswarm.tracker.internal;

import java.io.IOException;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/** {@code GET /scrape} (<a href="https://www.bittorrent.org/beps/bep_0048.html">BEP 48</a>). */
@Component(service = Servlet.class, configurationPid = TrackerConfiguration.PID)
@HttpWhiteboardServletPattern("/scrape")
@HttpWhiteboardServletName("debswarm-tracker-scrape")
@HttpWhiteboardTarget(TrackerConfiguration.DEFAULT_TARGET)
public final class ScrapeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Tracker tracker;

    @Activate
    public ScrapeServlet(@Reference Tracker tracker) {
        this.tracker = tracker;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BencodedResponse.send(response, tracker.scrape(request.getQueryString()));
    }
}
