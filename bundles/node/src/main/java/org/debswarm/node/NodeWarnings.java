package org.debswarm.node;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's current warnings: the misconfigurations it can detect by itself (a peer wire on loopback while a
 * tracker on another host is announced to, a configured tracker that does not answer, a tracker that keeps
 * answering with no peers while Local Service Discovery finds some). Each is logged once when it appears
 * (WARN) and when it goes away (INFO); this service lists the ones that hold now, for consoles and scripts.
 * Registered by the node while it runs.
 *
 * @since 1.1
 */
@ProviderType
public interface NodeWarnings {

    /** The warnings that hold now, in the order they appeared; empty when nothing is wrong. */
    List<NodeWarning> current();
}
