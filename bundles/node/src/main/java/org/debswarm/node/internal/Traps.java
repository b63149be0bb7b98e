package org.debswarm.node.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.node.NodeWarning;
import org.debswarm.node.NodeWarnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's current warnings. Each is logged once when it appears (WARN, with the setting to change) and once
 * when it goes away (INFO); raising one that holds already only updates its text, quietly.
 */
final class Traps implements NodeWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(Traps.class);

    private final Map<String, NodeWarning> current = new LinkedHashMap<>();

    void raise(NodeWarning warning) {
        boolean isNew;
        synchronized (this) {
            isNew = current.put(warning.key(), warning) == null;
        }
        if (isNew) {
            LOG.warn("{} Change: {} (docs/fleet.md, \"Traps\")", warning.text(), warning.setting());
        }
    }

    /** @param why what ended it, for the INFO line */
    void clear(String key, String why) {
        NodeWarning gone;
        synchronized (this) {
            gone = current.remove(key);
        }
        if (gone != null) {
            LOG.info("{} (warning {} cleared)", why, gone.key());
        }
    }

    @Override
    public synchronized List<NodeWarning> current() {
        return List.copyOf(current.values());
    }
}
