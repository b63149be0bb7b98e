package org.debswarm.node.internal.tracker;

/** The {@code event} parameter of an announce (BEP 3); {@link #NONE} is a regular announce and sends none. */
public enum AnnounceEvent {
    STARTED("started"),
    COMPLETED("completed"),
    STOPPED("stopped"),
    NONE("");

    private final String wire;

    AnnounceEvent(String wire) {
        this.wire = wire;
    }

    /** The value on the wire; empty for {@link #NONE}. */
    public String wire() {
        return wire;
    }
}
