package org.debswarm.storage.internal;

/**
 * Where eviction starts.
 *
 * @param maxStoreBytes    the stored contents may take at most this many bytes; 0: no limit
 * @param minFreeDiskBytes at least this much stays usable on the data folder's file system; 0: no limit
 */
public record StoreLimits(long maxStoreBytes, long minFreeDiskBytes) {

    /** No limit: what tools and most tests use. */
    public static final StoreLimits NONE = new StoreLimits(0, 0);

    public StoreLimits {
        if (maxStoreBytes < 0 || minFreeDiskBytes < 0) {
            throw new IllegalArgumentException("maxStoreBytes " + maxStoreBytes + ", minFreeDiskBytes "
                    + minFreeDiskBytes + " (expected: >= 0, 0 = no limit)");
        }
    }

    boolean any() {
        return maxStoreBytes > 0 || minFreeDiskBytes > 0;
    }

    /**
     * @param storedBytes what the stored contents take
     * @param usableBytes what is still usable on the file system
     * @param incoming    bytes about to be written
     * @return how many bytes must go for {@code incoming} to fit within both limits (0 or less: none)
     */
    long excess(long storedBytes, long usableBytes, long incoming) {
        long overMax = maxStoreBytes > 0 ? storedBytes + incoming - maxStoreBytes : 0;
        long underFree = minFreeDiskBytes > 0 ? minFreeDiskBytes - (usableBytes - incoming) : 0;
        return Math.max(overMax, underFree);
    }
}
