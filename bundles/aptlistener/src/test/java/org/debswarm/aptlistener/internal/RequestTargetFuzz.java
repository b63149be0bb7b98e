package org.debswarm.aptlistener.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): what an apt client controls in a request. The input's lines are
 * the raw request path, the Host name and the Range header (UTF-8, as Jetty hands them over); they go through
 * the target parser, the archive path classification and the range parser as {@link AptListener} uses them. An
 * {@link HttpRefusal} (an HTTP error status) is the documented answer to bad input; anything else escaping is
 * a finding.
 */
public final class RequestTargetFuzz {

    private static final int LOCAL_PORT = 9988;
    private static final TargetParser PARSER = new TargetParser(
            MirrorAllowList.of("deb.debian.org", "security.debian.org:8080"), 4096);

    private RequestTargetFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 3);
        String rawPath = lines[0];
        String host = lines.length > 1 ? lines[1] : "localhost";
        try {
            RequestTarget target = PARSER.parse(rawPath, null, host, LOCAL_PORT, LOCAL_PORT);
            ArchivePath.of(List.of(target.path().split("/")));
            target.mirrorUri("http");
        } catch (HttpRefusal expected) {
            // the documented refusal
        }
        String range = lines.length > 2 ? lines[2] : rawPath;
        try {
            RangeRequest.resolve(range, 1L << 20);
        } catch (HttpRefusal expected) {
            // the documented refusal
        }
        RangeRequest.forMirror(range);
    }
}
