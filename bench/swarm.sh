#!/usr/bin/env bash
# The swarm run of issue 6: one mirror limited to 20 MB/s (MirrorServer, a token bucket shared by every
# connection), 6 real nodes (bin/debswarm) on the first node's tracker, 6 real apt-get clients, all fetching the
# same 300 MB of .deb files at once. Prints the mirror's .deb bytes / the set's size (target <= 1.3), the time
# until each node's apt and the last one finished, and each node's bytes from peers and from the mirror.
#
#   bench/swarm.sh [--nodes 6] [--total-mb 300] [--rate-mb 20] [--stagger SECONDS=0] [--keep]
#   MAVEN_OPTS=-Dmaven.repo.local=/path/m2 bench/swarm.sh --stagger 5
#
# Needs (Debian): apt, dpkg-dev, xz-utils, gnupg. Builds the runtime and the itests test classes (tests
# skipped), then runs SwarmBench (itests/src/test/java/org/debswarm/itests/apt) on the itests test classpath.
# Temporary files (the archive plus one copy per node and per apt, about 2 x (nodes + 1) x the total) go to
# java.io.tmpdir and are deleted at the end, also on failure or Ctrl-C (--keep leaves them).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in apt-get dpkg-deb xz gpg gpgconf; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

mvn -B -q -o install -DskipTests -pl itests -am
mvn -B -q -o -pl itests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="itests/target/test-classes:$(cat itests/target/bench.classpath)"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx1g} -Ddebswarm.dist="$PWD/runtime/target/debswarm" -cp "$cp" \
    org.debswarm.itests.apt.SwarmBench "$@"
