#!/usr/bin/env bash
# StorageBench: throughput of the on-disk store (bundles/storage) with verification, fsync and H2.
#
#   bench/storage.sh [folder on the disk to measure (default: a new temporary folder)]
#   JAVA_OPTS="-Xmx1g" bench/storage.sh /var/tmp/bench
#
# Builds the storage module (tests skipped), then compiles and runs the bench on the storage
# module's test classpath (which has H2), independent of bench/pom.xml.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o -pl bundles/storage -am install -DskipTests
mvn -B -q -o -pl bundles/storage dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
cp="bundles/storage/target/classes:$(cat bundles/storage/target/bench.classpath)"
out=bench/target/storage-bench-classes
mkdir -p "$out"
javac -d "$out" -cp "$cp" bench/src/main/java/org/debswarm/bench/StorageBench.java
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xms512m -Xmx512m} -cp "$out:$cp" org.debswarm.bench.StorageBench "$@"
