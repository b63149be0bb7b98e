package org.debswarm.health.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.debswarm.health.Readiness;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ready when the apt listener's servlet is active on the apt port's Jetty instance, as that instance's
 * {@link HttpServiceRuntime} reports it. The whiteboard updates the runtime's {@code service.changecount} on
 * every change, which arrives here as {@link #updatedRuntime}: waiters wake on it instead of polling.
 */
@Component(configurationPid = HealthConfiguration.PID)
@Designate(ocd = HealthConfiguration.class)
public final class AptReadiness implements Readiness {

    private static final Logger LOG = LoggerFactory.getLogger(AptReadiness.class);

    private final String servletName;
    private final List<HttpServiceRuntime> runtimes = new CopyOnWriteArrayList<>();
    private final Object changed = new Object();
    private volatile boolean seenReady;

    @Activate
    public AptReadiness(HealthConfiguration config) {
        this.servletName = config.aptServletName();
    }

    @Reference(name = "aptRuntime", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = HealthConfiguration.APT_TARGET, updated = "updatedRuntime")
    void bindRuntime(HttpServiceRuntime runtime) {
        runtimes.add(runtime);
        signal();
    }

    void updatedRuntime(HttpServiceRuntime runtime) {
        signal();
    }

    void unbindRuntime(HttpServiceRuntime runtime) {
        runtimes.remove(runtime);
        signal();
    }

    @Override
    public boolean ready() {
        boolean ready = runtimes.stream().anyMatch(this::serves);
        if (ready != seenReady) {
            seenReady = ready;
            LOG.info(ready ? "ready: the apt listener serves" : "not ready: {}", waitingFor(ready));
        }
        return ready;
    }

    @Override
    public String waitingFor() {
        return waitingFor(ready());
    }

    private String waitingFor(boolean ready) {
        if (ready) {
            return "";
        }
        return runtimes.isEmpty() ? "the apt port's Jetty instance" : "the apt listener (servlet " + servletName + ")";
    }

    @Override
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (!ready()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
        ready(); // logs the transition
    }

    /** A runtime that went away while asked (its Jetty instance restarting) serves nothing. */
    private boolean serves(HttpServiceRuntime runtime) {
        ServletContextDTO[] contexts;
        try {
            contexts = runtime.getRuntimeDTO().servletContextDTOs;
        } catch (IllegalStateException unregistered) {
            return false;
        }
        if (contexts == null) {
            return false;
        }
        for (ServletContextDTO context : contexts) {
            for (ServletDTO servlet : context.servletDTOs == null ? new ServletDTO[0] : context.servletDTOs) {
                if (servletName.equals(servlet.name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
