package org.debswarm.aptlistener;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears of every {@code Packages} index the apt listener has parsed (whiteboard: register an instance as
 * an OSGi service), and since 1.1 of every {@code Sources} index ({@link PackagesIndex#isSources()}). Only
 * indices that a Release whose OpenPGP signature verified lists with their exact digest are parsed and
 * announced. A listener registered after indices were parsed is first told of every current one.
 * <p>
 * Calls come one at a time on the listener's own thread; a slow listener delays the others, so hand long
 * work to an executor of your own. An exception is logged and does not stop later calls.
 */
@ConsumerType
@FunctionalInterface
public interface PackagesIndexListener {

    /**
     * A {@code Packages} (or {@code Sources}) index was parsed: fetched anew, found changed, brought up to date
     * by the node through pdiffs, or read from the cache at start.
     * An index whose content did not change (a {@code 304 Not Modified} from the mirror) is not parsed again
     * and not announced again.
     *
     * @param index the index, which replaces any earlier one with the same {@link PackagesIndex#source()}
     */
    void packagesIndexed(PackagesIndex index);
}
