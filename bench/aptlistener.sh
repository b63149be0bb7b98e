#!/bin/sh
# The apt listener's catalog on real Packages.xz files: parse time, retained heap, look-ups per second.
# Usage: bench/aptlistener.sh [Packages.xz ...]   (run from anywhere; default: bookworm main amd64 and all)
# Needs org.debswarm.aptlistener as a dependency of bench/pom.xml.
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am install -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/aptlistener-bench.classpath
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xms1g -Xmx1g} -cp "bench/target/classes:$(cat bench/target/aptlistener-bench.classpath)" \
    org.debswarm.bench.AptListenerBench "$@"
