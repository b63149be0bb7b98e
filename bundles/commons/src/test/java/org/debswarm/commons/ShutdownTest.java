package org.debswarm.commons;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.After;
import org.junit.Test;

public class ShutdownTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final Duration NONE = Duration.ZERO;

    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @After
    public void releaseStuckTask() {
        release.countDown();
        Thread.interrupted();
    }

    @Test
    public void nowInterruptsTheRunningTaskAndReportsTermination() throws Exception {
        CountDownLatch interrupted = startTaskWaitingForRelease();
        assertTrue(Shutdown.now(executor, "test", LONG));
        assertEquals(0, interrupted.getCount()); // counted down before the task ended
    }

    @Test
    public void nowReportsAWaitThatRanOut() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            awaitUninterruptibly(release);
        });
        started.await();
        assertFalse(Shutdown.now(executor, "test", NONE));
        release.countDown();
        assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    public void orderlyLetsTheRunningTaskFinishAndCancelsPeriodicTicks() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        timer.scheduleAtFixedRate(() -> {
            if (started.getCount() == 0) {
                return;
            }
            started.countDown();
            awaitUninterruptibly(release);
            finished.set(true);
        }, 0, 1, TimeUnit.MILLISECONDS);
        started.await();
        Thread releaser = new Thread(release::countDown);
        releaser.start(); // while orderly waits: the task is not interrupted, it finishes
        assertTrue(Shutdown.orderly(timer, "test", LONG));
        assertTrue(finished.get());
        releaser.join();
    }

    @Test
    public void orderlyInterruptsWhenTheWaitRunsOut() throws Exception {
        CountDownLatch interrupted = startTaskWaitingForRelease();
        assertFalse(Shutdown.orderly(executor, "test", NONE));
        assertTrue(interrupted.await(30, TimeUnit.SECONDS));
    }

    @Test
    public void anInterruptedCallerKeepsItsInterruptAndTheExecutorIsInterrupted() throws Exception {
        CountDownLatch interrupted = startTaskWaitingForRelease();
        Thread.currentThread().interrupt();
        assertFalse(Shutdown.orderly(executor, "test", LONG));
        assertTrue(Thread.interrupted());
        assertTrue(interrupted.await(30, TimeUnit.SECONDS));
    }

    /** @return counted down when the task, now running, is interrupted */
    private CountDownLatch startTaskWaitingForRelease() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        started.await();
        return interrupted;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
