package org.debswarm.aptlistener;

/**
 * How much index reading the apt listener has done since it started: the {@code Packages} and {@code Sources}
 * indices it parsed into its catalog, the {@code Release} and {@code InRelease} files it read (signature
 * checked), and how often either passed again with content it had already read, which it then did not read
 * again (a {@code 304 Not Modified} from the mirror, the same version served from the cache, or an index a new
 * Release lists unchanged). All counts start at 0 when the listener's component starts.
 *
 * @param packagesParsed {@code Packages} indices parsed, those the node brought forward through pdiffs included
 * @param sourcesParsed {@code Sources} indices parsed
 * @param releasesRead {@code Release} and {@code InRelease} files read, whatever the verdict on their signature
 * @param unchangedIndices {@code Packages} or {@code Sources} indices handed over again with content already
 *        parsed, and not parsed again
 * @param unchangedReleases Release files passing again with content already read, and not read again
 * @since 1.3
 */
public record IndexParseCounts(long packagesParsed, long sourcesParsed, long releasesRead, long unchangedIndices,
        long unchangedReleases) {

    /** Checks that no count is negative. */
    public IndexParseCounts {
        if (packagesParsed < 0 || sourcesParsed < 0 || releasesRead < 0 || unchangedIndices < 0
                || unchangedReleases < 0) {
            throw new IllegalArgumentException("negative count in " + packagesParsed + ", " + sourcesParsed + ", "
                    + releasesRead + ", " + unchangedIndices + ", " + unchangedReleases);
        }
    }
}
