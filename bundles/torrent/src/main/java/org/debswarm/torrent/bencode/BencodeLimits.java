package org.debswarm.torrent.bencode;

/**
 * Bounds on what a decoder accepts, so that hostile input costs a clear {@link BencodeException} instead of
 * unbounded memory or stack. Immutable; derive variants with the {@code with...} methods, for example
 * {@code BencodeLimits.DEFAULT.withMaxStringLength(64 << 20)} for .torrent files with long piece lists.
 */
public final class BencodeLimits {

    /**
     * Depth 32, strings of 1 MiB, integers of 19 digits (all of {@code long}), values of 16 MiB in total,
     * 1,000,000 elements per list or dictionary.
     */
    public static final BencodeLimits DEFAULT = new BencodeLimits(32, 1 << 20, 19, 16 << 20, 1_000_000);

    private final int maxDepth;
    private final int maxStringLength;
    private final int maxIntegerDigits;
    private final int maxTotalSize;
    private final int maxElements;

    /**
     * @param maxDepth most nested lists and dictionaries, at least 1
     * @param maxStringLength longest string in bytes
     * @param maxIntegerDigits most digits of an integer, without its sign: 1 to 19
     * @param maxTotalSize most bytes of one encoded value
     * @param maxElements most elements of one list, or entries of one dictionary
     */
    public BencodeLimits(int maxDepth, int maxStringLength, int maxIntegerDigits, int maxTotalSize,
                         int maxElements) {
        this.maxDepth = require("maxDepth", maxDepth, 1, Integer.MAX_VALUE);
        this.maxStringLength = require("maxStringLength", maxStringLength, 0, Integer.MAX_VALUE);
        this.maxIntegerDigits = require("maxIntegerDigits", maxIntegerDigits, 1, 19);
        this.maxTotalSize = require("maxTotalSize", maxTotalSize, 1, Integer.MAX_VALUE);
        this.maxElements = require("maxElements", maxElements, 0, Integer.MAX_VALUE);
    }

    private static int require(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " (expected: " + min + " to " + max + ")");
        }
        return value;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int maxStringLength() {
        return maxStringLength;
    }

    public int maxIntegerDigits() {
        return maxIntegerDigits;
    }

    public int maxTotalSize() {
        return maxTotalSize;
    }

    public int maxElements() {
        return maxElements;
    }

    public BencodeLimits withMaxDepth(int value) {
        return new BencodeLimits(value, maxStringLength, maxIntegerDigits, maxTotalSize, maxElements);
    }

    public BencodeLimits withMaxStringLength(int value) {
        return new BencodeLimits(maxDepth, value, maxIntegerDigits, maxTotalSize, maxElements);
    }

    public BencodeLimits withMaxIntegerDigits(int value) {
        return new BencodeLimits(maxDepth, maxStringLength, value, maxTotalSize, maxElements);
    }

    public BencodeLimits withMaxTotalSize(int value) {
        return new BencodeLimits(maxDepth, maxStringLength, maxIntegerDigits, value, maxElements);
    }

    public BencodeLimits withMaxElements(int value) {
        return new BencodeLimits(maxDepth, maxStringLength, maxIntegerDigits, maxTotalSize, value);
    }

    @Override
    public String toString() {
        return "BencodeLimits[maxDepth=" + maxDepth + ", maxStringLength=" + maxStringLength
                + ", maxIntegerDigits=" + maxIntegerDigits + ", maxTotalSize=" + maxTotalSize
                + ", maxElements=" + maxElements + "]";
    }
}
