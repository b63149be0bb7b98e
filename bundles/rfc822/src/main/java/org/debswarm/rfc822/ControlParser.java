package org.debswarm.rfc822;

import org.osgi.annotation.versioning.ProviderType;

/** Placeholder while the build is laid out. */
@ProviderType
public interface ControlParser {
    String name();
}
