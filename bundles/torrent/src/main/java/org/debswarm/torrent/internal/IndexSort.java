package org.debswarm.torrent.internal;

/** A stable merge sort of primitive int indexes, so 60,000 entries sort without boxing. */
final class IndexSort {

    @FunctionalInterface
    interface IndexComparator {
        int compare(int a, int b);
    }

    private IndexSort() {
    }

    static void sort(int[] indexes, int count, IndexComparator comparator) {
        int[] scratch = new int[count];
        int[] from = indexes;
        int[] to = scratch;
        for (int width = 1; width < count; width *= 2) {
            for (int lo = 0; lo < count; lo += 2 * width) {
                merge(from, to, lo, Math.min(lo + width, count), Math.min(lo + 2 * width, count), comparator);
            }
            int[] t = from;
            from = to;
            to = t;
        }
        if (from != indexes) {
            System.arraycopy(from, 0, indexes, 0, count);
        }
    }

    private static void merge(int[] from, int[] to, int lo, int mid, int hi, IndexComparator comparator) {
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (i < mid && (j >= hi || comparator.compare(from[i], from[j]) <= 0)) {
                to[k] = from[i++];
            } else {
                to[k] = from[j++];
            }
        }
    }
}
