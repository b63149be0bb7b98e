#!/usr/bin/env bash
# TrackerBench: announces per second of the Debswarm tracker (real component, H2 writer on, servlets on a
# plain Jetty 12) against opentracker, both loaded by wrk on 127.0.0.1.
#
#   bench/tracker.sh [seconds=15] [connections=64]
#   JAVA_OPTS="-Xmx1g -Dbench.flushPeriod=3600000" bench/tracker.sh     # database writer effectively off
#
# Needs (Debian): wrk and opentracker (apt-get install -y wrk opentracker). Without wrk a Java load generator
# is used; without opentracker no ratio is printed. Builds the tracker module, then compiles and runs the bench
# on the tracker's test classpath (which has Jetty's servlet support), independent of bench/pom.xml.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in wrk opentracker; do
  command -v "$tool" >/dev/null || echo "note: $tool not installed (apt-get install -y $tool)" >&2
done

mvn -B -q -o -pl bundles/tracker -am install -DskipTests
mvn -B -q -o -pl bundles/tracker dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
cp="bundles/tracker/target/classes:$(cat bundles/tracker/target/bench.classpath)"
out=bundles/tracker/target/bench-classes
mkdir -p "$out"
javac -d "$out" -cp "$cp" bench/src/main/java/org/debswarm/bench/TrackerBench.java
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$out:$cp" \
    org.debswarm.bench.TrackerBench "$@"
