package org.debswarm.torrent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = DefaultTorrentRegistry.PID, name = "Debswarm torrent registry",
        description = "Running Packages torrents, and how long superseded ones keep seeding.")
public @interface TorrentRegistryConfiguration {

    @AttributeDefinition(name = "Superseded retention",
            description = "How long a torrent that no current Packages file lists keeps seeding before it is"
                    + " dropped, as an ISO-8601 duration: P2D (two days), PT12H, PT0S (drop at once).")
    String supersededRetention() default "P2D";
}
