package org.debswarm.node.internal.tracker;

import java.time.Duration;
import java.util.concurrent.Future;

/** Runs a task once after a delay; a seam so that tests check announce schedules without sleeping. */
@FunctionalInterface
public interface Scheduler {

    /** @return the scheduled task, to cancel */
    Future<?> schedule(Runnable task, Duration delay);
}
