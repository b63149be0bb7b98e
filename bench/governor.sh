#!/usr/bin/env bash
# GovernorBench: MB/s of one large download over loopback through the connection governor
# (bundles/governor), next to a bare Jetty HttpClient (blocking stream and async) and curl.
# Target: the governor within 10% of the bare client's blocking stream.
#
#   bench/governor.sh [size in MiB=1024] [measured rounds=3] [sparse|random]
#   JAVA_OPTS="-Xmx256m" bench/governor.sh 4096
#
# Builds the governor modules (tests skipped), then compiles and runs the bench on the governor's
# test classpath (which has jetty-server), independent of bench/pom.xml. The small default heap shows
# that a body streams: 1 GiB never sits in memory.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o -pl bundles/governor -am install -DskipTests
mvn -B -q -o -pl bundles/governor dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
cp="bundles/governor/target/classes:$(cat bundles/governor/target/bench.classpath)"
out=bench/target/governor-bench-classes
mkdir -p "$out"
javac -d "$out" -cp "$cp" bench/src/main/java/org/debswarm/bench/GovernorBench.java
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xms128m -Xmx128m} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$out:$cp" org.debswarm.bench.GovernorBench "$@"
