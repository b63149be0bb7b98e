#!/usr/bin/env bash
# PeerWireBench: MB/s of one node downloading a whole Packages torrent (default 64 files, 1 GiB of random
# bytes) from one other node on loopback (two real PeerEngines on real stores), next to aria2c -> aria2c with
# the same bytes (mktorrent, Debswarm's tracker on Jetty to introduce them), and SHA-256 alone as the ceiling.
# Target: >= 500 MB/s.
#
#   bench/peerwire.sh [total MiB=1024] [files=64]
#   JAVA_OPTS="-Xmx512m -XX:StartFlightRecording=filename=/tmp/peerwire.jfr" bench/peerwire.sh
#
# Needs (Debian): aria2 and mktorrent for the comparison. Builds the peerwire module (tests skipped), then
# compiles and runs the bench on its test classpath (tracker, Jetty, H2), independent of bench/pom.xml.
# Temporary files (twice the size, plus aria2's copy) go to java.io.tmpdir and are deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o -pl bundles/peerwire install -DskipTests
mvn -B -q -o -pl bundles/peerwire dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
cp="bundles/peerwire/target/classes:$(cat bundles/peerwire/target/bench.classpath)"
out=bundles/peerwire/target/bench-classes
mkdir -p "$out"
javac -d "$out" -cp "$cp" bench/src/main/java/org/debswarm/bench/PeerWireBench.java
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx512m} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$out:$cp" \
    org.debswarm.bench.PeerWireBench "$@"
