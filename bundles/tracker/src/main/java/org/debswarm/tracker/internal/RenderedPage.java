package org.debswarm.tracker.internal;

/** A rendered status page: its HTTP status and its body. */
record RenderedPage(int status, String body) {
}
