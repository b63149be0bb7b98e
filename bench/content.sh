#!/usr/bin/env bash
# ContentSwarmBench: the content swarm's figures (issue 14) between two real engines on loopback, each on a real
# store: the inventory a node holding N files sends, the heap that peer costs the other, and the time from
# "stored" to "a connected peer finds it".
#
#   bench/content.sh [files=5000] [rounds=20]
#
# Builds the bench module and what it needs with `mvn package` (tests skipped; nothing is installed into ~/.m2):
# the sibling modules on the classpath are this build's jars. Temporary stores go to java.io.tmpdir.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/content-bench.classpath
cp="bench/target/classes:$(cat bench/target/content-bench.classpath)"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx512m} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    org.debswarm.bench.ContentSwarmBench "$@"
