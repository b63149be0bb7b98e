package org.debswarm.node.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@value #PID}: which trackers the node announces its Packages torrents to, and how. */
@ObjectClassDefinition(id = NodeSwarmConfiguration.PID, name = "Debswarm node swarm",
        description = "Turns every Packages index apt fetched into its two torrents, runs them and announces them;"
                + " runs the .torrent files of <debswarm.home>/torrents.")
public @interface NodeSwarmConfiguration {

    String PID = "org.debswarm.node";

    @AttributeDefinition(name = "Trackers",
            description = "HTTP(S) announce URLs for the Packages torrents; each is its own tier (all are"
                    + " announced to). Standard .torrent files use their own trackers.")
    String[] trackers() default {"http://127.0.0.1:6969/announce"};

    @AttributeDefinition(name = "Peer port", description = "The peer-wire port announced to trackers.")
    int peerPort() default 6881;

    @AttributeDefinition(name = "Peers wanted", description = "numwant: peers asked of a tracker per announce.")
    int numwant() default 50;

    @AttributeDefinition(name = "Announce deadline",
            description = "Seconds an announce may take, connection included; a slower tracker counts as down.")
    int announceDeadline() default 30;

    @AttributeDefinition(name = "Stop deadline",
            description = "Seconds the node waits, when it stops, for the trackers to hear 'stopped'.")
    int stopDeadline() default 5;

    @AttributeDefinition(name = "Torrent folder",
            description = "Folder watched for standard .torrent files; empty = <debswarm.home>/torrents."
                    + " The content goes to <store data>/torrents/<name>/.")
    String torrentFolder() default "";

    @AttributeDefinition(name = "Watch torrent folder", description = "Whether to run .torrent files at all.")
    boolean watchTorrentFolder() default true;
}
