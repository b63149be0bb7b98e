package org.debswarm.health.internal;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.LogService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warnings and errors that the framework and its services (Declarative Services above all: a component whose
 * activation threw, a reference that cannot be satisfied) write to the OSGi log service, copied to the node's
 * own log, so that they reach the console output and the journal instead of the log service's memory only.
 * Entries logged before this component started are copied once, oldest first, when it starts.
 */
@Component(immediate = true)
public final class FrameworkLog implements LogListener {

    private static final Logger LOG = LoggerFactory.getLogger("org.debswarm.framework");

    private final LogReaderService reader;

    @Activate
    @SuppressWarnings("unchecked")
    public FrameworkLog(@Reference LogReaderService reader) {
        this.reader = reader;
        List<LogEntry> earlier = Collections.list((Enumeration<LogEntry>) reader.getLog());
        Collections.reverse(earlier); // getLog() is newest first
        reader.addLogListener(this);
        earlier.forEach(this::logged);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void logged(LogEntry entry) {
        if (entry.getLevel() > LogService.LOG_WARNING) {
            return;
        }
        String message = source(entry.getBundle()) + ": " + entry.getMessage();
        if (entry.getLevel() == LogService.LOG_ERROR) {
            LOG.error(message, entry.getException());
        } else {
            LOG.warn(message, entry.getException());
        }
    }

    private static String source(Bundle bundle) {
        return bundle == null ? "framework" : bundle.getSymbolicName();
    }
}
