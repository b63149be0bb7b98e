#!/bin/sh
# Throughput of the deb822 parser (bundles/rfc822) on a real Packages.xz.
# Usage: bench/rfc822.sh [path/to/Packages.xz] [measured rounds]   (run from anywhere)
# Extra JVM options: JAVA_OPTS="-Xmx2g" bench/rfc822.sh
set -eu
cd "$(dirname "$0")/.."
PACKAGES="${1:-../shared/data/debian/bookworm/main/binary-amd64/Packages.xz}"
ROUNDS="${2:-10}"

mvn -B -q -pl bench -am install -DskipTests
# The output file is resolved against the bench module's folder.
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/rfc822-bench.classpath
CLASSPATH_FILE=bench/target/rfc822-bench.classpath

java -version 2>&1
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xms1g -Xmx1g} -cp "bench/target/classes:$(cat "$CLASSPATH_FILE")" \
    org.debswarm.bench.Rfc822Bench "$PACKAGES" "$ROUNDS"
