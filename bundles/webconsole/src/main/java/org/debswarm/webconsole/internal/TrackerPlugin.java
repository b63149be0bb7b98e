package org.debswarm.webconsole.internal;

import java.io.IOException;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.debswarm.tracker.TrackerStats;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Web Console page "Tracker", registered only while the tracker's {@link TrackerStats} service is there (a
 * static mandatory reference): a node without the built-in tracker shows no such page.
 */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + TrackerPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Tracker",
    ServletConstants.PLUGIN_CATEGORY + "=" + Page.CATEGORY})
public final class TrackerPlugin extends HttpServlet {

    static final String LABEL = "debswarm-tracker";
    private static final long serialVersionUID = 1L;

    private final transient TrackerStats tracker;

    @Activate
    public TrackerPlugin(@Reference TrackerStats tracker) {
        this.tracker = tracker;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page.write(response, TrackerPage.render(tracker));
    }
}
