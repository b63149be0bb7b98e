package org.debswarm.node.internal.tracker;

import static org.junit.Assert.assertNotNull;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} that runs nothing by itself: the test sees each delay asked for and runs the task. */
public final class ManualScheduler implements Scheduler {

    /** A scheduled task, its delay, and its handle (cancelled by the code under test). */
    public record Task(Runnable task, Duration delay, CompletableFuture<Void> handle) {

        public void run() {
            if (!handle.isCancelled()) {
                task.run();
            }
        }
    }

    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        CompletableFuture<Void> handle = new CompletableFuture<>();
        tasks.add(new Task(task, delay, handle));
        return handle;
    }

    /** The next task scheduled, waiting at most 10 s for the code under test to schedule it. */
    public Task next() throws InterruptedException {
        Task task = tasks.poll(10, TimeUnit.SECONDS);
        assertNotNull("nothing scheduled within 10 s", task);
        return task;
    }

    /** A task scheduled within {@code millis}, or null. */
    public Task poll(long millis) throws InterruptedException {
        return tasks.poll(millis, TimeUnit.MILLISECONDS);
    }
}
