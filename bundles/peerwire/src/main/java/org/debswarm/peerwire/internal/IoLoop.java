package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named thread that owns a {@link Selector}: every socket of the engine is served here, and every piece
 * of swarm state is touched only here. Other threads hand work over with {@link #execute}, which wakes the
 * selector; the thread otherwise sleeps in {@code select()} until a channel is ready. No busy loop.
 */
public final class IoLoop implements Executor {

    /** What a registered channel does when the selector reports it ready. */
    public interface Handler {
        void ready(SelectionKey key);

        /** The loop is stopping: release the channel. */
        void shutdown();
    }

    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    public IoLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        if (!running) {
            throw new RejectedExecutionException("I/O loop " + thread.getName() + " is stopped");
        }
        tasks.add(task);
        selector.wakeup();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    public boolean isRunning() {
        return running;
    }

    /** Registers a channel; to be called on the loop thread. */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        return channel.register(selector, ops, handler);
    }

    private void run() {
        try {
            while (running) {
                selector.select();
                runTasks();
                for (SelectionKey key : selector.selectedKeys()) {
                    dispatch(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.warn("Peer wire I/O loop failed", e);
        } catch (Error e) {
            LOG.error("Peer wire I/O loop failed", e);
            throw e;
        } finally {
            shutdownChannels();
        }
    }

    // a handler's bug ends its channel, never the loop that serves every other one
    private static void dispatch(SelectionKey key) {
        Handler handler = (Handler) key.attachment();
        try {
            if (key.isValid()) {
                handler.ready(key);
            }
        } catch (RuntimeException e) {
            LOG.warn("Peer wire channel failed; closing it", e);
            handler.shutdown();
        }
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("Peer wire task failed", e);
            }
        }
    }

    private void shutdownChannels() {
        runTasks();
        for (SelectionKey key : selector.keys()) {
            try {
                ((Handler) key.attachment()).shutdown();
            } catch (RuntimeException e) {
                LOG.debug("Closing a channel on shutdown failed", e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Closing the selector failed", e);
        }
    }

    /**
     * Stops the thread after the tasks already handed over, and closes every channel. Waits at most
     * {@code timeout}; keeps the caller's interrupt.
     *
     * @return whether the thread ended in time
     */
    public boolean stop(Duration timeout) {
        tasks.add(() -> running = false);
        selector.wakeup();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        return !thread.isAlive();
    }
}
