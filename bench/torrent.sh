#!/usr/bin/env bash
# TorrentBench: time, allocation and heap to build the architecture and `all` torrents of a real Packages
# file (bundles/torrent, reading through bundles/rfc822): from Packages.xz on disk (xz + parse + derive),
# from the text already decompressed, and the derivation alone.
#
#   bench/torrent.sh [path/to/Packages.xz] [measured rounds=10] [xz-only]
#   JAVA_OPTS="-Xmx40m" bench/torrent.sh "" 10 xz-only   # only the path from the file, in a 40 MiB heap
#   MAVEN_OPTS="-Dmaven.repo.local=..." bench/torrent.sh     # another local Maven repository
#
# Builds the torrent module (and rfc822, tests skipped), then compiles and runs the bench on the torrent
# module's test classpath (which has rfc822 and xz), independent of bench/pom.xml.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o -pl bundles/torrent -am install -DskipTests
mvn -B -q -o -pl bundles/torrent dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
cp="bundles/torrent/target/classes:$(cat bundles/torrent/target/bench.classpath)"
out=bench/target/torrent-bench-classes
mkdir -p "$out"
javac -d "$out" -cp "$cp" bench/src/main/java/org/debswarm/bench/TorrentBench.java
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xms1g -Xmx1g} -cp "$out:$cp" org.debswarm.bench.TorrentBench "$@"
