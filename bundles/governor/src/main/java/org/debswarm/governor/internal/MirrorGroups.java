package org.debswarm.governor.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mirror groups from configuration: hosts that serve the same archive under the same paths, so
 * that a request failing on one may be sent to the next. Written {@code a|b|c}, groups separated
 * by ',' or given as separate values.
 */
final class MirrorGroups {

    /** A group member; port -1 means "the request's scheme default". */
    private record Member(String host, int port) {
        boolean matches(URI uri) {
            return host.equals(uri.getHost().toLowerCase(Locale.ROOT))
                    && (port < 0 ? uri.getPort() < 0 || uri.getPort() == Hosts.defaultPort(uri.getScheme())
                            : port == Hosts.effectivePort(uri));
        }
    }

    static final MirrorGroups NONE = new MirrorGroups(List.of());

    private final List<List<Member>> groups;

    private MirrorGroups(List<List<Member>> groups) {
        this.groups = groups;
    }

    static MirrorGroups parse(String[] values) {
        List<List<Member>> groups = new ArrayList<>();
        Map<Member, Integer> seen = new HashMap<>();
        for (String value : values == null ? new String[0] : values) {
            for (String group : value.split(",")) {
                if (!group.isBlank()) {
                    groups.add(group(group.trim(), groups.size() + 1, seen));
                }
            }
        }
        return new MirrorGroups(List.copyOf(groups));
    }

    /**
     * @return the URIs to try in order: {@code uri} itself, then the other members of its group
     *         starting after it and wrapping round; just {@code uri} when it is in no group
     */
    List<URI> candidates(URI uri) {
        for (List<Member> group : groups) {
            for (int i = 0; i < group.size(); i++) {
                if (group.get(i).matches(uri)) {
                    return rotation(uri, group, i);
                }
            }
        }
        return List.of(uri);
    }

    int size() {
        return groups.size();
    }

    private static List<URI> rotation(URI uri, List<Member> group, int start) {
        List<URI> result = new ArrayList<>(group.size());
        result.add(uri);
        for (int k = 1; k < group.size(); k++) {
            Member m = group.get((start + k) % group.size());
            result.add(Hosts.withAuthority(uri, m.host(), m.port()));
        }
        return List.copyOf(result);
    }

    private static List<Member> group(String text, int number, Map<Member, Integer> seen) {
        List<Member> members = new ArrayList<>();
        for (String entry : text.split("\\|")) {
            Member member = member(entry.trim(), number);
            Integer earlier = seen.putIfAbsent(member, number);
            if (earlier != null) {
                throw new IllegalArgumentException("configuration mirrorGroups: host '" + entry.trim()
                        + "' in group " + number + " is already in group " + earlier
                        + " (expected: each host in one group)");
            }
            members.add(member);
        }
        return List.copyOf(members);
    }

    private static Member member(String entry, int number) {
        URI uri;
        try {
            uri = new URI("http://" + entry);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (entry.isEmpty() || uri == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("configuration mirrorGroups: entry '" + entry + "' in group " + number
                    + " (expected: host or host:port, groups written a|b|c)");
        }
        return new Member(uri.getHost().toLowerCase(Locale.ROOT), uri.getPort());
    }
}
