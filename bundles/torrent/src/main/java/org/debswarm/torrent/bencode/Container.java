package org.debswarm.torrent.bencode;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A list or dictionary that {@link BencodeDecoder} is filling, with the checks that depend on its contents. */
final class Container {

    private final List<Object> list;
    private final SortedMap<ByteString, Object> dictionary;
    private final int start;
    private ByteString key;
    private ByteString lastKey;

    private Container(List<Object> list, SortedMap<ByteString, Object> dictionary, int start) {
        this.list = list;
        this.dictionary = dictionary;
        this.start = start;
    }

    static Container list(int start) {
        return new Container(new ArrayList<>(), null, start);
    }

    static Container dictionary(int start) {
        return new Container(null, new TreeMap<>(), start);
    }

    int start() {
        return start;
    }

    boolean isDictionary() {
        return dictionary != null;
    }

    /** True when the next element is a dictionary key, or the container may end. */
    boolean mayEnd() {
        return key == null;
    }

    boolean expectsKey() {
        return dictionary != null && key == null;
    }

    ByteString pendingKey() {
        return key;
    }

    Object value() {
        return list != null ? list : dictionary;
    }

    void add(Object element, int offset, BencodeLimits limits, boolean sortedKeys) throws BencodeException {
        if (list != null) {
            checkSize(list.size(), offset, limits, "list", "elements");
            list.add(element);
        } else if (key == null) {
            acceptKey((ByteString) element, offset, limits, sortedKeys);
        } else {
            dictionary.put(key, element);
            key = null;
        }
    }

    private void acceptKey(ByteString candidate, int offset, BencodeLimits limits, boolean sortedKeys)
            throws BencodeException {
        checkSize(dictionary.size(), offset, limits, "dictionary", "entries");
        if (dictionary.containsKey(candidate)) {
            throw new BencodeException("duplicate dictionary key " + candidate, offset, "unique keys");
        }
        if (sortedKeys && lastKey != null && candidate.compareTo(lastKey) < 0) {
            throw new BencodeException("dictionary key " + candidate + " after " + lastKey, offset,
                    "keys sorted by raw bytes");
        }
        key = candidate;
        lastKey = candidate;
    }

    private static void checkSize(int size, int offset, BencodeLimits limits, String what, String unit)
            throws BencodeException {
        if (size >= limits.maxElements()) {
            throw new BencodeException(what + " with more than " + limits.maxElements() + " " + unit, offset,
                    "<= " + limits.maxElements() + " " + unit);
        }
    }
}
