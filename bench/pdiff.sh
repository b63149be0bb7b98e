#!/usr/bin/env bash
# PdiffBench: time for the node to follow a real-size pdiff series on bookworm main amd64's Packages (50 MB):
# versions with a few hundred entries edited each, real `diff --ed` patches (unmerged chain and merged), applied
# with bundles/aptlistener's EdPatch and checked by SHA-256 as PdiffFollower does; next to xz decode + rfc822
# parse of the whole Packages.xz. Target: well under the whole index, under 0.3 s.
#
#   bench/pdiff.sh [path/to/Packages.xz] [versions=8] [edited entries per version=300] [measured rounds=5]
#   JAVA_OPTS="-Xmx512m -XX:StartFlightRecording=filename=/tmp/pdiff.jfr" bench/pdiff.sh
#
# Needs diff (GNU diffutils). Builds the aptlistener module (and what it needs, tests skipped), then compiles
# and runs the bench on its test classpath (rfc822, xz, commons-compress), independent of bench/pom.xml.
# Temporary files (about versions x 50 MB) go to java.io.tmpdir and are deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v diff >/dev/null || { echo "missing: diff (Debian package diffutils)" >&2; exit 1; }
mvn -B -q -o -pl bundles/aptlistener -am install -DskipTests
mvn -B -q -o -pl bundles/aptlistener dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
cp="bundles/aptlistener/target/classes:$(cat bundles/aptlistener/target/bench.classpath)"
out=bench/target/pdiff-bench-classes
mkdir -p "$out"
javac -d "$out" -cp "$cp" bench/src/main/java/org/debswarm/bench/PdiffBench.java
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xms1g -Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$out:$cp" \
    org.debswarm.bench.PdiffBench "$@"
