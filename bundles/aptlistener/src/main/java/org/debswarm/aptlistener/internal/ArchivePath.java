package org.debswarm.aptlistener.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a path lies in a Debian archive, which decides how it is served
 * (<a href="https://wiki.debian.org/DebianRepository/Format">Debian Repository Format</a>):
 * <ul>
 * <li>{@link Kind#INDEX}: below {@code <root>/dists/}, or a flat repository's {@code Packages*},
 * {@code Sources*}, {@code Release*}, {@code InRelease} or {@code by-hash/...} file. Cached and revalidated.</li>
 * <li>{@link Kind#PACKAGE}: below {@code <root>/pool/}, or a flat repository's {@code *.deb}, {@code *.udeb},
 * {@code *.dsc}, {@code *.tar.*}, {@code *.diff.gz}. Immutable; stored when an index lists them.</li>
 * <li>{@link Kind#OTHER}: anything else, refused unless the catalog lists it.</li>
 * </ul>
 *
 * @param kind how the path is served
 * @param path the path relative to the host
 * @param byHash whether the file is named by its digest ({@code by-hash/<algorithm>/<digest>}): immutable
 */
record ArchivePath(Kind kind, String path, boolean byHash) {

    /** How a path is served. */
    enum Kind { INDEX, PACKAGE, OTHER }

    private static final Pattern FLAT_INDEX = Pattern.compile("(Packages|Sources|Release|InRelease)([.-].*)?");
    private static final Pattern FLAT_PACKAGE = Pattern.compile(".+\\.(deb|udeb|ddeb|dsc|diff\\.gz|tar\\.[a-z0-9]+)");
    private static final Pattern PACKAGES = Pattern.compile("Packages(\\.(xz|gz|bz2|lzma))?");
    private static final Pattern SOURCES = Pattern.compile("Sources(\\.(xz|gz|bz2|lzma))?");

    /**
     * @param segments the decoded path segments, validated by {@link PathDecoder}
     * @return the classified path
     */
    static ArchivePath of(List<String> segments) {
        String path = String.join("/", segments);
        int by = segments.indexOf("by-hash");
        boolean byHash = by >= 0 && by == segments.size() - 3;
        int dists = segments.indexOf("dists");
        int pool = segments.indexOf("pool");
        String name = segments.get(segments.size() - 1);
        if (dists >= 0 && (pool < 0 || dists < pool) && segments.size() - dists >= 3) {
            return new ArchivePath(Kind.INDEX, path, byHash);
        }
        if (pool >= 0 && segments.size() - pool >= 2) {
            return new ArchivePath(Kind.PACKAGE, path, false);
        }
        if (byHash || FLAT_INDEX.matcher(name).matches()) {
            return new ArchivePath(Kind.INDEX, path, byHash);
        }
        return new ArchivePath(FLAT_PACKAGE.matcher(name).matches() ? Kind.PACKAGE : Kind.OTHER, path, false);
    }

    /** @return the file name, the last segment */
    String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** @return whether the file name is a Packages index in a compression the catalog reads */
    static boolean isPackagesIndex(String path) {
        return PACKAGES.matcher(path.substring(path.lastIndexOf('/') + 1)).matches()
                && !path.contains("/Packages.diff/");
    }

    /** @return whether the file name is a Sources index in a compression the catalog reads */
    static boolean isSourcesIndex(String path) {
        return SOURCES.matcher(path.substring(path.lastIndexOf('/') + 1)).matches()
                && !path.contains("/Sources.diff/");
    }

    /** @return whether the catalog reads this index: a Packages or Sources file */
    static boolean isCatalogued(String path) {
        return isPackagesIndex(path) || isSourcesIndex(path);
    }

    /** @return whether the file name is a Release file the listener reads for its by-hash names */
    static boolean isRelease(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("InRelease") || name.equals("Release");
    }

    /**
     * The archive root of an index: the part of its path before {@code dists/}, or a flat repository's folder.
     * Package file names in the index are relative to it.
     *
     * @param indexPath a path relative to the host
     * @return the root, empty for the host's top folder, else without leading or trailing slash
     */
    static String archiveRoot(String indexPath) {
        String[] segments = indexPath.split("/");
        StringBuilder root = new StringBuilder();
        int end = segments.length - 1;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals("dists")) {
                end = i;
                break;
            }
        }
        for (int i = 0; i < end; i++) {
            root.append(i == 0 ? "" : "/").append(segments[i]);
        }
        return root.toString();
    }
}
