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

/**
 * {@code GET /announce} (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>). Hands the undecoded
 * query to the tracker: {@code getParameter} would decode the raw info hash as UTF-8 and corrupt it.
 */
@Component(service = Servlet.class, configurationPid = TrackerConfiguration.PID)
@HttpWhiteboardServletPattern("/announce")
@HttpWhiteboardServletName("debswarm-tracker-announce")
@HttpWhiteboardTarget(TrackerConfiguration.DEFAULT_TARGET)
public final class AnnounceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Tracker tracker;

    @Activate
    public AnnounceServlet(@Reference Tracker tracker) {
        this.tracker = tracker;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BencodedResponse.send(response, tracker.announce(request.getQueryString(), request.getRemoteAddr()));
    }
}
