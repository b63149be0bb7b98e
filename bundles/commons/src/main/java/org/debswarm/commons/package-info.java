/**
 * Plumbing shared by the Debswarm bundles, kept in one place so that each job has one implementation:
 * {@link org.debswarm.commons.Shutdown} stops an executor with a bounded wait and says when the wait ran out;
 * {@link org.debswarm.commons.TransactionRunner} runs units of work as transactions on one lazily opened JDBC
 * connection that is dropped and reopened after a failure; {@link org.debswarm.commons.Whiteboard} holds the
 * listeners of a whiteboard source, bound without being obtained, so that the source and its listeners never
 * form a cycle of activations; {@link org.debswarm.commons.FrameworkState} says whether the framework is stopping.
 *
 * <p>Plain classes, no services: a bundle uses them from its own components' threads.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.debswarm.commons;
