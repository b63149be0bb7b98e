package org.debswarm.health.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RequestInfoDTO;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;

public class AptReadinessTest {

    @Test
    public void notReadyWithoutTheAptInstance() {
        AptReadiness readiness = new AptReadiness(config());
        assertFalse(readiness.ready());
        assertEquals("the apt port's Jetty instance", readiness.waitingFor());
    }

    @Test
    public void notReadyWhileOnlyTheGateServes() {
        AptReadiness readiness = new AptReadiness(config());
        readiness.bindRuntime(new FakeRuntime("debswarm-apt-gate"));
        assertFalse(readiness.ready());
        assertEquals("the apt listener (servlet debswarm-aptlistener)", readiness.waitingFor());
    }

    @Test
    public void readyWhenTheAptListenerServesAndNotAfterItLeaves() {
        AptReadiness readiness = new AptReadiness(config());
        FakeRuntime runtime = new FakeRuntime("debswarm-apt-gate");
        readiness.bindRuntime(runtime);
        runtime.servlets = new String[] {"debswarm-aptlistener"};
        readiness.updatedRuntime(runtime);
        assertTrue(readiness.ready());
        assertEquals("", readiness.waitingFor());
        readiness.unbindRuntime(runtime);
        assertFalse(readiness.ready());
    }

    @Test
    public void aWaiterWakesOnTheWhiteboardsChange() throws Exception {
        AptReadiness readiness = new AptReadiness(config());
        FakeRuntime runtime = new FakeRuntime("debswarm-apt-gate");
        readiness.bindRuntime(runtime);
        CompletableFuture<Boolean> waited = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                waited.complete(readiness.awaitReady(Duration.ofMinutes(5)));
            } catch (InterruptedException e) {
                waited.completeExceptionally(e);
            }
        }, "test-waiter");
        waiter.start();
        runtime.servlets = new String[] {"debswarm-aptlistener"};
        readiness.updatedRuntime(runtime);
        assertTrue(waited.get(60, TimeUnit.SECONDS));
        waiter.join(TimeUnit.SECONDS.toMillis(60));
    }

    @Test
    public void aWaitEndsAtItsDeadlineWhenNothingChanges() throws Exception {
        assertFalse(new AptReadiness(config()).awaitReady(Duration.ZERO));
    }

    static HealthConfiguration config() {
        return new HealthConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HealthConfiguration.class;
            }

            @Override
            public String aptRuntime_target() {
                return APT_TARGET;
            }

            @Override
            public String aptServletName() {
                return APT_SERVLET;
            }

            @Override
            public String aptListenerPid() {
                return "org.debswarm.aptlistener";
            }
        };
    }

    /** The DTOs of one Jetty instance whose default context holds the named servlets. */
    private static final class FakeRuntime implements HttpServiceRuntime {
        volatile String[] servlets;

        FakeRuntime(String... servlets) {
            this.servlets = servlets;
        }

        @Override
        public RuntimeDTO getRuntimeDTO() {
            ServletContextDTO context = new ServletContextDTO();
            context.servletDTOs = java.util.Arrays.stream(servlets).map(name -> {
                ServletDTO dto = new ServletDTO();
                dto.name = name;
                return dto;
            }).toArray(ServletDTO[]::new);
            RuntimeDTO runtime = new RuntimeDTO();
            runtime.servletContextDTOs = new ServletContextDTO[] {context};
            return runtime;
        }

        @Override
        public RequestInfoDTO calculateRequestInfoDTO(String path) {
            throw new UnsupportedOperationException();
        }
    }
}
