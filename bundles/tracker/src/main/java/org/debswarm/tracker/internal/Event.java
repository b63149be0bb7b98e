package org.debswarm.tracker.internal;

import java.nio.charset.StandardCharsets;

/**
 * The {@code event} of an announce: BEP 3's three events, BEP 21's {@code paused}, or none (a regular
 * announce).
 */
enum Event {
    NONE(""), STARTED("started"), COMPLETED("completed"), STOPPED("stopped"), PAUSED("paused");

    private final String wireName;

    Event(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Event parse(byte[] value) throws TrackerRequestException {
        if (value == null) {
            return NONE;
        }
        String text = new String(value, StandardCharsets.ISO_8859_1);
        for (Event event : values()) {
            if (event.wireName.equals(text)) {
                return event;
            }
        }
        throw new TrackerRequestException("event " + TrackerRequestException.excerpt(value)
                + " (expected: started, completed, stopped, paused or empty)");
    }

    /** The value as persisted; unknown text (a newer tracker wrote it) reads as NONE. */
    static Event fromWireName(String text) {
        for (Event event : values()) {
            if (event.wireName.equals(text)) {
                return event;
            }
        }
        return NONE;
    }
}
