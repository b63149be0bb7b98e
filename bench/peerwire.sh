#!/usr/bin/env bash
# PeerWireBench: MB/s of one node downloading a whole Packages torrent (default 64 files, 1 GiB of random
# bytes) from one other node on loopback (two real PeerEngines on real stores), next to aria2c -> aria2c with
# the same bytes (mktorrent, Debswarm's tracker on Jetty to introduce them), and SHA-256 alone as the ceiling.
# Target: >= 500 MB/s.
#
#   bench/peerwire.sh [--before] [total MiB=1024] [files=64]
#   JAVA_OPTS="-Xmx512m -XX:StartFlightRecording=filename=/tmp/peerwire.jfr" bench/peerwire.sh
#   --before: the bench twice in turn in each of two JVMs, one with the node's JVM options of bin/debswarm
#             (read from runtime/src/main/dist/bin/debswarm) and one with its options of before 2026-12-06 (no
#             malloc trimming, the JVM's own compile thresholds): issue 17, no loss beyond 10% from the options
#
# Needs (Debian): aria2 and mktorrent for the comparison. Builds the bench module (bench/pom.xml) and what it
# needs with `mvn package` (tests skipped; nothing is installed into ~/.m2) and runs the bench on its classpath.
# Temporary files (twice the size, plus aria2's copy) go to java.io.tmpdir and are deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
before=false
[ "${1:-}" = --before ] && { before=true; shift; }

# one reactor run of the bench module (PeerWireBench, with the tracker, Jetty and H2 it needs) and what it
# depends on: the sibling modules on the classpath are this build's jars, not ~/.m2's snapshots
mvn -B -q -o -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/peerwire-bench.classpath
cp="bench/target/classes:$(cat bench/target/peerwire-bench.classpath)"
bench() { # JVM options...
  java "$@" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" org.debswarm.bench.PeerWireBench "${args[@]}"
}
args=("$@")
if ! $before; then
  # shellcheck disable=SC2086
  bench ${JAVA_OPTS:--Xmx512m}
  exit
fi
eval "$(sed -n '/^node_java_opts=(/,/)$/p' runtime/src/main/dist/bin/debswarm)"   # sets node_java_opts
former=("${node_java_opts[@]}" -XX:TrimNativeHeapInterval=0 -XX:CompileThresholdScaling=1)
echo "node options: ${node_java_opts[*]}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in 1 2; do
  echo "== round $round, the former options"; bench "${former[@]}"
  echo "== round $round, bin/debswarm's options"; bench "${node_java_opts[@]}"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
