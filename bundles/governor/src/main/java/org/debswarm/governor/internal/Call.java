package org.debswarm.governor.internal;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.governor.ContentRange;
import org.debswarm.governor.MirrorException;
import org.debswarm.governor.MirrorException.Reason;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code fetch}, from the queue to the last body byte: a state machine driven by the
 * admission queue, Jetty's callbacks, the deadline timer and the caller. Transitions happen
 * under the lock; whatever calls out (Jetty, the queue, the future) runs after it is released.
 * Longer than the other classes on purpose: its transitions read best side by side.
 */
final class Call implements AdmissionQueue.Waiter {

    private static final Logger LOG = LoggerFactory.getLogger(Call.class);

    /** The abort cause of an exchange that a retry or a redirect replaces. */
    private static final Exception SUPERSEDED = new Exception("superseded by a retry or a redirect", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    private enum State { QUEUED, BACKING_OFF, SENDING, DELIVERED, DONE }

    private final CallContext ctx;
    private final MirrorRequest request;
    private final Duration deadline;
    private final long deadlineNanos;
    private final Route route;
    private final CompletableFuture<MirrorResponse> future = new CompletableFuture<>();

    private State state = State.QUEUED;
    private Attempt attempt;
    private Scheduler.Task deadlineTask;
    private Scheduler.Task backoffTask;

    Call(CallContext ctx, MirrorRequest request) {
        this.ctx = ctx;
        this.request = request;
        this.deadline = request.deadline().orElse(ctx.settings.defaultDeadline());
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
        this.route = new Route(request, ctx.settings, ctx.retryPolicy, deadlineNanos);
    }

    CompletableFuture<MirrorResponse> start() {
        ctx.live.add(this);
        Scheduler.Task timer = ctx.schedule(
                () -> abandon(Reason.DEADLINE_EXCEEDED, "deadline of " + deadline.toMillis() + " ms passed"),
                deadline.toNanos());
        if (timer == null) {
            finish(Failures.shutdown(request.uri()));
            return future;
        }
        synchronized (this) {
            deadlineTask = timer;
        }
        future.whenComplete((response, failure) -> {
            if (future.isCancelled()) {
                abandon(Reason.CANCELLED, "cancelled by the caller");
            }
        });
        enqueue();
        return future;
    }

    /** The governor is stopping: end this call, wherever it is. */
    void shutdown() {
        abandon(Reason.SHUTDOWN, "the governor stopped");
    }

    @Override
    public void admitted(HostLane lane) {
        Attempt admitted = null;
        synchronized (this) {
            if (state == State.QUEUED) {
                state = State.SENDING;
                route.attemptStarted(lane.host);
                attempt = admitted = new Attempt(this, ctx, request, route.target(), lane, deadlineNanos);
            }
        }
        if (admitted == null) {
            ctx.queue.release(lane); // abandoned while the slot was being granted
            return;
        }
        lane.countRequest();
        admitted.send();
    }

    /** Jetty has the final response's headers: hand the response over, or replace it by a retry or redirect. */
    void onHeaders(Attempt a, Response response) {
        int status = response.getStatus();
        if (status >= 500) {
            a.lane.countError(false);
        }
        Attempt.Superseded next = null;
        MirrorException failure = null;
        ContentRange range = null;
        synchronized (this) {
            if (state != State.SENDING || attempt != a) {
                return; // abandoned meanwhile; its abort is under way
            }
            try {
                next = route.replacement(a.uri, status, response.getHeaders());
                range = next == null && status == 206 ? route.checkedRange(a.uri, response.getHeaders()) : null;
            } catch (MirrorException e) {
                failure = e;
            }
            if (next == null && failure == null) {
                state = State.DELIVERED;
            }
        }
        if (next != null) {
            LOG.debug("{}: HTTP {} from {}, next try {} in {} ms", request, status, a.uri, next.nextTarget(), next.delayMillis());
            a.supersede(next, SUPERSEDED);
        } else if (failure != null) {
            a.abort(failure);
        } else {
            deliver(a, response, range);
        }
    }

    /** Jetty has finished the exchange: free its slot, then retry, fail or settle. */
    void onComplete(Attempt a, Throwable failure) {
        ctx.queue.release(a.lane);
        Attempt.Superseded next = a.superseded();
        MirrorException error = failure == null || next != null ? null : classify(a, failure);
        if (error != null && error.reason() != Reason.CANCELLED && error.reason() != Reason.SHUTDOWN) {
            a.lane.countError(error.reason().isTimeout());
        }
        State after;
        MirrorException finalError = null;
        synchronized (this) {
            if (attempt != a || state == State.DONE) {
                return;
            }
            if (state == State.DELIVERED) {
                done(); // the body stream reports its own failure, if any
            } else {
                if (next == null && error != null && RetryPolicy.retryable(error.reason())) {
                    next = route.planRetry(-1);
                }
                if (next != null) {
                    route.adopt(next);
                    state = next.delayMillis() > 0 ? State.BACKING_OFF : State.QUEUED;
                } else {
                    finalError = route.gaveUp(error != null ? error : new MirrorException(Reason.PROTOCOL_ERROR,
                            a.uri, "the exchange ended without a final response", null));
                }
            }
            after = state;
        }
        if (next != null && error != null) {
            LOG.debug("{}: {}, next try {} in {} ms", request, error.getMessage(), next.nextTarget(), next.delayMillis());
        }
        switch (after) {
            case QUEUED -> enqueue();
            case BACKING_OFF -> backOff(next.delayMillis());
            case DONE -> cancel(deadlineTask());
            default -> finish(finalError);
        }
    }

    private void deliver(Attempt a, Response response, ContentRange range) {
        JettyMirrorResponse delivered = new JettyMirrorResponse(request, response, a.uri, a.body, range);
        boolean bodiless = request.method() == MirrorRequest.Method.HEAD || response.getStatus() == 204
                || response.getStatus() == 304;
        a.body.delivered(bodiless ? 0 : delivered.contentLength().orElse(-1));
        ctx.dispatch(() -> {
            if (!future.complete(delivered)) {
                delivered.close(); // the caller cancelled meanwhile
            }
        });
    }

    private void enqueue() {
        URI uri = target();
        switch (ctx.queue.submit(Hosts.key(uri), this)) {
            case FULL -> finish(new MirrorException(Reason.QUEUE_FULL, uri, "queue full: "
                    + ctx.settings.queueCapacity() + " requests already wait for a connection (limit queueCapacity="
                    + ctx.settings.queueCapacity() + "); " + request + " was not sent", null));
            case CLOSED -> finish(Failures.shutdown(uri));
            default -> { }
        }
    }

    private void backOff(long delayMillis) {
        Scheduler.Task task = ctx.schedule(this::afterBackoff, TimeUnit.MILLISECONDS.toNanos(delayMillis));
        if (task == null) {
            finish(Failures.shutdown(target()));
            return;
        }
        synchronized (this) {
            backoffTask = task;
        }
    }

    private void afterBackoff() {
        synchronized (this) {
            if (state != State.BACKING_OFF) {
                return;
            }
            state = State.QUEUED;
        }
        enqueue();
    }

    /** Deadline or cancellation: leave the queue, stop the timers, abort the exchange, fail the future. */
    private void abandon(Reason reason, String why) {
        MirrorException failure;
        State was;
        Attempt current;
        Scheduler.Task backoff;
        synchronized (this) {
            was = state;
            if (was == State.DONE) {
                return;
            }
            current = attempt;
            backoff = backoffTask;
            failure = new MirrorException(reason, route.target(), request + ": " + why + " " + phase(), null);
            if (was != State.DELIVERED) {
                done();
            }
        }
        switch (was) {
            case QUEUED -> ctx.queue.withdraw(Hosts.key(failure.uri()), this);
            case BACKING_OFF -> cancel(backoff);
            default -> current.abort(failure);
        }
        if (was != State.DELIVERED) {
            cancel(deadlineTask());
            ctx.dispatch(() -> future.completeExceptionally(failure));
        }
    }

    private void finish(MirrorException failure) {
        Scheduler.Task timer;
        Scheduler.Task backoff;
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            done();
            timer = deadlineTask;
            backoff = backoffTask;
        }
        cancel(timer);
        cancel(backoff);
        ctx.dispatch(() -> future.completeExceptionally(failure));
    }

    // --- under the lock ---

    private void done() {
        state = State.DONE;
        ctx.live.remove(this);
    }

    private String phase() {
        String host = Hosts.key(route.target());
        return switch (state) {
            case QUEUED -> "while waiting for a connection to " + host;
            case BACKING_OFF -> "while waiting to retry after " + route.attempts() + " attempts";
            case SENDING -> "while waiting for the response headers from " + host;
            default -> "while the body from " + host + " was being read";
        };
    }

    // --- helpers ---

    private MirrorException classify(Attempt a, Throwable failure) {
        return ctx.stopping() ? Failures.shutdown(a.uri)
                : Failures.classify(failure, a.uri, ctx.settings, "before the response headers");
    }

    private synchronized Scheduler.Task deadlineTask() {
        return deadlineTask;
    }

    private synchronized URI target() {
        return route.target();
    }

    private static void cancel(Scheduler.Task task) {
        if (task != null) {
            task.cancel();
        }
    }
}
